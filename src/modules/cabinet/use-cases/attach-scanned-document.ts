import { AppError, problem } from '../../../platform/errors.js';
import { translator } from '../../../platform/i18n.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireApplication } from '../../applications/applications.policy.js';
import { scanTargets } from '../cabinet.policy.js';
import { removeStored, store } from '../cabinet.files.js';
import { insertAttachment } from '../cabinet.queries.js';
import type { Upload } from '../cabinet.uploads.js';

/**
 * The front office (or the starosta, in their district) attaches a scanned paper document to an
 * open application: PDF, JPEG or PNG by content (checked when it was received), stored like the
 * resident's files under DATA_DIR/uploads/applications with its sha256; audited as a write.
 * `requirement` is a document of the service card or `other` (named by `otherName`). A missing or
 * refused file, or an unknown requirement, is a `ValidationError` of that field.
 */
export async function attachScannedDocument(
  o: UseCase<{
    id: string;
    requirement: string;
    otherName: string;
    upload: Upload | undefined;
    taken: () => void;
  }>,
): Promise<string> {
  let key: string | null = null;
  try {
    return await inTenant(o, 'applications.register', async ({ c, actor, hromadaId, audit }) => {
      const a = await requireApplication(c, actor, 'applications.register', o.id, true);
      const targets = await scanTargets(c, actor, a);
      if (!targets) throw new AppError('conflict', { messageKey: 'cabinet.scan.closed' });
      const target = targets.find((t) => t.id === o.requirement);
      if (!target && o.requirement !== 'other') throw problem('requirement', 'cabinet.scan.v.requirement');
      if (!o.upload) throw problem('file', 'cabinet.scan.v.file');
      if (!o.upload.ok)
        throw problem('file', o.upload.problem === 'type' ? 'cabinet.scan.v.type' : 'cabinet.scan.v.size');
      const requirement =
        target?.name ?? (o.otherName.trim().slice(0, 300) || translator('uk')('cabinet.scan.otherDefault'));
      key = await store(o.services, 'applications', o.upload.tmpPath);
      o.taken();
      const id = await insertAttachment(c, {
        hromadaId,
        applicationId: a.id,
        serviceDocumentId: target?.id ?? null,
        requirement,
        uploadedBy: actor.userId,
        file: {
          name: o.upload.fileName,
          type: o.upload.contentType,
          size: o.upload.size,
          sha256: o.upload.sha256,
          key,
        },
      });
      await audit({
        action: 'application.document.scan',
        operation: 'write',
        entityType: 'application',
        entityId: a.id,
        fields: ['document'],
      });
      return id;
    });
  } catch (e) {
    if (key) removeStored(o.services, 'applications', key);
    throw e;
  }
}
