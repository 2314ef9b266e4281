import fs from 'node:fs';
import { AppError } from '../../../platform/errors.js';
import { withOwnApplication, type ResidentCase } from '../cabinet.policy.js';
import { attachmentOf, type AttachmentRow } from '../cabinet.queries.js';
import { storedPath } from '../cabinet.files.js';

/** A file of one of the resident's own applications (anything else → 404); the download is audited. */
export async function openMyApplicationFile(
  o: ResidentCase<{ applicationId: string; documentId: string }>,
): Promise<{ file: AttachmentRow; stream: fs.ReadStream }> {
  const file = await withOwnApplication(
    o.services,
    o.actor,
    o.applicationId,
    false,
    async (c, a, _hromadaId, _confirmed, audit) => {
      const f = await attachmentOf(c, a.id, o.documentId);
      if (!f) throw new AppError('not_found');
      await audit({
        action: 'cabinet.applicationFile.download',
        operation: 'read',
        entityType: 'application',
        entityId: a.id,
        fields: ['document'],
      });
      return f;
    },
    o.meta,
  );
  return { file, stream: fs.createReadStream(storedPath(o.services, 'applications', file.storage_key)) };
}
