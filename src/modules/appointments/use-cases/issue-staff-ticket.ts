import { AppError, ValidationError } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireOffice } from '../appointments.policy.js';
import { bookedWithoutTicket } from '../queue.queries.js';
import { issueTicket } from '../queue.js';

/** The front office issues a ticket for a visitor: for a service, or for one of today's bookings at the office. */
export async function issueStaffTicket(
  o: UseCase<{ officeId: string; serviceId: string | null; appointmentId: string | null }>,
) {
  return inTenant(o, 'appointments.book', async ({ c, actor, hromadaId, audit }) => {
    const office = await requireOffice(c, actor, 'appointments.book', o.officeId);
    if (!office.active) throw new AppError('not_found');
    let serviceId = o.serviceId;
    if (o.appointmentId) {
      const booking = (await bookedWithoutTicket(c, hromadaId, office.id, kyivToday())).find(
        (b) => b.id === o.appointmentId,
      );
      if (!booking) throw new ValidationError([{ field: 'appointmentId', key: 'appointments.queue.v.booking' }]);
      serviceId = booking.service_id;
    }
    if (!serviceId) throw new ValidationError([{ field: 'serviceId', key: 'appointments.v.service' }]);
    const id = await issueTicket(c, hromadaId, {
      officeId: office.id,
      serviceId,
      appointmentId: o.appointmentId,
      source: 'staff',
    });
    await audit({ action: 'queue.ticket.issue', operation: 'write', entityType: 'queue_ticket', entityId: id });
    return id;
  });
}
