import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { settlementDistricts } from '../../persons-web/persons-web.queries.js';
import { requireTrip } from '../outreach.policy.js';
import { staffChoices, tripSettlements, tripStaff, vehicleChoices } from '../outreach.queries.js';

/** What planning a trip offers: the hromada's settlements, its social staff and vehicles; and the trip's plan when editing. */
export async function getTripForm(o: UseCase<{ id: string | null }>) {
  return inTenant(o, 'outreach.plan', async ({ c, actor, hromadaId }) => {
    const trip = o.id ? await requireTrip(c, actor, 'outreach.plan', o.id) : null;
    return {
      trip,
      settlements: await settlementDistricts(c, hromadaId),
      staff: await staffChoices(c, hromadaId),
      vehicles: await vehicleChoices(c, hromadaId),
      chosenSettlements: trip ? (await tripSettlements(c, hromadaId, trip.id)).map((s) => s.code) : [],
      chosenStaff: trip ? (await tripStaff(c, hromadaId, trip.id)).map((s) => s.id) : [],
    };
  });
}
