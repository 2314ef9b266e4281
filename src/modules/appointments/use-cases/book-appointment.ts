import { AppError, ValidationError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireAppointment, requireOffice } from '../appointments.policy.js';
import { personExists } from '../appointments.queries.js';
import { together } from '../../../platform/db.js';
import { bookingReads, isChangeable, placeBooking } from '../booking.js';

export interface StaffBooking {
  officeId: string;
  serviceId: string;
  /** Kyiv wall clock `YYYY-MM-DDTHH:MM`. */
  start: string;
  /** A registry person, or how to reach a caller who is not (yet) in the registry. */
  personId: string | null;
  contact: { name: string; phone: string | null; email: string | null } | null;
  note: string | null;
  channel: 'front_office' | 'starosta' | 'api';
  /** Reserve a sign-language interpreter (a moved visit keeps its own). */
  interpreter?: boolean;
  /** The visit this booking moves. */
  replaces?: string;
}

/**
 * Books a visit for a caller or a visitor (front office, a starosta at the offices of their district, the API); with
 * `replaces`, moves that visit to the new time. The person is told when an address or number was given.
 */
export async function bookAppointment(o: UseCase<StaffBooking>) {
  return inTenant(o, 'appointments.book', async ({ c, actor, hromadaId, audit }) => {
    // The office and the booking's reads in one round trip (refused in this order: no office, closed, …).
    const [office, reads] = await together(c, () => [
      requireOffice(c, actor, 'appointments.book', o.officeId),
      bookingReads(c, hromadaId, o.officeId, o.serviceId, o.start),
    ]);
    if (!office.active) throw new ValidationError([{ field: 'officeId', key: 'appointments.v.officeClosed' }]);
    const replaces = o.replaces ? await requireAppointment(c, actor, 'appointments.book', o.replaces, true) : undefined;
    if (replaces && !isChangeable(replaces))
      throw new AppError('conflict', { messageKey: 'appointments.notChangeable' });
    // A moved visit keeps who it is for.
    const personId = replaces ? replaces.person_id : o.personId;
    const contact = replaces
      ? replaces.contact_name
        ? { name: replaces.contact_name, phone: replaces.contact_phone, email: replaces.contact_email }
        : null
      : o.contact;
    if (personId && !(await personExists(c, hromadaId, personId)))
      throw new ValidationError([{ field: 'personId', key: 'appointments.v.person' }]);
    if (!personId && !contact && !replaces)
      throw new ValidationError([{ field: 'contactName', key: 'appointments.v.contactName' }]);
    const booked = await placeBooking(
      c,
      o.services,
      hromadaId,
      {
        office,
        serviceId: o.serviceId,
        start: o.start,
        booker: { personId, residentUserId: replaces?.resident_user_id ?? null, phone: contact?.phone ?? null },
        contactName: contact?.name ?? null,
        contactEmail: contact?.email ?? null,
        note: o.note ?? replaces?.note ?? null,
        channel: o.channel,
        bookedBy: actor.userId,
        replaces,
        interpreter: replaces ? replaces.interpreter_seat !== null : o.interpreter === true,
      },
      reads,
    );
    await audit({
      action: replaces ? 'appointment.move' : 'appointment.book',
      operation: 'write',
      entityType: 'appointment',
      entityId: booked.id,
      fields: ['office', 'service', 'start', personId ? 'person' : 'contact'],
    });
    return { id: booked.id, start: booked.start, end: booked.end, full: booked.full };
  });
}
