import fs from 'node:fs';
import type { Services } from '../../../services.js';
import { AppError } from '../../../platform/errors.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { requireApplication } from '../../applications/applications.policy.js';
import type { ApplicationRow } from '../../applications/applications.queries.js';
import { storedPath } from '../cabinet.files.js';
import { attachmentOf, attachmentsOf, type AttachmentRow } from '../cabinet.queries.js';

const audit = (actor: Actor, action: string, id: string, meta?: RequestMeta) => ({
  hromadaId: actor.hromadaId, actorId: actor.userId, actorLabel: actor.displayName, action, operation: 'read' as const,
  entityType: 'application', entityId: id, ip: meta?.ip, requestId: meta?.requestId,
});

/** Staff: the files given with an application within their reach (another hromada's → 404); the read is audited. */
export async function applicationDocuments(o: { services: Services; actor: Actor | null; id: string; meta?: RequestMeta })
  : Promise<{ application: ApplicationRow; documents: AttachmentRow[] }> {
  authorize(o.actor, 'applications.read');
  const actor = o.actor;
  return o.services.db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, async (c) => {
    const application = await requireApplication(c, actor, 'applications.read', o.id);
    const documents = await attachmentsOf(c, application.id);
    await writeAudit(c, { ...audit(actor, 'application.documents.list', application.id, o.meta), fields: ['documents'] });
    return { application, documents };
  });
}

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
