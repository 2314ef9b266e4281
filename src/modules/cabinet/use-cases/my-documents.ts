import fs from 'node:fs';
import type { Services } from '../../../services.js';
import { AppError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/policy.js';
import { writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { removeStored, store, storedPath } from '../cabinet.files.js';
import { residentDocument, residentDocuments, type ResidentDocumentRow } from '../cabinet.queries.js';
import type { Upload } from '../cabinet.uploads.js';

const audit = (actor: Actor, action: string, operation: 'read' | 'write', id: string | null, meta?: RequestMeta) => ({
  hromadaId: null, actorId: actor.userId, actorLabel: actor.displayName, action, operation, entityType: 'resident_document',
  entityId: id, ip: meta?.ip, requestId: meta?.requestId,
});

export const listMyDocuments = (services: Services, actor: Actor): Promise<ResidentDocumentRow[]> =>
  services.db.tx({ hromadaId: null, userId: actor.userId }, (c) => residentDocuments(c, actor.userId));

/** Keeps an uploaded file (already checked: type by content, size) in the resident's library. */
export async function uploadMyDocument(o: { services: Services; actor: Actor; title: string; upload: Upload & { ok: true };
  taken: () => void; meta?: RequestMeta }): Promise<string> {
  const key = await store(o.services, 'residents', o.upload.tmpPath);
  o.taken();
  try {
    return await o.services.db.tx({ hromadaId: null, userId: o.actor.userId }, async (c) => {
      const { rows } = await c.query<{ id: string }>(
        `INSERT INTO resident_documents (user_id, title, file_name, content_type, size, sha256, storage_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [o.actor.userId, o.title, o.upload.fileName, o.upload.contentType, o.upload.size, o.upload.sha256, key]);
      await writeAudit(c, { ...audit(o.actor, 'cabinet.document.upload', 'write', rows[0].id, o.meta), fields: ['file'] });
      return rows[0].id;
    });
  } catch (e) {
    removeStored(o.services, 'residents', key);
    throw e;
  }
}

/** The owner's document (anyone else's, or none → 404); the download is audited. */
export async function openMyDocument(o: { services: Services; actor: Actor; id: string; meta?: RequestMeta })
  : Promise<{ doc: ResidentDocumentRow; stream: fs.ReadStream }> {
  const doc = await o.services.db.tx({ hromadaId: null, userId: o.actor.userId }, async (c) => {
    const d = await residentDocument(c, o.actor.userId, o.id);
    if (d) await writeAudit(c, audit(o.actor, 'cabinet.document.download', 'read', d.id, o.meta));
    return d;
  });
  if (!doc) throw new AppError('not_found');
  return { doc, stream: fs.createReadStream(storedPath(o.services, 'residents', doc.storage_key)) };
}

export async function findMyDocument(services: Services, actor: Actor, id: string): Promise<ResidentDocumentRow> {
  const doc = await services.db.tx({ hromadaId: null, userId: actor.userId }, (c) => residentDocument(c, actor.userId, id));
  if (!doc) throw new AppError('not_found');
  return doc;
}

/** Deletes the owner's document and its file (copies attached to applications stay with them). */
export async function deleteMyDocument(o: { services: Services; actor: Actor; id: string; meta?: RequestMeta }): Promise<void> {
  const key = await o.services.db.tx({ hromadaId: null, userId: o.actor.userId }, async (c) => {
    const d = await residentDocument(c, o.actor.userId, o.id);
    if (!d) throw new AppError('not_found');
    await c.query('DELETE FROM resident_documents WHERE id = $1 AND user_id = $2', [d.id, o.actor.userId]);
    await writeAudit(c, { ...audit(o.actor, 'cabinet.document.delete', 'write', d.id, o.meta), fields: ['file'] });
    return d.storage_key;
  });
  removeStored(o.services, 'residents', key);
}
