import { AppError } from '../../../platform/errors.js';
import { inResidentHromada, isMine } from '../appointments.policy.js';
import { loadAppointment } from '../appointments.queries.js';
import { cancelBooking, noticeOf } from '../booking.js';
import type { ResidentCase } from '../../cabinet/cabinet.policy.js';

/** The resident cancels their own visit that has not begun. */
export async function cancelMyAppointment(o: ResidentCase<{ id: string }>) {
  return inResidentHromada(o, async ({ c, hromadaId, personIds, audit }) => {
    const a = await loadAppointment(c, hromadaId, o.id, true);
    if (!a || !isMine(a, o.actor.userId, personIds)) throw new AppError('not_found');
    await cancelBooking(c, hromadaId, a, o.actor.userId);
    await noticeOf(c, o.services, hromadaId, a.id, 'appointment_cancelled', null);
    await audit({ action: 'appointment.cancel', operation: 'write', entityType: 'appointment', entityId: a.id });
  });
}
