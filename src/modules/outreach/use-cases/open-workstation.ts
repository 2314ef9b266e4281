import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireTripWorker } from '../outreach.policy.js';
import { packageExpiryDays } from '../package-contents.js';

/** The offline workstation of a trip opens for a member of its staff only (anyone else: 404). No personal data. */
export async function openWorkstation(o: UseCase<{ tripId: string }>) {
  return inTenant(o, 'outreach.work', async ({ c, actor }) => {
    const trip = await requireTripWorker(c, actor, o.tripId);
    return {
      tripId: trip.id,
      title: trip.title,
      date: trip.trip_date,
      workerId: actor.userId,
      expiryDays: packageExpiryDays(o.services.config),
      status: trip.status,
    };
  });
}
