import { ValidationError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { addHistory, insertTask, planGoals } from '../action-plans.queries.js';
import { requirePlan } from '../action-plans.policy.js';

/**
 * Adds a task to one of the plan's operational goals (after its others): its code (unique in the plan), title,
 * executors, period and expected result. The history keeps it. Returns the new task's id.
 */
export async function addTask(
  o: UseCase<{
    planId: string;
    input: {
      goal: string;
      code: string;
      title: string;
      period: string | null;
      expectedResult: string | null;
      executors: string[];
    };
  }>,
): Promise<number> {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const plan = await requirePlan(c, hromadaId, o.planId);
    const goal = (await planGoals(c, hromadaId, Number(plan.id))).find(
      (g) => g.id === o.input.goal && g.parent_id !== null,
    );
    if (!goal) throw new ValidationError([{ field: 'goal', key: 'plans.v.goal' }]);
    const id = await insertTask(c, hromadaId, plan, Number(goal.id), o.input);
    if (id === null)
      throw new ValidationError([{ field: 'code', key: 'plans.v.codeTaken', params: { code: o.input.code } }]);
    await addHistory(
      c,
      hromadaId,
      {
        planId: Number(plan.id),
        taskId: id,
        entity: 'task',
        entityId: String(id),
        change: 'add',
        before: null,
        after: {
          code: o.input.code,
          title: o.input.title,
          periodText: o.input.period,
          expectedResult: o.input.expectedResult,
          executors: o.input.executors.join('; '),
        },
      },
      actor.userId,
    );
    await audit({ action: 'plans.task.add', operation: 'write', entityType: 'plan_task', entityId: String(id) });
    return id;
  });
}
