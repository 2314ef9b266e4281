import fs from 'node:fs';
import { AppError } from '../../../platform/errors.js';
import { asResident, type ResidentCase } from '../cabinet.policy.js';
import { storedPath } from '../cabinet.files.js';
import { residentDocument, type ResidentDocumentRow } from '../cabinet.queries.js';

/** The owner's document (anyone else's, or none → 404); the download is audited. */
export async function openMyDocument(
  o: ResidentCase<{ id: string }>,
): Promise<{ doc: ResidentDocumentRow; stream: fs.ReadStream }> {
  const doc = await asResident(o.services, o.actor, o.meta, async ({ c, audit }) => {
    const d = await residentDocument(c, o.actor.userId, o.id);
    if (d)
      await audit({
        action: 'cabinet.document.download',
        operation: 'read',
        entityType: 'resident_document',
        entityId: d.id,
      });
    return d;
  });
  if (!doc) throw new AppError('not_found');
  return { doc, stream: fs.createReadStream(storedPath(o.services, 'residents', doc.storage_key)) };
}
