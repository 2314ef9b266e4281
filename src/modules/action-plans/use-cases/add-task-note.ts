import { ValidationError, type Problem } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { removeStored, store } from '../../cabinet/cabinet.files.js';
import type { Upload } from '../../cabinet/cabinet.uploads.js';
import { addHistory, insertNote, setTaskStatus, type NoteFile, type TaskStatus } from '../action-plans.queries.js';
import { requireTask } from '../action-plans.policy.js';

/**
 * A dated progress note on a task, optionally setting its status and with an evidence file (PDF, JPEG or PNG by
 * content, stored under DATA_DIR/uploads/plans). The note and a status change go into the plan's history with the
 * status before and after. Nothing is kept when anything is refused (a stored file is removed again).
 */
export async function addTaskNote(
  o: UseCase<{
    planId: string;
    taskId: string;
    input: { notedOn: string; body: string; status: TaskStatus | null };
    upload: Upload | undefined;
    taken: () => void;
  }>,
): Promise<string> {
  let key: string | null = null;
  try {
    return await inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
      const { plan, task } = await requireTask(c, hromadaId, o.planId, o.taskId);
      const problems: Problem[] = [];
      if (o.input.notedOn > kyivToday())
        problems.push({ field: 'notedOn', key: 'plans.v.future', href: '#notedOn-day' });
      if (o.upload && !o.upload.ok)
        problems.push({ field: 'file', key: o.upload.problem === 'type' ? 'plans.v.fileType' : 'plans.v.fileSize' });
      if (problems.length) throw new ValidationError(problems);
      let file: NoteFile | null = null;
      if (o.upload?.ok) {
        key = await store(o.services, 'plans', o.upload.tmpPath);
        o.taken();
        const u = o.upload;
        file = { fileName: u.fileName, contentType: u.contentType, size: u.size, sha256: u.sha256, storageKey: key };
      }
      const planId = Number(plan.id);
      const taskId = Number(task.id);
      const id = await insertNote(c, hromadaId, taskId, { ...o.input, file }, actor.userId);
      await addHistory(
        c,
        hromadaId,
        {
          planId,
          taskId,
          entity: 'note',
          entityId: id,
          change: 'add',
          before: null,
          after: { notedOn: o.input.notedOn, body: o.input.body, file: file?.fileName ?? null },
        },
        actor.userId,
      );
      if (o.input.status && o.input.status !== task.status) {
        await setTaskStatus(c, hromadaId, taskId, o.input.status);
        await addHistory(
          c,
          hromadaId,
          {
            planId,
            taskId,
            entity: 'task',
            entityId: task.id,
            change: 'update',
            before: { status: task.status },
            after: { status: o.input.status },
          },
          actor.userId,
        );
      }
      await audit({ action: 'plans.task.note', operation: 'write', entityType: 'plan_task', entityId: task.id });
      return id;
    });
  } catch (e) {
    if (key) removeStored(o.services, 'plans', key);
    throw e;
  }
}
