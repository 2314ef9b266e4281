import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { mayReadResident, requireTrip } from '../outreach.policy.js';
import { tripStops } from '../outreach.queries.js';

/**
 * One stop of a trip for its planner (the removal's confirmation): the trip and who the stop is. A stop of another
 * trip, or of a resident beyond the planner's reach, is «not found». Audited as a read of that person.
 */
export async function viewStop(o: UseCase<{ tripId: string; stopId: string }>) {
  return inTenant(o, 'outreach.plan', async ({ c, actor, hromadaId, audit }) => {
    const trip = await requireTrip(c, actor, 'outreach.plan', o.tripId);
    const stop = (await tripStops(c, hromadaId, trip.id, o.stopId)).find((s) => mayReadResident(actor, s));
    if (!stop) throw new AppError('not_found');
    await audit({
      action: 'outreach.trip.read',
      operation: 'read',
      entityType: 'person',
      entityId: stop.person_id,
      fields: ['stops', 'address'],
      reason: `trip:${trip.id} stop:${stop.id}`,
    });
    return { trip, stop };
  });
}
