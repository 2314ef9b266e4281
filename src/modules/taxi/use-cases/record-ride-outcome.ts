import { AppError } from '../../../platform/errors.js';
import { kyivLocal } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireRide } from '../taxi.policy.js';
import { setRideStatus } from '../taxi.queries.js';

/** Done or did not come (from the ride's day on, once it had a vehicle), or cancelled before it started. */
export async function recordRideOutcome(o: UseCase<{ id: string; outcome: 'done' | 'no_show' | 'cancelled' }>) {
  return inTenant(o, 'taxi.dispatch', async ({ c, actor, hromadaId, audit }) => {
    const r = await requireRide(c, actor, 'taxi.dispatch', o.id, true);
    const now = kyivLocal();
    const ok =
      o.outcome === 'cancelled'
        ? ['requested', 'scheduled'].includes(r.status) && r.pickup_at > now
        : r.status === 'scheduled' && r.pickup_at.slice(0, 10) <= now.slice(0, 10);
    if (!ok) throw new AppError('conflict', { messageKey: 'taxi.notChangeable' });
    await setRideStatus(c, hromadaId, r.id, o.outcome);
    await audit({
      action: `taxi.${o.outcome === 'no_show' ? 'noShow' : o.outcome}`,
      operation: 'write',
      entityType: 'taxi_ride',
      entityId: r.id,
      fields: ['status'],
    });
  });
}
