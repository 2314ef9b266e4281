import { AppError } from '../../../platform/errors.js';
import type { HookRegistry } from '../../../platform/modules.js';
import type { Services } from '../../../services.js';
import { planFunding, planGoals, planIndicators, planTasks } from '../action-plans.queries.js';
import { requirePlan } from '../action-plans.policy.js';
import { inPublicHromada } from '../action-plans.public.js';
import { fillComputedActuals } from '../computed-values.js';

/**
 * A published plan's monitoring for the public page: aggregates only (a plan not published is «not found»); computed
 * figures are the kept ones (decision 0035), and `computedAt` says when the oldest was computed (null when the plan
 * has none).
 */
export async function viewPublicPlan(o: { services: Services; hooks: HookRegistry; code: string; id: string }) {
  return inPublicHromada(o.services, o.code, async (c, hromada) => {
    const plan = await requirePlan(c, hromada.id, o.id);
    if (plan.status !== 'published') throw new AppError('not_found');
    const id = Number(plan.id);
    const indicators = await planIndicators(c, hromada.id, id);
    const figures = await fillComputedActuals(c, o, hromada.id, plan, indicators);
    return {
      hromada,
      plan,
      goals: await planGoals(c, hromada.id, id),
      tasks: await planTasks(c, hromada.id, id),
      indicators,
      funding: await planFunding(c, hromada.id, id),
      computedAt: figures.at,
    };
  });
}
