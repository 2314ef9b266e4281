import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { mayReadResident, requireTrip, requireTripWorker } from '../outreach.policy.js';
import {
  isTripStaff,
  tripApplications,
  tripCandidates,
  tripSettlements,
  tripStaff,
  tripStops,
  tripSyncCounts,
} from '../outreach.queries.js';

/**
 * A trip's page: its plan, the stops in route order (who, where, why, the outcome), the residents it could still visit
 * (while planned), and what it brought back (applications, synced operations, conflicts). Audited: it names persons.
 */
export async function viewTrip(o: UseCase<{ id: string }>) {
  return inTenant(o, 'outreach.work', async ({ c, actor, hromadaId, audit }) => {
    // Planners read every trip; a member of staff who only goes on trips (a starosta), the trips they are on.
    const trip = can(actor, 'outreach.read')
      ? await requireTrip(c, actor, 'outreach.read', o.id)
      : await requireTripWorker(c, actor, o.id);
    // Every stop is counted; a member sees only the residents their registry reach allows.
    const allStops = await tripStops(c, hromadaId, trip.id);
    const stops = allStops.filter((s) => mayReadResident(actor, s));
    const candidates =
      trip.status === 'planned' && can(actor, 'outreach.plan') ? await tripCandidates(c, hromadaId, trip.id) : [];
    await audit({
      action: 'outreach.trip.read',
      operation: 'read',
      entityType: 'outreach_trip',
      entityId: trip.id,
      fields: ['stops', 'address'],
      reason: `stops:${String(stops.length)} candidates:${String(candidates.length)}`,
    });
    return {
      trip,
      settlements: await tripSettlements(c, hromadaId, trip.id),
      staff: await tripStaff(c, hromadaId, trip.id),
      stops,
      otherStops: allStops.length - stops.length,
      candidates,
      applications: await tripApplications(c, hromadaId, trip.id),
      sync: await tripSyncCounts(c, hromadaId, trip.id),
      onStaff: await isTripStaff(c, hromadaId, trip.id, actor.userId),
    };
  });
}
