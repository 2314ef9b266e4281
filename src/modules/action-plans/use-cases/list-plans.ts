import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { listPlans } from '../action-plans.queries.js';

export const PLANS_PAGE_SIZE = 20;

/** The hromada's action plans, newest approval first, with their tasks counted (done, overdue). */
export async function listActionPlans(o: UseCase<{ limit?: number; offset?: number }>) {
  return inTenant(o, 'plans.read', ({ c, hromadaId }) =>
    listPlans(c, hromadaId, o.limit ?? PLANS_PAGE_SIZE, o.offset ?? 0),
  );
}
