import type { Services } from '../../../services.js';
import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { addDays, kyivToday } from '../../../platform/dates.js';
import { AppError } from '../../../platform/errors.js';
import { appointmentByToken, loadOffice } from '../appointments.queries.js';
import { together } from '../../../platform/db.js';
import {
  bookingReads,
  cancelBooking,
  freeSlots,
  isChangeable,
  noticeOf,
  placeBooking,
  readVisitToken,
} from '../booking.js';

export type VisitLinkAction =
  { kind: 'view'; week: string | null } | { kind: 'cancel' } | { kind: 'move'; start: string };

/**
 * The link in a visit's message, for whoever holds it (nobody signs in): shows the visit — service, office, time,
 * never the person — with the week's free times of the same service at the same office; cancels it; or moves it to
 * another of those times (the new visit gets a new link, sent in a new message). A wrong or used-up link (a cancelled
 * or moved visit drops its secret) is 404. Audited in the hromada's trail as a public action.
 */
export async function useVisitLink(o: {
  services: Pick<Services, 'db' | 'config'>;
  token: string;
  action: VisitLinkAction;
  meta?: RequestMeta;
}) {
  const { hromadaId, hash } = readVisitToken(o.token);
  return o.services.db.tx({ hromadaId }, async (c) => {
    const a = await appointmentByToken(c, hromadaId, hash);
    if (!a) throw new AppError('not_found');
    const audit = auditWriter(c, null, o.meta, { hromadaId, actorLabel: 'public' });
    const act = o.action;
    if (act.kind === 'cancel') {
      await cancelBooking(c, hromadaId, a, null);
      await noticeOf(c, o.services, hromadaId, a.id, 'appointment_cancelled', null);
      await audit({ action: 'appointment.cancel', operation: 'write', entityType: 'appointment', entityId: a.id });
      return { done: 'cancelled' as const };
    }
    if (act.kind === 'move') {
      const [office, reads] = await together(c, () => [
        loadOffice(c, hromadaId, a.office_id),
        bookingReads(c, hromadaId, a.office_id, a.service_id, act.start),
      ]);
      if (!isChangeable(a) || !office.active)
        throw new AppError('conflict', { messageKey: 'appointments.notChangeable' });
      const moved = await placeBooking(
        c,
        o.services,
        hromadaId,
        {
          office,
          serviceId: a.service_id,
          start: act.start,
          booker: { personId: a.person_id, residentUserId: a.resident_user_id, phone: a.contact_phone },
          contactName: a.contact_name,
          contactEmail: a.contact_email,
          note: a.note,
          channel: a.channel,
          bookedBy: null,
          replaces: a,
          interpreter: a.interpreter_seat !== null,
        },
        reads,
      );
      await audit({ action: 'appointment.move', operation: 'write', entityType: 'appointment', entityId: moved.id });
      return { done: 'moved' as const, token: moved.token };
    }
    const office = await loadOffice(c, hromadaId, a.office_id);
    const changeable = isChangeable(a) && office.active;
    const today = kyivToday();
    const from = act.week && act.week > today ? act.week : today;
    const slots = changeable ? await freeSlots(c, hromadaId, office, a.service_id, from, addDays(from, 6)) : [];
    await audit({
      action: 'appointment.link',
      operation: 'read',
      entityType: 'appointment',
      entityId: a.id,
      fields: ['start', 'service', 'status'],
    });
    return { done: null, visit: a, changeable, slots, from, today };
  });
}
