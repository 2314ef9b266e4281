import type { Services } from '../../../services.js';
import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { kyivToday } from '../../../platform/dates.js';
import { ValidationError } from '../../../platform/errors.js';
import { inPublicOffice } from '../appointments.policy.js';
import { bookingByPhone } from '../queue.queries.js';
import { issueTicket } from '../queue.js';

/**
 * A visitor takes a ticket at the office's kiosk (nobody signs in): for a service the office handles, or — with the
 * phone number of today's booking at this office — for the booked visit (called ahead when its time has come). A number
 * without such a booking is refused. Looking a booking up by phone is audited in the hromada's trail as a public read.
 */
export async function takeTicket(o: {
  services: Pick<Services, 'db'>;
  officeId: string;
  serviceId: string | null;
  phone: string | null;
  meta?: RequestMeta;
}): Promise<string> {
  return inPublicOffice(o.services, o.officeId, async ({ c, hromadaId, office }) => {
    if (o.phone) {
      const booking = await bookingByPhone(c, hromadaId, office.id, kyivToday(), o.phone);
      if (!booking) throw new ValidationError([{ field: 'phone', key: 'appointments.queue.v.noBooking' }]);
      await auditWriter(c, null, o.meta, { hromadaId, actorLabel: 'public' })({
        action: 'queue.ticket.booking',
        operation: 'read',
        entityType: 'appointment',
        entityId: booking.id,
        fields: ['contact'],
      });
      return issueTicket(c, hromadaId, {
        officeId: office.id,
        serviceId: booking.service_id,
        appointmentId: booking.id,
        source: 'kiosk',
      });
    }
    if (!o.serviceId) throw new ValidationError([{ field: 'serviceId', key: 'appointments.v.service' }]);
    return issueTicket(c, hromadaId, {
      officeId: office.id,
      serviceId: o.serviceId,
      appointmentId: null,
      source: 'kiosk',
    });
  });
}
