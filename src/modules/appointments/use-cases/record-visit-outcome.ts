import { AppError } from '../../../platform/errors.js';
import { kyivLocal } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireAppointment } from '../appointments.policy.js';
import { setAppointmentOutcome } from '../appointments.queries.js';

/**
 * Records whether the person came and, optionally, the outcome in a few words (from the visit's day on; a remote
 * consultation's outcome too — the platform never stores its video); `booked` undoes a mark made by mistake. A
 * cancelled visit has no outcome.
 */
export async function recordVisitOutcome(
  o: UseCase<{ id: string; outcome: 'attended' | 'no_show' | 'booked'; note: string | null }>,
) {
  return inTenant(o, 'appointments.book', async ({ c, actor, hromadaId, audit }) => {
    const a = await requireAppointment(c, actor, 'appointments.book', o.id, true);
    if (a.status === 'cancelled' || a.start.slice(0, 10) > kyivLocal().slice(0, 10))
      throw new AppError('conflict', { messageKey: 'appointments.noOutcomeYet' });
    await setAppointmentOutcome(c, hromadaId, a.id, o.outcome, o.note);
    await audit({
      action: 'appointment.outcome',
      operation: 'write',
      entityType: 'appointment',
      entityId: a.id,
      fields: ['status', 'note'],
    });
  });
}
