import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { planDocOf } from '../action-plans.queries.js';
import { requirePlan } from '../action-plans.policy.js';
import { planToJson } from '../plan-format.js';

/** A plan in the exchange format (what the import reads): import then export gives the same plan. */
export async function exportPlan(o: UseCase<{ id: string | number }>) {
  return inTenant(o, 'plans.read', async ({ c, hromadaId }) => {
    const plan = await requirePlan(c, hromadaId, o.id);
    return { plan, json: planToJson(await planDocOf(c, hromadaId, plan)) };
  });
}
