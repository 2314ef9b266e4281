/**
 * The booking's core, shared by the staff's, the resident's and the API's use-cases (each runs it in its own
 * transaction after its own permission check): the rules of a slot, the free slots, taking a seat, cancelling, and
 * the resident's notices.
 */
import crypto from 'node:crypto';
import type { PoolClient } from 'pg';
import type { Services } from '../../services.js';
import { addDays, displayDate, kyivLocal } from '../../platform/dates.js';
import { AppError, ValidationError } from '../../platform/errors.js';
import { translator } from '../../platform/i18n.js';
import { randomToken, sha256Hex } from '../../platform/secrets.js';
import { together } from '../../platform/db.js';
import { publicOrigin } from '../../platform/http.js';
import { calendarFrom } from '../applications/working-days.js';
import { notifyVisit, type VisitNotice } from '../notifications/notifications.js';
import {
  cancelAppointmentRow,
  insertAppointment,
  loadAppointment,
  lockBooker,
  lockInterpreters,
  officeRules,
  signInterpreters,
  takenInterpreters,
  overlappingBooking,
  takenSeats,
  type AppointmentRow,
  type Booker,
  type NewAppointment,
  type OfficeRow,
} from './appointments.queries.js';
import { slotAt, slotsBetween, type NoSlot, type Slot, type SlotRules } from './slots.js';

/** How far ahead visits can be booked (days). */
export const BOOKING_HORIZON_DAYS = 60;

/** An office's rules for a service, read as stored: null when the office does not handle it. */
async function readRules(c: PoolClient, hromadaId: number, officeId: string, serviceId: string) {
  const r = await officeRules(c, hromadaId, officeId, serviceId, kyivLocal().slice(0, 10));
  const service = r.service;
  if (!service) return null;
  const rules: SlotRules = {
    hours: r.hours,
    slotMinutes: service.slot_minutes,
    seats: service.seats,
    calendar: calendarFrom(r.calendar),
    staff: r.staff.map((s) => ({ userId: s.user_id, absences: s.absences })),
  };
  return { service, rules };
}

/** The rules read, or a refusal on the field `serviceId` when the office does not handle the service. */
function handled<R>(read: R | null): R {
  if (!read) throw new ValidationError([{ field: 'serviceId', key: 'appointments.v.serviceNotHere' }]);
  return read;
}

/** The slots of an office's service from `from` to `to` (ISO dates, within the booking horizon) with free seats. */
export async function freeSlots(
  c: PoolClient,
  hromadaId: number,
  office: OfficeRow,
  serviceId: string,
  from: string,
  to: string,
): Promise<Slot[]> {
  const { rules } = handled(await readRules(c, hromadaId, office.id, serviceId));
  const now = kyivLocal();
  const first = from < now.slice(0, 10) ? now.slice(0, 10) : from;
  const horizon = addDays(now.slice(0, 10), BOOKING_HORIZON_DAYS);
  const last = to > horizon ? horizon : to;
  if (first > last) return [];
  const taken = await takenSeats(c, hromadaId, office.id, serviceId, `${first}T00:00`, `${addDays(last, 1)}T00:00`);
  return slotsBetween(rules, first, last, now, taken);
}

const NO_SLOT_KEY: Record<NoSlot, string> = {
  past: 'appointments.v.past',
  holiday: 'appointments.v.holiday',
  closed: 'appointments.v.closed',
  not_a_slot: 'appointments.v.notASlot',
  no_staff: 'appointments.v.noStaff',
};

/** What a booking reads before it decides: the office's rules for the service, and the seats taken on that day. */
export interface BookingReads {
  read: Awaited<ReturnType<typeof readRules>>;
  taken: Map<string, number>;
}

/**
 * Issues a booking's reads for a wanted `start` (Kyiv wall clock) at an office: both statements go at once, so that
 * a use-case sends them in one write with its own reads (`together`) — the office, the visit being moved — and the
 * booking decides after one round trip. Nothing is refused here: `placeBooking` checks in the use-case's order.
 */
export function bookingReads(
  c: PoolClient,
  hromadaId: number,
  officeId: string,
  serviceId: string,
  start: string,
): Promise<BookingReads> {
  return together(c, () => [
    readRules(c, hromadaId, officeId, serviceId),
    takenSeats(c, hromadaId, officeId, serviceId, start, `${start.slice(0, 10)}T24:00`),
  ]).then(([read, taken]) => ({ read, taken }));
}

export interface BookingInput {
  office: OfficeRow;
  serviceId: string;
  start: string;
  booker: Booker;
  contactName: string | null;
  contactEmail: string | null;
  note: string | null;
  channel: NewAppointment['channel'];
  /** The member of staff or resident account that booked; none through a message's link. */
  bookedBy: string | null;
  /** The live booking this one replaces (a move): cancelled in the same transaction, not counted as an overlap. */
  replaces?: AppointmentRow;
  /** A sign-language interpreter is reserved for the visit. */
  interpreter?: boolean;
}

/**
 * Books a visit from what `bookingReads` found: the wanted time must be a slot of the office's week (not past, not a
 * holiday, within the horizon), the person must have no other live visit at that time (checked under a lock per
 * person), and a seat must be free — the seat is taken by the insert itself, so of concurrent requests for the last
 * seat exactly one succeeds and the others get 409 «this time is gone». The person is told (`appointment_booked`, with
 * the link to cancel or move). The locks, the check, the insert and the notice go in one write: the check runs under
 * the locks, and a refusal rolls back the insert and the notice with the transaction. Returns the new visit's id, the
 * secret of its link, and whether it took the time's last seat.
 */
export async function placeBooking(
  c: PoolClient,
  services: Pick<Services, 'config'>,
  hromadaId: number,
  b: BookingInput,
  { read, taken }: BookingReads,
) {
  const { rules, service } = handled(read);
  const now = kyivLocal();
  if (b.start.slice(0, 10) > addDays(now.slice(0, 10), BOOKING_HORIZON_DAYS))
    throw new ValidationError([
      { field: 'start', key: 'appointments.v.tooFar', params: { days: BOOKING_HORIZON_DAYS } },
    ]);
  // Seats taken by committed bookings: a full time is refused at once, without waiting on any lock.
  const slot = slotAt(rules, b.start, now, taken);
  if ('none' in slot) throw new ValidationError([{ field: 'start', key: NO_SLOT_KEY[slot.none] }]);
  if (slot.free < 1) throw new AppError('conflict', { messageKey: 'appointments.slotGone' });
  const secret = randomToken();
  const token = `${hromadaId}.${secret}`;
  const videoRoom = b.office.kind === 'remote' ? `turbota-${crypto.randomBytes(8).toString('hex')}` : null;
  const guard = () =>
    [
      lockBooker(c, hromadaId, b.booker),
      overlappingBooking(c, hromadaId, b.booker, slot.start, slot.end, b.replaces?.id ?? null),
    ] as const;
  const take = (interpreterSeat: number | null) =>
    [
      insertAppointment(c, hromadaId, slot.seats, {
        videoRoom,
        interpreterSeat,
        ...b.booker,
        officeId: b.office.id,
        serviceId: b.serviceId,
        start: slot.start,
        end: slot.end,
        channel: b.channel,
        contactName: b.contactName,
        contactEmail: b.contactEmail,
        note: b.note,
        tokenHash: sha256Hex(secret),
        bookedBy: b.bookedBy,
      }),
      tellAbout(
        c,
        services,
        hromadaId,
        {
          service_name: service.name,
          office_name: b.office.name,
          office_address: b.office.address,
          office_video_url: b.office.video_url,
          start: slot.start,
          video_room: videoRoom,
          interpreter_seat: interpreterSeat,
          resident_user_id: b.booker.residentUserId,
          contact_email: b.contactEmail,
          contact_phone: b.booker.phone,
        },
        'appointment_booked',
        token,
      ),
    ] as const;
  let seat: Awaited<ReturnType<typeof insertAppointment>>;
  if (b.interpreter) {
    // The interpreter's seat is chosen under the locks, and the visit's insert needs it.
    const [, overlap] = await together(c, guard);
    if (overlap) throw new ValidationError([{ field: 'start', key: 'appointments.v.alreadyBooked' }]);
    const interpreterSeat = await reserveInterpreter(c, hromadaId, slot, b.replaces);
    [seat] = await together(c, () => take(interpreterSeat));
  } else {
    const [, overlap, inserted] = await together(c, () => [...guard(), ...take(null)] as const);
    if (overlap) throw new ValidationError([{ field: 'start', key: 'appointments.v.alreadyBooked' }]);
    seat = inserted;
  }
  if (!seat) throw new AppError('conflict', { messageKey: 'appointments.slotGone' });
  const { id } = seat;
  if (b.replaces) await cancelAppointmentRow(c, hromadaId, b.replaces.id, b.bookedBy, id);
  return { id, token, start: slot.start, end: slot.end, full: seat.full };
}

/**
 * Reserves one of the hromada's sign-language interpreters for [start, end): under a lock of that start time, the
 * first interpreter no live visit overlapping it holds (the one being moved excepted). None offered or all busy is a
 * refusal on the field `interpreter`.
 */
async function reserveInterpreter(c: PoolClient, hromadaId: number, slot: Slot, replaces: AppointmentRow | undefined) {
  const n = await signInterpreters(c, hromadaId);
  if (n < 1) throw new ValidationError([{ field: 'interpreter', key: 'appointments.v.noInterpreters' }]);
  await lockInterpreters(c, hromadaId, slot.start);
  const taken = await takenInterpreters(c, hromadaId, slot.start, slot.end);
  const mine = replaces?.interpreter_seat ?? null;
  for (let seat = 1; seat <= n; seat++) if (!taken.includes(seat) || seat === mine) return seat;
  throw new ValidationError([{ field: 'interpreter', key: 'appointments.v.interpreterBusy' }]);
}

/** The address of a remote visit's video room: the office's, with `{room}` replaced by the visit's own room. */
export function videoLink(a: Pick<AppointmentRow, 'office_video_url' | 'video_room'>): string | null {
  if (!a.office_video_url) return null;
  return a.office_video_url.replaceAll('{room}', a.video_room ?? '');
}

/** The hromada and the hash of a visit link's secret (`<hromada>.<secret>`). */
export function readVisitToken(token: string): { hromadaId: number; hash: string } {
  const [h, secret] = token.split('.');
  return { hromadaId: Number(h), hash: sha256Hex(secret) };
}

/** A live visit that has not begun can be cancelled or moved. */
export function isChangeable(a: Pick<AppointmentRow, 'status' | 'start'>): boolean {
  return a.status === 'booked' && a.start > kyivLocal();
}

export function cancelBooking(c: PoolClient, hromadaId: number, a: AppointmentRow, userId: string | null) {
  if (!isChangeable(a)) throw new AppError('conflict', { messageKey: 'appointments.notChangeable' });
  return cancelAppointmentRow(c, hromadaId, a.id, userId, null);
}

/** Notices are official messages of the hromada: always in Ukrainian. */
const t = translator('uk');

/** What a notice about a visit says and whom it goes to (a visit's row has all of it). */
export type NoticeFacts = Pick<
  AppointmentRow,
  | 'service_name'
  | 'office_name'
  | 'office_address'
  | 'office_video_url'
  | 'start'
  | 'video_room'
  | 'interpreter_seat'
  | 'resident_user_id'
  | 'contact_email'
  | 'contact_phone'
>;

/**
 * Tells the person about their visit (booked, moved, reminded, cancelled): in the cabinet when it was booked from an
 * account, and to the address and number given. The text names the service, the office and the time, never the
 * person; it carries the link to cancel or move when there is one.
 */
export async function noticeOf(
  c: PoolClient,
  services: Pick<Services, 'config'>,
  hromadaId: number,
  id: string,
  kind: VisitNotice['kind'],
  token: string | null,
) {
  const a = await loadAppointment(c, hromadaId, id);
  if (a) await tellAbout(c, services, hromadaId, a, kind, token);
}

/** The notice of `noticeOf` from what is known of the visit (a booking knows it all before its row is written). */
async function tellAbout(
  c: PoolClient,
  services: Pick<Services, 'config'>,
  hromadaId: number,
  a: NoticeFacts,
  kind: VisitNotice['kind'],
  token: string | null,
) {
  if (!a.resident_user_id && !a.contact_email && !a.contact_phone) return;
  const base = publicOrigin(services.config);
  const vars = {
    service: a.service_name,
    office: a.office_address ? `${a.office_name} (${a.office_address})` : a.office_name,
    date: displayDate(a.start.slice(0, 10)),
    time: a.start.slice(11, 16),
    link: token ? `${base}/visit/${token}` : '',
    video: videoLink(a) ?? '',
  };
  const key = kind.replace('appointment_', '');
  await notifyVisit(c, {
    hromadaId,
    kind,
    userId: a.resident_user_id,
    email: a.contact_email,
    phone: a.contact_phone,
    subject: t(`appointments.notice.subject.${key}`, vars),
    text: [
      t(`appointments.notice.${key}`, vars),
      vars.video && kind !== 'appointment_cancelled' ? t('appointments.notice.video', vars) : '',
      a.interpreter_seat && kind !== 'appointment_cancelled' ? t('appointments.notice.interpreter') : '',
      token ? t('appointments.notice.link', vars) : '',
    ]
      .filter(Boolean)
      .join(' '),
  });
}
