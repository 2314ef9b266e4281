import { AppError, problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireTrip } from '../outreach.policy.js';
import {
  hromadaSettlementCodes,
  insertTrip,
  setTripPlaces,
  staffChoices,
  updateTrip,
  vehicleChoices,
  type TripInput,
} from '../outreach.queries.js';

/**
 * Plans a trip (id null) or changes its plan: the settlements must be the hromada's, the staff its social workers,
 * managers or starostas, the vehicle one in use. A finished or cancelled trip is not changed. Audited.
 */
export async function saveTrip(o: UseCase<{ id: string | null; input: TripInput }>): Promise<string> {
  return inTenant(o, 'outreach.plan', async ({ c, actor, hromadaId, audit }) => {
    const t = o.input;
    if (o.id) {
      const trip = await requireTrip(c, actor, 'outreach.plan', o.id, true);
      if (trip.status !== 'planned') throw new AppError('conflict', { messageKey: 'outreach.errors.notPlanned' });
    }
    const places = await hromadaSettlementCodes(c, hromadaId, t.settlements);
    if (t.settlements.some((s) => !places.has(s))) throw problem('settlements', 'outreach.v.settlements');
    const staff = new Set((await staffChoices(c, hromadaId)).map((s) => s.id));
    if (t.staff.some((s) => !staff.has(s))) throw problem('staff', 'outreach.v.staff');
    if (t.vehicleId && !(await vehicleChoices(c, hromadaId)).some((v) => v.id === t.vehicleId))
      throw problem('vehicleId', 'outreach.v.vehicle');
    const input = { ...t, settlements: [...new Set(t.settlements)], staff: [...new Set(t.staff)] };
    const id = o.id ?? (await insertTrip(c, hromadaId, input, actor.userId));
    if (o.id) await updateTrip(c, hromadaId, id, input);
    await setTripPlaces(c, hromadaId, id, input);
    await audit({
      action: o.id ? 'outreach.trip.change' : 'outreach.trip.plan',
      operation: 'write',
      entityType: 'outreach_trip',
      entityId: id,
      fields: ['date', 'title', 'settlements', 'staff', 'vehicle'],
    });
    return id;
  });
}
