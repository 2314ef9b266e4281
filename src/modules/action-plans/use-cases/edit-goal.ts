import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { addHistory, planGoals, updateGoalTitle } from '../action-plans.queries.js';
import { requirePlan } from '../action-plans.policy.js';

/**
 * Changes the title of a strategic or operational goal of the plan (its code stays). The history keeps before and
 * after; the same title changes nothing. Returns whether it changed.
 */
export async function editGoal(o: UseCase<{ planId: string; goalId: string; title: string }>): Promise<boolean> {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const plan = await requirePlan(c, hromadaId, o.planId);
    const goal = (await planGoals(c, hromadaId, Number(plan.id))).find((g) => g.id === o.goalId);
    if (!goal) throw new AppError('not_found');
    if (goal.title === o.title) return false;
    await updateGoalTitle(c, hromadaId, Number(goal.id), o.title);
    await addHistory(
      c,
      hromadaId,
      {
        planId: Number(plan.id),
        taskId: null,
        entity: 'goal',
        entityId: goal.id,
        change: 'update',
        before: { code: goal.code, title: goal.title },
        after: { code: goal.code, title: o.title },
      },
      actor.userId,
    );
    await audit({ action: 'plans.goal.update', operation: 'write', entityType: 'action_plan', entityId: plan.id });
    return true;
  });
}
