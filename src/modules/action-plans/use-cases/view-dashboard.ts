import type { HookRegistry } from '../../../platform/modules.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { planFunding, planGoals, planIndicators, planTasks } from '../action-plans.queries.js';
import { requirePlan } from '../action-plans.policy.js';
import { fillComputedActuals } from '../computed-values.js';

/** What a plan's dashboard shows: goals and tasks with status, indicators with computed actuals (the kept
 * figures, with when the oldest was computed), funding. */
export async function viewDashboard(o: UseCase<{ hooks: HookRegistry; id: string }>) {
  return inTenant(o, 'plans.read', async ({ c, hromadaId }) => {
    const plan = await requirePlan(c, hromadaId, o.id);
    const id = Number(plan.id);
    const indicators = await planIndicators(c, hromadaId, id);
    const figures = await fillComputedActuals(c, o, hromadaId, plan, indicators);
    return {
      plan,
      goals: await planGoals(c, hromadaId, id),
      tasks: await planTasks(c, hromadaId, id),
      indicators,
      funding: await planFunding(c, hromadaId, id),
      figures,
    };
  });
}
