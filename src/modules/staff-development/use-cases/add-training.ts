import { ValidationError, type Problem } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { removeStored, store } from '../../cabinet/cabinet.files.js';
import type { Upload } from '../../cabinet/cabinet.uploads.js';
import { requireStaffMember } from '../staff-development.policy.js';
import { insertTraining, type TrainingData } from '../staff-development.queries.js';

/**
 * Records a training a staff member attended: course, organiser, hours (> 0), the day (not in the future), the
 * certificate's number and, if given, its scan — PDF, JPEG or PNG by content, stored under DATA_DIR/uploads/staff with
 * its sha256. Nothing is kept when anything is refused (the stored file is removed again).
 */
export async function addTraining(
  o: UseCase<{
    id: string;
    input: Omit<TrainingData, 'file'>;
    upload: Upload | undefined;
    taken: () => void;
  }>,
): Promise<string> {
  let key: string | null = null;
  try {
    return await inTenant(o, 'staffdev.manage', async ({ c, actor, hromadaId, audit }) => {
      const member = await requireStaffMember(c, actor, 'staffdev.manage', o.id);
      const problems: Problem[] = [];
      if (o.input.trainedOn > kyivToday())
        problems.push({ field: 'trainedOn', key: 'staffdev.v.future', href: '#trainedOn-day' });
      if (o.upload && !o.upload.ok)
        problems.push({
          field: 'file',
          key: o.upload.problem === 'type' ? 'staffdev.v.fileType' : 'staffdev.v.fileSize',
        });
      if (problems.length) throw new ValidationError(problems);
      let file: TrainingData['file'] = null;
      if (o.upload?.ok) {
        key = await store(o.services, 'staff', o.upload.tmpPath);
        o.taken();
        file = {
          name: o.upload.fileName,
          type: o.upload.contentType,
          size: o.upload.size,
          sha256: o.upload.sha256,
          key,
        };
      }
      const id = await insertTraining(c, hromadaId, member.id, { ...o.input, file }, actor.userId);
      await audit({
        action: 'staffdev.training.add',
        operation: 'write',
        entityType: 'user',
        entityId: member.id,
        fields: file ? ['trainings', 'certificate'] : ['trainings'],
        reason: `training:${id}`,
      });
      return id;
    });
  } catch (e) {
    if (key) removeStored(o.services, 'staff', key);
    throw e;
  }
}
