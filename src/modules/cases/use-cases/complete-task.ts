import { AppError } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireCase, requireOpen } from '../cases.policy.js';
import { addCaseEvent, touchCase } from '../cases.queries.js';
import { completeTask as markDone, loadTask } from '../team.queries.js';

/** Marks a task of the case done (today, with an optional note): it leaves the assignee's list. Audited. */
export async function completeTask(o: UseCase<{ id: string; taskId: string; note?: string }>): Promise<void> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.write', o.id, true);
    requireOpen(row);
    const task = await loadTask(c, hromadaId, row.id, o.taskId);
    if (!task) throw new AppError('not_found');
    if (task.done_on) throw new AppError('conflict', { messageKey: 'cases.errors.taskDone' });
    await markDone(c, hromadaId, task.id, { doneOn: kyivToday(), by: actor.userId, note: o.note ?? null });
    await touchCase(c, hromadaId, row.id);
    await addCaseEvent(c, { hromadaId, caseId: row.id, by: actor, event: 'taskDone', data: { title: task.title } });
    await audit({
      action: 'case.task.done',
      operation: 'write',
      entityType: 'case',
      entityId: row.id,
      fields: ['tasks'],
    });
  });
}
