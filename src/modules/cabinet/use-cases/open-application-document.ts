import fs from 'node:fs';
import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireApplication } from '../../applications/applications.policy.js';
import { storedPath } from '../cabinet.files.js';
import { attachmentOf, type AttachmentRow } from '../cabinet.queries.js';

/** Staff: one file of an application (its stored copy, outside the web root); the download is audited. */
export async function openApplicationDocument(
  o: UseCase<{ id: string; documentId: string }>,
): Promise<{ doc: AttachmentRow; stream: fs.ReadStream }> {
  const doc = await inTenant(o, 'applications.read', async ({ c, actor, audit }) => {
    const application = await requireApplication(c, actor, 'applications.read', o.id);
    const d = await attachmentOf(c, application.id, o.documentId);
    if (!d) throw new AppError('not_found');
    await audit({
      action: 'application.document.download',
      operation: 'read',
      entityType: 'application',
      entityId: application.id,
      fields: ['document'],
    });
    return d;
  });
  return { doc, stream: fs.createReadStream(storedPath(o.services, 'applications', doc.storage_key)) };
}
