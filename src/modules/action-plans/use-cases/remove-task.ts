import { ValidationError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { addHistory, deleteTask, lockTaskNotes, planFunding, planIndicators } from '../action-plans.queries.js';
import { requireTask } from '../action-plans.policy.js';

/**
 * Removes a task added by mistake, with its executors, indicators and funding sources. A task with progress notes has
 * a record of work done: it is refused (its status can be set to «cancelled» instead). The history keeps the task's
 * wording and the names of the indicators and sources removed with it.
 */
export async function removeTask(o: UseCase<{ planId: string; taskId: string }>): Promise<void> {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const { plan, task } = await requireTask(c, hromadaId, o.planId, o.taskId);
    const notes = await lockTaskNotes(c, hromadaId, Number(task.id));
    if (notes > 0)
      throw new ValidationError([
        { field: 'remove', key: 'plans.v.taskHasNotes', params: { count: notes }, href: '#remove-what' },
      ]);
    const indicators = await planIndicators(c, hromadaId, Number(plan.id), Number(task.id));
    const funding = await planFunding(c, hromadaId, Number(plan.id), Number(task.id));
    await deleteTask(c, hromadaId, Number(task.id));
    await addHistory(
      c,
      hromadaId,
      {
        planId: Number(plan.id),
        taskId: null,
        entity: 'task',
        entityId: task.id,
        change: 'remove',
        before: {
          code: task.code,
          title: task.title,
          periodText: task.period_text,
          expectedResult: task.expected_result,
          executors: task.executors.join('; ') || null,
          indicatorNames: indicators.length ? indicators.map((i) => i.name) : null,
          fundingSources: funding.length ? funding.map((f) => f.source_text) : null,
        },
        after: null,
      },
      actor.userId,
    );
    await audit({ action: 'plans.task.remove', operation: 'write', entityType: 'action_plan', entityId: plan.id });
  });
}
