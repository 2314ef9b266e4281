import type { PoolClient } from 'pg';
import { prepared, type Db } from '../../platform/db.js';
import type { DayHours } from './slots.js';

/*
 * The booking's own statements (the office, its rules, the taken seats, the person's lock, the insert, the visit) are
 * prepared (`prepared()`, issue 15): their text is fixed and their plan the same index scans, and planning them cost
 * more than running them (a booking's eight round trips 8.2 → 4.4 ms p50, measured alternately). The overlap check is
 * not: which of its three keys is given decides its plan.
 */

/** Times travel as Kyiv wall clock `YYYY-MM-DDTHH:MM`; the database keeps instants and converts both ways. */
const KYIV = "'Europe/Kyiv'";
const LOCAL = (col: string) => `to_char(${col} AT TIME ZONE ${KYIV}, 'YYYY-MM-DD"T"HH24:MI')`;
const INSTANT = (param: string) => `(${param}::timestamp AT TIME ZONE ${KYIV})`;

export const OFFICE_KINDS = ['front_office', 'starosta_office', 'outreach', 'remote'] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

export interface OfficeRow {
  id: string;
  name: string;
  kind: OfficeKind;
  district_id: number | null;
  district_name: string | null;
  address: string | null;
  active: boolean;
  windows: number;
  /** A remote office: the address of its video room (`{room}`: each visit's own room). */
  video_url: string | null;
}

const OFFICE_COLS = `o.id, o.name, o.kind, o.district_id, d.name AS district_name, o.address, o.active, o.windows,
  o.video_url`;
const OFFICE_FROM = `offices o LEFT JOIN districts d ON d.hromada_id = o.hromada_id AND d.id = o.district_id`;

/** The hromada's offices in Ukrainian order of names (only the open ones when asked). */
export async function listOffices(c: PoolClient, hromadaId: number, activeOnly: boolean): Promise<OfficeRow[]> {
  return (
    await c.query<OfficeRow>(
      `SELECT ${OFFICE_COLS} FROM ${OFFICE_FROM} WHERE o.hromada_id = $1 AND (o.active OR NOT $2)
       ORDER BY o.name COLLATE "uk-UA-x-icu"`,
      [hromadaId, activeOnly],
    )
  ).rows;
}

export async function loadOffice(c: PoolClient, hromadaId: number, id: string, forUpdate = false) {
  return (
    await c.query<OfficeRow>(
      prepared(
        `SELECT ${OFFICE_COLS} FROM ${OFFICE_FROM} WHERE o.hromada_id = $1 AND o.id = $2 ${forUpdate ? 'FOR UPDATE OF o' : ''}`,
        [hromadaId, id],
      ),
    )
  ).rows[0];
}

export interface OfficeInput {
  name: string;
  kind: OfficeKind;
  districtId: number | null;
  address: string | null;
  active: boolean;
  windows: number;
  videoUrl: string | null;
}

export async function officeNameTaken(c: PoolClient, hromadaId: number, name: string, exceptId: string | null) {
  const r = await c.query(
    'SELECT 1 FROM offices WHERE hromada_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3::uuid',
    [hromadaId, name, exceptId],
  );
  return r.rows.length > 0;
}

export async function districtExists(c: PoolClient, hromadaId: number, id: number) {
  return (await c.query('SELECT 1 FROM districts WHERE hromada_id = $1 AND id = $2', [hromadaId, id])).rows.length > 0;
}

export async function districtsOf(c: PoolClient, hromadaId: number) {
  return (
    await c.query<{ id: number; name: string }>(
      'SELECT id, name FROM districts WHERE hromada_id = $1 ORDER BY name COLLATE "uk-UA-x-icu"',
      [hromadaId],
    )
  ).rows;
}

export async function insertOffice(c: PoolClient, hromadaId: number, o: OfficeInput, userId: string) {
  return (
    await c.query<{ id: string }>(
      `INSERT INTO offices (hromada_id, name, kind, district_id, address, active, windows, video_url, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
      [hromadaId, o.name, o.kind, o.districtId, o.address, o.active, o.windows, o.videoUrl, userId],
    )
  ).rows[0].id;
}

export async function updateOffice(c: PoolClient, hromadaId: number, id: string, o: OfficeInput, userId: string) {
  await c.query(
    `UPDATE offices SET name = $3, kind = $4, district_id = $5, address = $6, active = $7, windows = $8, video_url = $9,
       updated_by = $10, updated_at = now() WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id, o.name, o.kind, o.districtId, o.address, o.active, o.windows, o.videoUrl, userId],
  );
}

export async function officeHours(c: PoolClient, hromadaId: number, officeId: string): Promise<DayHours[]> {
  return (
    await c.query<DayHours>(
      `SELECT weekday, to_char(opens, 'HH24:MI') AS opens, to_char(closes, 'HH24:MI') AS closes,
         to_char(break_starts, 'HH24:MI') AS "breakStarts", to_char(break_ends, 'HH24:MI') AS "breakEnds"
       FROM office_hours WHERE hromada_id = $1 AND office_id = $2 ORDER BY weekday`,
      [hromadaId, officeId],
    )
  ).rows;
}

export async function replaceHours(c: PoolClient, hromadaId: number, officeId: string, hours: DayHours[]) {
  await c.query('DELETE FROM office_hours WHERE hromada_id = $1 AND office_id = $2', [hromadaId, officeId]);
  await c.query(
    `INSERT INTO office_hours (hromada_id, office_id, weekday, opens, closes, break_starts, break_ends)
     SELECT $1, $2, w, o::time, cl::time, bs::time, be::time
     FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(w, o, cl, bs, be)`,
    [
      hromadaId,
      officeId,
      hours.map((h) => h.weekday),
      hours.map((h) => h.opens),
      hours.map((h) => h.closes),
      hours.map((h) => h.breakStarts),
      hours.map((h) => h.breakEnds),
    ],
  );
}

export interface OfficeServiceRow {
  service_id: string;
  name: string;
  slot_minutes: number;
  seats: number;
}

/** The services an office handles (active services of the catalogue), in Ukrainian order. */
export async function officeServices(c: PoolClient, hromadaId: number, officeId: string) {
  return (
    await c.query<OfficeServiceRow>(
      `SELECT os.service_id, s.name, os.slot_minutes, os.seats FROM office_services os
       JOIN services s ON s.hromada_id = os.hromada_id AND s.id = os.service_id
       WHERE os.hromada_id = $1 AND os.office_id = $2 AND s.active ORDER BY s.name COLLATE "uk-UA-x-icu"`,
      [hromadaId, officeId],
    )
  ).rows;
}

/** Every office's services at once (lists and the API). */
export async function servicesOfOffices(c: PoolClient, hromadaId: number) {
  return (
    await c.query<OfficeServiceRow & { office_id: string }>(
      `SELECT os.office_id, os.service_id, s.name, os.slot_minutes, os.seats FROM office_services os
       JOIN services s ON s.hromada_id = os.hromada_id AND s.id = os.service_id
       WHERE os.hromada_id = $1 AND s.active ORDER BY s.name COLLATE "uk-UA-x-icu"`,
      [hromadaId],
    )
  ).rows;
}

/** The catalogue's active services (to add one to an office, or to choose one to book). */
export async function activeServices(c: PoolClient, hromadaId: number) {
  return (
    await c.query<{ id: string; name: string }>(
      'SELECT id, name FROM services WHERE hromada_id = $1 AND active ORDER BY name COLLATE "uk-UA-x-icu"',
      [hromadaId],
    )
  ).rows;
}

export async function upsertOfficeService(
  c: PoolClient,
  hromadaId: number,
  officeId: string,
  s: { serviceId: string; slotMinutes: number; seats: number },
) {
  await c.query(
    `INSERT INTO office_services (hromada_id, office_id, service_id, slot_minutes, seats) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (hromada_id, office_id, service_id) DO UPDATE SET slot_minutes = $4, seats = $5`,
    [hromadaId, officeId, s.serviceId, s.slotMinutes, s.seats],
  );
}

export async function removeOfficeService(c: PoolClient, hromadaId: number, officeId: string, serviceId: string) {
  return (
    (
      await c.query('DELETE FROM office_services WHERE hromada_id = $1 AND office_id = $2 AND service_id = $3', [
        hromadaId,
        officeId,
        serviceId,
      ])
    ).rowCount ?? 0
  );
}

export interface StaffRow {
  user_id: string;
  display_name: string;
}

export async function officeStaff(c: PoolClient, hromadaId: number, officeId: string) {
  return (
    await c.query<StaffRow>(
      `SELECT s.user_id, u.display_name FROM office_staff s JOIN users u ON u.id = s.user_id
       WHERE s.hromada_id = $1 AND s.office_id = $2 ORDER BY u.display_name COLLATE "uk-UA-x-icu"`,
      [hromadaId, officeId],
    )
  ).rows;
}

/** Staff of the hromada who may serve visitors (any staff grant here, active account). */
export async function staffCandidates(c: PoolClient, hromadaId: number) {
  return (
    await c.query<StaffRow>(
      `SELECT u.id AS user_id, u.display_name FROM users u
       WHERE u.kind = 'staff' AND u.active
         AND EXISTS (SELECT 1 FROM grants g WHERE g.user_id = u.id AND g.hromada_id = $1 AND g.role <> 'public')
       ORDER BY u.display_name COLLATE "uk-UA-x-icu"`,
      [hromadaId],
    )
  ).rows;
}

export async function addStaff(c: PoolClient, hromadaId: number, officeId: string, userId: string) {
  await c.query(
    'INSERT INTO office_staff (hromada_id, office_id, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [hromadaId, officeId, userId],
  );
}

export async function removeStaff(c: PoolClient, hromadaId: number, officeId: string, userId: string) {
  return (
    (
      await c.query('DELETE FROM office_staff WHERE hromada_id = $1 AND office_id = $2 AND user_id = $3', [
        hromadaId,
        officeId,
        userId,
      ])
    ).rowCount ?? 0
  );
}

export interface AbsenceRow {
  id: string;
  user_id: string;
  display_name: string;
  starts_on: string;
  ends_on: string;
  reason: string | null;
}

/** The office's staff absences that end on or after `since`. */
export async function officeAbsences(c: PoolClient, hromadaId: number, officeId: string, since: string) {
  return (
    await c.query<AbsenceRow>(
      `SELECT a.id, a.user_id, u.display_name, to_char(a.starts_on, 'YYYY-MM-DD') AS starts_on,
         to_char(a.ends_on, 'YYYY-MM-DD') AS ends_on, a.reason
       FROM office_absences a JOIN users u ON u.id = a.user_id
       WHERE a.hromada_id = $1 AND a.office_id = $2 AND a.ends_on >= $3 ORDER BY a.starts_on, u.display_name`,
      [hromadaId, officeId, since],
    )
  ).rows;
}

export async function addAbsence(
  c: PoolClient,
  hromadaId: number,
  officeId: string,
  a: { userId: string; from: string; to: string; reason: string | null },
) {
  await c.query(
    `INSERT INTO office_absences (hromada_id, office_id, user_id, starts_on, ends_on, reason)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [hromadaId, officeId, a.userId, a.from, a.to, a.reason],
  );
}

export async function removeAbsence(c: PoolClient, hromadaId: number, officeId: string, id: string) {
  return (
    (
      await c.query('DELETE FROM office_absences WHERE hromada_id = $1 AND office_id = $2 AND id = $3', [
        hromadaId,
        officeId,
        id,
      ])
    ).rowCount ?? 0
  );
}

/** Live bookings per start time of an office's service between two Kyiv wall-clock times. */
export async function takenSeats(
  c: PoolClient,
  hromadaId: number,
  officeId: string,
  serviceId: string,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const { rows } = await c.query<{ start: string; n: number }>(
    prepared(
      `SELECT ${LOCAL('starts_at')} AS start, count(*)::int AS n FROM appointments
     WHERE hromada_id = $1 AND office_id = $2 AND service_id = $3 AND status <> 'cancelled'
       AND starts_at >= ${INSTANT('$4')} AND starts_at < ${INSTANT('$5')}
     GROUP BY starts_at`,
      [hromadaId, officeId, serviceId, from, to],
    ),
  );
  return new Map(rows.map((r) => [r.start, r.n]));
}

/** Who a booking is for: a registry person, a resident account, or a caller's phone. */
export interface Booker {
  personId: string | null;
  residentUserId: string | null;
  phone: string | null;
}

/**
 * Serialises the bookings of one person (by whichever of their keys is known) until the transaction ends, so that
 * two bookings of the same person at the same time cannot both pass the overlap check.
 */
export async function lockBooker(c: PoolClient, hromadaId: number, b: Booker) {
  const keys = [b.personId && `p:${b.personId}`, b.residentUserId && `u:${b.residentUserId}`, b.phone && `t:${b.phone}`]
    .filter((k): k is string => !!k)
    .sort();
  // Issued at once, in a fixed order (pipelined, they are taken in the order sent): a statement sent behind them runs
  // only once all are held.
  await Promise.all(
    keys.map((k) => c.query(prepared('SELECT pg_advisory_xact_lock($1, hashtext($2))', [hromadaId, `visit:${k}`]))),
  );
}

/** The columns that name a booker, in a fixed order. */
const BOOKER_KEYS = [
  ['person_id', (b: Booker) => b.personId],
  ['resident_user_id', (b: Booker) => b.residentUserId],
  ['contact_phone', (b: Booker) => b.phone],
] as const;

/**
 * A live booking of the same person that overlaps [start, end) (Kyiv wall clock), other than `exceptId`. The statement
 * names only the keys the booker has (one text per combination): with a key that is null in the text, PostgreSQL found
 * no plan good for every call and planned each call anew (0.15–0.22 ms of its CPU per booking, 2026-12-05).
 */
export async function overlappingBooking(
  c: PoolClient,
  hromadaId: number,
  b: Booker,
  start: string,
  end: string,
  exceptId: string | null,
) {
  const keys = BOOKER_KEYS.filter(([, of]) => of(b));
  if (!keys.length) return null;
  const { rows } = await c.query<{ id: string }>(
    prepared(
      `SELECT id FROM appointments
     WHERE hromada_id = $1 AND status = 'booked' AND id IS DISTINCT FROM $4::uuid
       AND (${keys.map(([column], i) => `${column} = $${5 + i}`).join(' OR ')})
       AND starts_at < ${INSTANT('$3')} AND ends_at > ${INSTANT('$2')}
     LIMIT 1`,
      [hromadaId, start, end, exceptId, ...keys.map(([, of]) => of(b))],
    ),
  );
  return rows[0]?.id ?? null;
}

export interface NewAppointment extends Booker {
  officeId: string;
  serviceId: string;
  start: string;
  end: string;
  channel: 'online' | 'front_office' | 'starosta' | 'api';
  contactName: string | null;
  contactEmail: string | null;
  note: string | null;
  tokenHash: string;
  bookedBy: string | null;
  videoRoom: string | null;
  interpreterSeat: number | null;
}

/**
 * Takes the first free seat of the slot: each seat is tried in order, and the unique index on live seats settles any
 * race (a concurrent booking of the same seat waits for the other to commit, then finds it taken). Null when every
 * seat is taken.
 */
export async function insertAppointment(c: PoolClient, hromadaId: number, seats: number, a: NewAppointment) {
  for (let seat = 1; seat <= seats; seat++) {
    const { rows } = await c.query<{ id: string }>(
      prepared(
        `INSERT INTO appointments (hromada_id, office_id, service_id, starts_at, ends_at, seat, channel, person_id,
         resident_user_id, contact_name, contact_phone, contact_email, note, manage_token_hash, booked_by, video_room,
         interpreter_seat)
       VALUES ($1, $2, $3, ${INSTANT('$4')}, ${INSTANT('$5')}, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (hromada_id, office_id, service_id, starts_at, seat) WHERE status <> 'cancelled' DO NOTHING
       RETURNING id`,
        [
          hromadaId,
          a.officeId,
          a.serviceId,
          a.start,
          a.end,
          seat,
          a.channel,
          a.personId,
          a.residentUserId,
          a.contactName,
          a.phone,
          a.contactEmail,
          a.note,
          a.tokenHash,
          a.bookedBy,
          a.videoRoom,
          a.interpreterSeat,
        ],
      ),
    );
    // Seats are taken lowest first, so the last one taken leaves the time full.
    if (rows[0]) return { id: rows[0].id, full: seat === seats };
  }
  return null;
}

export type AppointmentStatus = 'booked' | 'cancelled' | 'attended' | 'no_show';

export interface AppointmentRow {
  id: string;
  office_id: string;
  office_name: string;
  office_address: string | null;
  district_id: number | null;
  service_id: string;
  service_name: string;
  start: string;
  end: string;
  seat: number;
  status: AppointmentStatus;
  channel: NewAppointment['channel'];
  person_id: string | null;
  resident_user_id: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  note: string | null;
  moved_to: string | null;
  application_id: string | null;
  created_at: Date;
  office_kind: OfficeKind;
  office_video_url: string | null;
  video_room: string | null;
  interpreter_seat: number | null;
  outcome_note: string | null;
}

const APPOINTMENT_COLS = `a.id, a.office_id, o.name AS office_name, o.address AS office_address, o.district_id,
  a.service_id, s.name AS service_name, ${LOCAL('a.starts_at')} AS start, ${LOCAL('a.ends_at')} AS "end", a.seat,
  a.status, a.channel, a.person_id, a.resident_user_id, a.contact_name, a.contact_phone, a.contact_email, a.note,
  a.moved_to, a.application_id, a.created_at, o.kind AS office_kind, o.video_url AS office_video_url, a.video_room,
  a.interpreter_seat, a.outcome_note`;
const APPOINTMENT_FROM = `appointments a
  JOIN offices o ON o.hromada_id = a.hromada_id AND o.id = a.office_id
  JOIN services s ON s.hromada_id = a.hromada_id AND s.id = a.service_id`;

export async function loadAppointment(c: PoolClient, hromadaId: number, id: string, forUpdate = false) {
  return (
    await c.query<AppointmentRow>(
      prepared(
        `SELECT ${APPOINTMENT_COLS} FROM ${APPOINTMENT_FROM} WHERE a.hromada_id = $1 AND a.id = $2
       ${forUpdate ? 'FOR UPDATE OF a' : ''}`,
        [hromadaId, id],
      ),
    )
  ).rows[0];
}

export async function appointmentByToken(c: PoolClient, hromadaId: number, tokenHash: string) {
  return (
    await c.query<AppointmentRow>(
      `SELECT ${APPOINTMENT_COLS} FROM ${APPOINTMENT_FROM} WHERE a.hromada_id = $1 AND a.manage_token_hash = $2
       FOR UPDATE OF a`,
      [hromadaId, tokenHash],
    )
  ).rows[0];
}

export async function cancelAppointmentRow(
  c: PoolClient,
  hromadaId: number,
  id: string,
  userId: string | null,
  movedTo: string | null,
) {
  await c.query(
    `UPDATE appointments SET status = 'cancelled', cancelled_at = now(), cancelled_by = $3, moved_to = $4,
       manage_token_hash = NULL WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id, userId, movedTo],
  );
}

export async function setAppointmentOutcome(
  c: PoolClient,
  hromadaId: number,
  id: string,
  status: 'attended' | 'no_show' | 'booked',
  note: string | null,
) {
  await c.query('UPDATE appointments SET status = $3, outcome_note = $4 WHERE hromada_id = $1 AND id = $2', [
    hromadaId,
    id,
    status,
    note,
  ]);
}

/** How many sign-language interpreters the hromada has for visits at the same time. */
export async function signInterpreters(c: PoolClient, hromadaId: number) {
  return (await c.query<{ n: number }>('SELECT sign_interpreters AS n FROM hromadas WHERE id = $1', [hromadaId]))
    .rows[0].n;
}

export async function setSignInterpreters(c: PoolClient, hromadaId: number, n: number) {
  await c.query('UPDATE hromadas SET sign_interpreters = $2 WHERE id = $1', [hromadaId, n]);
}

/** Serialises the interpreters' bookings of one start time (any office), until the transaction ends. */
export async function lockInterpreters(c: PoolClient, hromadaId: number, start: string) {
  await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [hromadaId, `interpreter:${start}`]);
}

/** Interpreter seats taken by live visits that overlap [start, end) (Kyiv wall clock). */
export async function takenInterpreters(c: PoolClient, hromadaId: number, start: string, end: string) {
  return (
    await c.query<{ seat: number }>(
      `SELECT DISTINCT interpreter_seat AS seat FROM appointments
       WHERE hromada_id = $1 AND status <> 'cancelled' AND interpreter_seat IS NOT NULL
         AND starts_at < ${INSTANT('$3')} AND ends_at > ${INSTANT('$2')}`,
      [hromadaId, start, end],
    )
  ).rows.map((r) => r.seat);
}

/** The visits of a day (Kyiv date) at one office or at all offices of the given ones, in time order. */
export async function dayAppointments(c: PoolClient, hromadaId: number, officeIds: string[], date: string) {
  return (
    await c.query<AppointmentRow>(
      `SELECT ${APPOINTMENT_COLS} FROM ${APPOINTMENT_FROM}
       WHERE a.hromada_id = $1 AND a.office_id = ANY($2::uuid[])
         AND a.starts_at >= ${INSTANT('$3')} AND a.starts_at < ${INSTANT('$4')}
       ORDER BY a.starts_at, o.name COLLATE "uk-UA-x-icu", a.seat`,
      [hromadaId, officeIds, `${date}T00:00`, `${date}T24:00`],
    )
  ).rows;
}

/** A resident's visits (booked from the account, or for their linked persons), latest first. */
export async function residentAppointments(c: PoolClient, hromadaId: number, userId: string, personIds: string[]) {
  return (
    await c.query<AppointmentRow>(
      `SELECT ${APPOINTMENT_COLS} FROM ${APPOINTMENT_FROM}
       WHERE a.hromada_id = $1 AND (a.resident_user_id = $2 OR a.person_id = ANY($3::uuid[]))
       ORDER BY a.starts_at DESC LIMIT 200`,
      [hromadaId, userId, personIds],
    )
  ).rows;
}

/** A registry person's visits, latest first (the person card). */
export async function personAppointments(c: PoolClient, hromadaId: number, personId: string) {
  return (
    await c.query<AppointmentRow>(
      `SELECT ${APPOINTMENT_COLS} FROM ${APPOINTMENT_FROM} WHERE a.hromada_id = $1 AND a.person_id = $2
       ORDER BY a.starts_at DESC LIMIT 50`,
      [hromadaId, personId],
    )
  ).rows;
}

/** Claims the live bookings of `date` (Kyiv) not yet reminded: each is reminded once. */
export async function claimDueReminders(c: PoolClient, hromadaId: number, date: string) {
  return (
    await c.query<AppointmentRow>(
      `WITH due AS (
         UPDATE appointments SET reminded_at = now()
         WHERE hromada_id = $1 AND status = 'booked' AND reminded_at IS NULL
           AND starts_at >= ${INSTANT('$2')} AND starts_at < ${INSTANT('$3')}
         RETURNING id)
       SELECT ${APPOINTMENT_COLS} FROM ${APPOINTMENT_FROM} JOIN due ON due.id = a.id WHERE a.hromada_id = $1`,
      [hromadaId, `${date}T00:00`, `${date}T24:00`],
    )
  ).rows;
}

export async function activeHromadas(c: PoolClient) {
  return (await c.query<{ id: number }>('SELECT id FROM hromadas WHERE active')).rows.map((r) => r.id);
}

/** A live (not merged away) registry person of the hromada. */
export async function personExists(c: PoolClient, hromadaId: number, id: string) {
  return (
    (
      await c.query(
        prepared('SELECT 1 FROM persons WHERE hromada_id = $1 AND id = $2 AND merged_into IS NULL', [hromadaId, id]),
      )
    ).rows.length > 0
  );
}

/** The name a resident account goes by (the booking's contact name). */
export async function residentContact(c: PoolClient, userId: string) {
  return (await c.query<{ name: string }>('SELECT display_name AS name FROM users WHERE id = $1', [userId])).rows[0];
}

export interface OfficeRules {
  service: OfficeServiceRow | null;
  hours: DayHours[];
  staff: { user_id: string; absences: { from: string; to: string }[] }[];
  calendar: unknown;
}

/**
 * Everything the slots of an office's service depend on, in one round trip: the service's length and seats (null
 * when the office does not handle it), the week, the staff with their absences from `since`, and the hromada's
 * working calendar (as stored; `calendarFrom` reads it).
 */
export async function officeRules(
  c: PoolClient,
  hromadaId: number,
  officeId: string,
  serviceId: string,
  since: string,
): Promise<OfficeRules> {
  const { rows } = await c.query<OfficeRules>(
    prepared(
      `SELECT
       (SELECT json_build_object('service_id', os.service_id, 'name', s.name, 'slot_minutes', os.slot_minutes,
                                 'seats', os.seats)
          FROM office_services os JOIN services s ON s.hromada_id = os.hromada_id AND s.id = os.service_id
         WHERE os.hromada_id = $1 AND os.office_id = $2 AND os.service_id = $3 AND s.active) AS service,
       coalesce((SELECT json_agg(json_build_object('weekday', h.weekday, 'opens', to_char(h.opens, 'HH24:MI'),
                                 'closes', to_char(h.closes, 'HH24:MI'),
                                 'breakStarts', to_char(h.break_starts, 'HH24:MI'),
                                 'breakEnds', to_char(h.break_ends, 'HH24:MI')) ORDER BY h.weekday)
          FROM office_hours h WHERE h.hromada_id = $1 AND h.office_id = $2), '[]') AS hours,
       coalesce((SELECT json_agg(json_build_object('user_id', st.user_id, 'absences',
                   coalesce((SELECT json_agg(json_build_object('from', to_char(a.starts_on, 'YYYY-MM-DD'),
                                                               'to', to_char(a.ends_on, 'YYYY-MM-DD')))
                               FROM office_absences a
                              WHERE a.hromada_id = st.hromada_id AND a.office_id = st.office_id
                                AND a.user_id = st.user_id AND a.ends_on >= $4::date), '[]')))
          FROM office_staff st WHERE st.hromada_id = $1 AND st.office_id = $2), '[]') AS staff,
       (SELECT settings -> 'workCalendar' FROM hromadas WHERE id = $1) AS calendar`,
      [hromadaId, officeId, serviceId, since],
    ),
  );
  return rows[0];
}

/** The visits that ended in an application (normally one). */
export async function appointmentsOfApplication(c: PoolClient, hromadaId: number, applicationId: string) {
  return (
    await c.query<AppointmentRow>(
      `SELECT ${APPOINTMENT_COLS} FROM ${APPOINTMENT_FROM} WHERE a.hromada_id = $1 AND a.application_id = $2
       ORDER BY a.starts_at`,
      [hromadaId, applicationId],
    )
  ).rows;
}

/** An application of the hromada by its registration number, with where it sits (for the reach check). */
export async function applicationByNumber(c: PoolClient, hromadaId: number, number: string) {
  return (
    await c.query<{ id: string; registration_number: string; district_id: number | null }>(
      `SELECT id, registration_number, district_id FROM applications WHERE hromada_id = $1 AND registration_number = $2`,
      [hromadaId, number],
    )
  ).rows[0];
}

export async function applicationNumberOf(c: PoolClient, hromadaId: number, id: string) {
  return (
    (
      await c.query<{ registration_number: string | null }>(
        'SELECT registration_number FROM applications WHERE hromada_id = $1 AND id = $2',
        [hromadaId, id],
      )
    ).rows[0]?.registration_number ?? null
  );
}

/** Links the visit to the application it ended in; a visit still booked counts as attended. */
export async function linkAppointmentApplication(c: PoolClient, hromadaId: number, id: string, applicationId: string) {
  await c.query(
    `UPDATE appointments SET application_id = $3, status = CASE WHEN status = 'booked' THEN 'attended' ELSE status END
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id, applicationId],
  );
}

/** The hromada of an open office of an active hromada, for the queue's public pages (null: no such office). */
export async function publicOfficeHromada(db: Pick<Db, 'query'>, officeId: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number | null }>('SELECT public_office_hromada($1) AS id', [officeId]);
  return rows[0]?.id ?? null;
}
