import { AppError } from '../../../platform/errors.js';
import { kyivLocal } from '../../../platform/dates.js';
import { inResidentHromada } from '../../appointments/appointments.policy.js';
import type { ResidentCase } from '../../cabinet/cabinet.policy.js';
import { loadRide, setRideStatus } from '../taxi.queries.js';

/** The resident cancels their own ride that has not started (anything else of another is 404). */
export async function cancelMyRide(o: ResidentCase<{ id: string }>) {
  return inResidentHromada(o, async ({ c, hromadaId, audit }) => {
    const r = await loadRide(c, hromadaId, o.id, true);
    if (!r || r.resident_user_id !== o.actor.userId) throw new AppError('not_found');
    if (!['requested', 'scheduled'].includes(r.status) || r.pickup_at <= kyivLocal())
      throw new AppError('conflict', { messageKey: 'taxi.notChangeable' });
    await setRideStatus(c, hromadaId, r.id, 'cancelled');
    await audit({ action: 'taxi.cancel', operation: 'write', entityType: 'taxi_ride', entityId: r.id });
  });
}
