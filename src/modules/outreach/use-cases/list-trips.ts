import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { listTrips as rows } from '../outreach.queries.js';

export const TRIPS_PER_PAGE = 25;

/**
 * The hromada's outreach trips, newest first (`mine`: only those the actor goes on). A member of staff who goes on
 * trips but does not plan them (a starosta) sees only their own. No personal data.
 */
export async function listTrips(o: UseCase<{ page: number; mine: boolean }>) {
  return inTenant(o, 'outreach.work', async ({ c, actor, hromadaId }) =>
    rows(c, hromadaId, {
      userId: o.mine || !can(actor, 'outreach.read') ? actor.userId : null,
      limit: TRIPS_PER_PAGE,
      offset: (o.page - 1) * TRIPS_PER_PAGE,
    }),
  );
}
