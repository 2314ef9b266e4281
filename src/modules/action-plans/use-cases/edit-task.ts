import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { fieldChanges } from '../field-changes.js';
import { addHistory, updateTask } from '../action-plans.queries.js';
import { requireTask } from '../action-plans.policy.js';

/**
 * Changes a task's title, period, expected result and executors (the directory of organisations grows by new names).
 * The history keeps what changed, before and after; an unchanged form changes nothing.
 */
export async function editTask(
  o: UseCase<{
    planId: string;
    taskId: string;
    input: { title: string; period: string | null; expectedResult: string | null; executors: string[] };
  }>,
): Promise<boolean> {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const { plan, task } = await requireTask(c, hromadaId, o.planId, o.taskId);
    const before: Record<string, unknown> = {
      title: task.title,
      periodText: task.period_text,
      expectedResult: task.expected_result,
      executors: task.executors.join('; '),
    };
    const after: Record<string, unknown> = {
      title: o.input.title,
      periodText: o.input.period,
      expectedResult: o.input.expectedResult,
      executors: o.input.executors.join('; '),
    };
    const changes = fieldChanges(before, after);
    if (!changes) return false;
    await updateTask(c, hromadaId, plan, Number(task.id), o.input);
    await addHistory(
      c,
      hromadaId,
      {
        planId: Number(plan.id),
        taskId: Number(task.id),
        entity: 'task',
        entityId: task.id,
        change: 'update',
        ...changes,
      },
      actor.userId,
    );
    await audit({ action: 'plans.task.update', operation: 'write', entityType: 'plan_task', entityId: task.id });
    return true;
  });
}
