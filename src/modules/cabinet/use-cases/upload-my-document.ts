import { asResident, type ResidentCase } from '../cabinet.policy.js';
import { removeStored, store } from '../cabinet.files.js';
import { insertResidentDocument } from '../cabinet.queries.js';
import type { Upload } from '../cabinet.uploads.js';

/** Keeps an uploaded file (already checked: type by content, size) in the resident's library. */
export async function uploadMyDocument(
  o: ResidentCase<{ title: string; upload: Upload & { ok: true }; taken: () => void }>,
): Promise<string> {
  const key = await store(o.services, 'residents', o.upload.tmpPath);
  o.taken();
  try {
    return await asResident(o.services, o.actor, o.meta, async ({ c, audit }) => {
      const id = await insertResidentDocument(c, o.actor.userId, o.title, {
        name: o.upload.fileName,
        type: o.upload.contentType,
        size: o.upload.size,
        sha256: o.upload.sha256,
        key,
      });
      await audit({
        action: 'cabinet.document.upload',
        operation: 'write',
        entityType: 'resident_document',
        entityId: id,
        fields: ['file'],
      });
      return id;
    });
  } catch (e) {
    removeStored(o.services, 'residents', key);
    throw e;
  }
}
