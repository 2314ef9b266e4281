import fs from 'node:fs';
import type { Services } from '../../../services.js';
import { AppError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/policy.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { byHromada, linksOf, livePersonIds, withOwnApplication } from '../cabinet.access.js';
import { attachmentOf, type AttachmentRow } from '../cabinet.queries.js';
import { storedPath, type FileType } from '../cabinet.files.js';

export interface ApplicationFileRow {
  id: string; application_id: string; registration_number: string | null; service_name: string; requirement: string;
  file_name: string; content_type: FileType; size: number; uploaded_at: Date;
}

/**
 * «Мої документи»: the files sent with the resident's own applications (the online form, answers to
 * requests for documents, messages), in every hromada the account is linked to, newest first. Each
 * hromada's listing is audited in its own trail (how many files, not which).
 */
export async function listMyApplicationFiles(o: { services: Services; actor: Actor; meta?: RequestMeta }): Promise<ApplicationFileRow[]> {
  const out: ApplicationFileRow[] = [];
  for (const [hromadaId, personIds] of byHromada(await linksOf(o.services, o.actor.userId))) {
    const rows = await o.services.db.tx({ hromadaId, userId: o.actor.userId }, async (c) => {
      const persons = await livePersonIds(c, personIds);
      const { rows: files } = await c.query<ApplicationFileRow>(
        `SELECT d.id, d.application_id, a.registration_number, s.name AS service_name, d.requirement, d.file_name, d.content_type,
           d.size, d.uploaded_at
         FROM application_documents d JOIN applications a ON a.id = d.application_id JOIN services s ON s.id = a.service_id
         WHERE a.hromada_id = $1 AND a.person_id = ANY($2::uuid[]) ORDER BY d.uploaded_at DESC, d.id LIMIT 500`, [hromadaId, persons]);
      if (files.length) {
        await writeAudit(c, { ...auditBy(o.actor, o.meta, hromadaId), action: 'cabinet.applicationFiles.list', operation: 'read',
          entityType: 'application', entityId: null, fields: ['documents'], reason: `results:${files.length}` });
      }
      return files;
    });
    out.push(...rows);
  }
  return out.sort((a, b) => b.uploaded_at.getTime() - a.uploaded_at.getTime());
}

/** A file of one of the resident's own applications (anything else → 404); the download is audited. */
export async function openMyApplicationFile(o: { services: Services; actor: Actor; applicationId: string; documentId: string; meta?: RequestMeta })
  : Promise<{ file: AttachmentRow; stream: fs.ReadStream }> {
  const file = await withOwnApplication(o.services, o.actor, o.applicationId, false, async (c, a, hromadaId) => {
    const f = await attachmentOf(c, a.id, o.documentId);
    if (!f) throw new AppError('not_found');
    await writeAudit(c, { ...auditBy(o.actor, o.meta, hromadaId), action: 'cabinet.applicationFile.download', operation: 'read',
      entityType: 'application', entityId: a.id, fields: ['document'] });
    return f;
  });
  return { file, stream: fs.createReadStream(storedPath(o.services, 'applications', file.storage_key)) };
}
