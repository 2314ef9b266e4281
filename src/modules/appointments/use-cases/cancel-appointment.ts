import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireAppointment } from '../appointments.policy.js';
import { cancelBooking, noticeOf } from '../booking.js';

/** Cancels a visit that has not begun (staff, the API); the person is told. */
export async function cancelAppointment(o: UseCase<{ id: string }>) {
  return inTenant(o, 'appointments.book', async ({ c, actor, hromadaId, audit }) => {
    const a = await requireAppointment(c, actor, 'appointments.book', o.id, true);
    await cancelBooking(c, hromadaId, a, actor.userId);
    await noticeOf(c, o.services, hromadaId, a.id, 'appointment_cancelled', null);
    await audit({ action: 'appointment.cancel', operation: 'write', entityType: 'appointment', entityId: a.id });
  });
}
