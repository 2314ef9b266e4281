import { AppError } from '../../../platform/errors.js';
import { asResident, type ResidentCase } from '../cabinet.policy.js';
import { removeStored } from '../cabinet.files.js';
import { deleteResidentDocument, residentDocument } from '../cabinet.queries.js';

/** Deletes the owner's document and its file (copies attached to applications stay with them). */
export async function deleteMyDocument(o: ResidentCase<{ id: string }>): Promise<void> {
  const key = await asResident(o.services, o.actor, o.meta, async ({ c, audit }) => {
    const d = await residentDocument(c, o.actor.userId, o.id);
    if (!d) throw new AppError('not_found');
    await deleteResidentDocument(c, o.actor.userId, d.id);
    await audit({
      action: 'cabinet.document.delete',
      operation: 'write',
      entityType: 'resident_document',
      entityId: d.id,
      fields: ['file'],
    });
    return d.storage_key;
  });
  removeStored(o.services, 'residents', key);
}
