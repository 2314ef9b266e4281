import { AppError, ValidationError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { addHistory, deleteGoal, lockGoal } from '../action-plans.queries.js';
import { requirePlan } from '../action-plans.policy.js';

/**
 * Removes a goal that holds nothing: a strategic goal without operational goals, an operational goal without tasks
 * (what is under it is removed first, each with its own confirmation, so nothing goes unseen). The history keeps its code and title.
 */
export async function removeGoal(o: UseCase<{ planId: string; goalId: string }>): Promise<void> {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const plan = await requirePlan(c, hromadaId, o.planId);
    const goal = await lockGoal(c, hromadaId, Number(plan.id), Number(o.goalId));
    if (!goal) throw new AppError('not_found');
    if (goal.goals > 0 || goal.tasks > 0)
      throw new ValidationError([
        {
          field: 'remove',
          key: goal.goals > 0 ? 'plans.v.goalHasGoals' : 'plans.v.goalHasTasks',
          params: { count: goal.goals > 0 ? goal.goals : goal.tasks },
          href: '#remove-what',
        },
      ]);
    await deleteGoal(c, hromadaId, Number(goal.id));
    await addHistory(
      c,
      hromadaId,
      {
        planId: Number(plan.id),
        taskId: null,
        entity: 'goal',
        entityId: goal.id,
        change: 'remove',
        before: { code: goal.code, title: goal.title },
        after: null,
      },
      actor.userId,
    );
    await audit({ action: 'plans.goal.remove', operation: 'write', entityType: 'action_plan', entityId: plan.id });
  });
}
