import type { Services } from '../../../services.js';
import { listPlans } from '../action-plans.queries.js';
import { inPublicHromada } from '../action-plans.public.js';

/** The published plans of a hromada, for its public page (no login). */
export async function listPublicPlans(o: { services: Services; code: string }) {
  return inPublicHromada(o.services, o.code, async (c, hromada) => ({
    hromada,
    plans: (await listPlans(c, hromada.id, 100, 0, true)).rows,
  }));
}
