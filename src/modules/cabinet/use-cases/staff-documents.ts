import fs from 'node:fs';
import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { AppError } from '../../../platform/errors.js';
import { authorize, can, type Actor } from '../../../platform/policy.js';
import { writeAudit } from '../../../platform/audit.js';
import { translator } from '../../../platform/i18n.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { requireApplication, scopeOf } from '../../applications/applications.policy.js';
import type { ApplicationRow } from '../../applications/applications.queries.js';
import { removeStored, store, storedPath } from '../cabinet.files.js';
import { attachmentOf, attachmentsOf, insertAttachment, type AttachmentRow } from '../cabinet.queries.js';
import type { Upload } from '../cabinet.uploads.js';

const audit = (actor: Actor, action: string, id: string, meta?: RequestMeta) => ({
  hromadaId: actor.hromadaId, actorId: actor.userId, actorLabel: actor.displayName, action, operation: 'read' as const,
  entityType: 'application', entityId: id, ip: meta?.ip, requestId: meta?.requestId,
});

/** Staff: one file of an application (its stored copy, outside the web root); the download is audited. */
export async function openApplicationDocument(o: { services: Services; actor: Actor | null; id: string; documentId: string;
  meta?: RequestMeta }): Promise<{ doc: AttachmentRow; stream: fs.ReadStream }> {
  authorize(o.actor, 'applications.read');
  const actor = o.actor;
  const doc = await o.services.db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, async (c) => {
    const application = await requireApplication(c, actor, 'applications.read', o.id);
    const d = await attachmentOf(c, application.id, o.documentId);
    if (!d) throw new AppError('not_found');
    await writeAudit(c, { ...audit(actor, 'application.document.download', application.id, o.meta), fields: ['document'] });
    return d;
  });
  return { doc, stream: fs.createReadStream(storedPath(o.services, 'applications', doc.storage_key)) };
}

/** Statuses in which the office may still add documents to an application. */
const OPEN_FOR_DOCUMENTS = ['registered', 'in_review', 'needs_documents'];

/** A requirement the office may attach a scan for: the service card's documents (those the applicant gives). */
export interface ScanRequirement { id: string; name: string }

/** Whether the actor may attach scans to this application now, and for which requirements. */
async function scanTargets(c: PoolClient, actor: Actor, a: ApplicationRow): Promise<ScanRequirement[] | null> {
  if (!OPEN_FOR_DOCUMENTS.includes(a.status) || !can(actor, 'applications.register', scopeOf(actor.hromadaId!, a))) return null;
  const { rows } = await c.query<ScanRequirement>(
    `SELECT id, name FROM service_documents WHERE service_id = $1 AND NOT obtained_by_office ORDER BY position, name`, [a.service_id]);
  return rows;
}

/**
 * Staff: the files given with an application within their reach (another hromada's → 404), and for
 * the front office or the starosta in reach what a scan may be attached as; the read is audited.
 */
export async function applicationDocuments(o: { services: Services; actor: Actor | null; id: string; meta?: RequestMeta })
  : Promise<{ application: ApplicationRow; documents: AttachmentRow[]; scanFor: ScanRequirement[] | null }> {
  authorize(o.actor, 'applications.read');
  const actor = o.actor;
  return o.services.db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, async (c) => {
    const application = await requireApplication(c, actor, 'applications.read', o.id);
    const documents = await attachmentsOf(c, application.id);
    await writeAudit(c, { ...audit(actor, 'application.documents.list', application.id, o.meta), fields: ['documents'] });
    return { application, documents, scanFor: await scanTargets(c, actor, application) };
  });
}

export class ScanProblem extends Error {
  constructor(readonly field: 'requirement' | 'file', readonly key: string) { super(key); }
}

/**
 * The front office (or the starosta, in their district) attaches a scanned paper document to an
 * open application: PDF, JPEG or PNG by content (checked when it was received), stored like the
 * resident's files under DATA_DIR/uploads/applications with its sha256; audited as a write.
 * `requirement` is a document of the service card or `other` (named by `otherName`).
 */
export async function attachScannedDocument(o: {
  services: Services; actor: Actor | null; id: string; requirement: string; otherName: string; upload: Upload | undefined;
  taken: () => void; meta?: RequestMeta;
}): Promise<string> {
  authorize(o.actor, 'applications.register');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  let key: string | null = null;
  try {
    return await o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
      const a = await requireApplication(c, actor, 'applications.register', o.id, true);
      const targets = await scanTargets(c, actor, a);
      if (!targets) throw new AppError('conflict', { messageKey: 'cabinet.scan.closed' });
      const target = targets.find((t) => t.id === o.requirement);
      if (!target && o.requirement !== 'other') throw new ScanProblem('requirement', 'cabinet.scan.v.requirement');
      if (!o.upload) throw new ScanProblem('file', 'cabinet.scan.v.file');
      if (!o.upload.ok) throw new ScanProblem('file', o.upload.problem === 'type' ? 'cabinet.scan.v.type' : 'cabinet.scan.v.size');
      const requirement = target?.name ?? (o.otherName.trim().slice(0, 300) || translator('uk')('cabinet.scan.otherDefault'));
      key = await store(o.services, 'applications', o.upload.tmpPath);
      o.taken();
      const id = await insertAttachment(c, { hromadaId, applicationId: a.id, serviceDocumentId: target?.id ?? null, requirement,
        uploadedBy: actor.userId, file: { name: o.upload.fileName, type: o.upload.contentType, size: o.upload.size, sha256: o.upload.sha256, key } });
      await writeAudit(c, { ...audit(actor, 'application.document.scan', a.id, o.meta), operation: 'write', fields: ['document'] });
      return id;
    });
  } catch (e) {
    if (key) removeStored(o.services, 'applications', key);
    throw e;
  }
}
