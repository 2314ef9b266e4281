import { ValidationError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { addHistory, insertGoal, planGoals } from '../action-plans.queries.js';
import { requirePlan } from '../action-plans.policy.js';

/**
 * Adds a goal to the plan, after the others of its level: a strategic goal, or an operational goal of one of the
 * plan's strategic goals. Its code is unique among its level's goals. The history keeps it. Returns the new goal's id.
 */
export async function addGoal(
  o: UseCase<{ planId: string; input: { parent: string | null; code: string; title: string } }>,
): Promise<string> {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const plan = await requirePlan(c, hromadaId, o.planId);
    const goals = await planGoals(c, hromadaId, Number(plan.id));
    const parent = o.input.parent;
    if (parent !== null && !goals.some((g) => g.id === parent && g.parent_id === null))
      throw new ValidationError([{ field: 'parent', key: 'plans.v.goalParent' }]);
    if (goals.some((g) => g.parent_id === parent && g.code === o.input.code))
      throw new ValidationError([{ field: 'code', key: 'plans.v.goalCodeTaken', params: { code: o.input.code } }]);
    const id = await insertGoal(c, hromadaId, Number(plan.id), {
      parentId: parent === null ? null : Number(parent),
      code: o.input.code,
      title: o.input.title,
    });
    await addHistory(
      c,
      hromadaId,
      {
        planId: Number(plan.id),
        taskId: null,
        entity: 'goal',
        entityId: id,
        change: 'add',
        before: null,
        after: { code: o.input.code, title: o.input.title },
      },
      actor.userId,
    );
    await audit({ action: 'plans.goal.add', operation: 'write', entityType: 'action_plan', entityId: plan.id });
    return id;
  });
}
