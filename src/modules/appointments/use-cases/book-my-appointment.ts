import { AppError, ValidationError } from '../../../platform/errors.js';
import { inResidentHromada, isMine } from '../appointments.policy.js';
import { loadAppointment, loadOffice, residentContact } from '../appointments.queries.js';
import { together } from '../../../platform/db.js';
import { bookingReads, isChangeable, placeBooking } from '../booking.js';
import type { ResidentCase } from '../../cabinet/cabinet.policy.js';

/**
 * A resident books a visit from the cabinet — for their linked registry person when they have one, else as the
 * account — or moves their own visit (`replaces`). They are told in the cabinet and by e-mail, with the link to cancel
 * or move.
 */
export async function bookMyAppointment(
  o: ResidentCase<{ officeId: string; serviceId: string; start: string; replaces?: string; interpreter?: boolean }>,
) {
  return inResidentHromada(o, async ({ c, hromadaId, personIds, audit }) => {
    const [office, contact, reads] = await together(c, () => [
      loadOffice(c, hromadaId, o.officeId),
      residentContact(c, o.actor.userId),
      bookingReads(c, hromadaId, o.officeId, o.serviceId, o.start),
    ]);
    if (!office?.active) throw new ValidationError([{ field: 'officeId', key: 'appointments.v.officeClosed' }]);
    let replaces;
    if (o.replaces) {
      replaces = await loadAppointment(c, hromadaId, o.replaces, true);
      if (!replaces || !isMine(replaces, o.actor.userId, personIds)) throw new AppError('not_found');
      if (!isChangeable(replaces)) throw new AppError('conflict', { messageKey: 'appointments.notChangeable' });
    }
    const { id } = await placeBooking(
      c,
      o.services,
      hromadaId,
      {
        office,
        serviceId: o.serviceId,
        start: o.start,
        booker: { personId: replaces?.person_id ?? personIds[0] ?? null, residentUserId: o.actor.userId, phone: null },
        contactName: contact.name,
        contactEmail: null,
        note: null,
        channel: 'online',
        bookedBy: o.actor.userId,
        replaces,
        interpreter: replaces ? replaces.interpreter_seat !== null : o.interpreter === true,
      },
      reads,
    );
    await audit({
      action: replaces ? 'appointment.move' : 'appointment.book',
      operation: 'write',
      entityType: 'appointment',
      entityId: id,
      fields: ['office', 'service', 'start'],
    });
    return id;
  });
}
