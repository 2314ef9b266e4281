import type { PoolClient } from 'pg';
import type { TicketStatus } from './queue-machine.js';

export interface TicketRow {
  id: string;
  office_id: string;
  service_id: string;
  service_name: string;
  letter: string;
  number: number;
  status: TicketStatus;
  window_no: number | null;
  appointment_id: string | null;
  appointment_start: string | null;
  source: 'kiosk' | 'staff';
  taken_at: Date;
  called_at: Date | null;
  calls: number;
  serving_at: Date | null;
  done_at: Date | null;
}

const TICKET_COLS = `t.id, t.office_id, t.service_id, s.name AS service_name, t.letter, t.number, t.status, t.window_no,
  t.appointment_id, to_char(a.starts_at AT TIME ZONE 'Europe/Kyiv', 'HH24:MI') AS appointment_start, t.source,
  t.taken_at, t.called_at, t.calls, t.serving_at, t.done_at`;
const TICKET_FROM = `queue_tickets t
  JOIN services s ON s.hromada_id = t.hromada_id AND s.id = t.service_id
  LEFT JOIN appointments a ON a.hromada_id = t.hromada_id AND a.id = t.appointment_id`;

/** The office's service letters in use, and this service's (null before its first ticket). */
export async function serviceLetters(c: PoolClient, hromadaId: number, officeId: string, serviceId: string) {
  const { rows } = await c.query<{ service_id: string; ticket_letter: string | null }>(
    'SELECT service_id, ticket_letter FROM office_services WHERE hromada_id = $1 AND office_id = $2',
    [hromadaId, officeId],
  );
  return {
    handled: rows.some((r) => r.service_id === serviceId),
    mine: rows.find((r) => r.service_id === serviceId)?.ticket_letter ?? null,
    used: rows.map((r) => r.ticket_letter).filter((l): l is string => l !== null),
  };
}

export async function setServiceLetter(
  c: PoolClient,
  hromadaId: number,
  officeId: string,
  serviceId: string,
  letter: string,
) {
  await c.query(
    `UPDATE office_services SET ticket_letter = $4
     WHERE hromada_id = $1 AND office_id = $2 AND service_id = $3 AND ticket_letter IS NULL`,
    [hromadaId, officeId, serviceId, letter],
  );
}

/** Locks the office's row: tickets of one office are numbered one at a time. */
export async function lockOfficeQueue(c: PoolClient, hromadaId: number, officeId: string) {
  await c.query('SELECT 1 FROM offices WHERE hromada_id = $1 AND id = $2 FOR UPDATE', [hromadaId, officeId]);
}

export async function insertTicket(
  c: PoolClient,
  hromadaId: number,
  t: {
    officeId: string;
    serviceId: string;
    day: string;
    letter: string;
    appointmentId: string | null;
    source: 'kiosk' | 'staff';
  },
) {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO queue_tickets (hromada_id, office_id, service_id, day, letter, number, appointment_id, source)
     SELECT $1, $2, $3, $4, $5, coalesce(max(number), 0) + 1, $6, $7 FROM queue_tickets
      WHERE hromada_id = $1 AND office_id = $2 AND day = $4 AND letter = $5
     RETURNING id`,
    [hromadaId, t.officeId, t.serviceId, t.day, t.letter, t.appointmentId, t.source],
  );
  return rows[0].id;
}

export async function loadTicket(c: PoolClient, hromadaId: number, id: string, forUpdate = false) {
  return (
    await c.query<TicketRow>(
      `SELECT ${TICKET_COLS} FROM ${TICKET_FROM} WHERE t.hromada_id = $1 AND t.id = $2 ${forUpdate ? 'FOR UPDATE OF t' : ''}`,
      [hromadaId, id],
    )
  ).rows[0];
}

/** The day's tickets of an office, in the order they were taken. */
export async function dayTickets(c: PoolClient, hromadaId: number, officeId: string, day: string) {
  return (
    await c.query<TicketRow>(
      `SELECT ${TICKET_COLS} FROM ${TICKET_FROM} WHERE t.hromada_id = $1 AND t.office_id = $2 AND t.day = $3
       ORDER BY t.taken_at`,
      [hromadaId, officeId, day],
    )
  ).rows;
}

/**
 * Calls the next waiting ticket of the day to `window`: first one sent on to this window, then a booked visitor whose
 * time has come (15 minutes early at most), then the longest waiting. Two windows never call the same ticket (the row
 * is taken with SKIP LOCKED). Null when nobody waits.
 */
export async function callNextTicket(
  c: PoolClient,
  hromadaId: number,
  officeId: string,
  day: string,
  window: number,
  userId: string,
) {
  const { rows } = await c.query<{ id: string }>(
    `UPDATE queue_tickets SET status = 'called', window_no = $4, called_at = now(), calls = calls + 1, called_by = $5
     WHERE hromada_id = $1 AND id = (
       SELECT t.id FROM queue_tickets t
       LEFT JOIN appointments a ON a.hromada_id = t.hromada_id AND a.id = t.appointment_id
       WHERE t.hromada_id = $1 AND t.office_id = $2 AND t.day = $3 AND t.status = 'waiting'
         AND (t.window_no IS NULL OR t.window_no = $4)
       ORDER BY (t.window_no IS NOT NULL) DESC, (a.starts_at <= now() + interval '15 minutes') IS TRUE DESC, t.taken_at
       LIMIT 1 FOR UPDATE OF t SKIP LOCKED)
     RETURNING id`,
    [hromadaId, officeId, day, window, userId],
  );
  return rows[0]?.id ?? null;
}

/** The ticket called or being served at a window now. */
export async function ticketAtWindow(c: PoolClient, hromadaId: number, officeId: string, day: string, window: number) {
  return (
    await c.query<TicketRow>(
      `SELECT ${TICKET_COLS} FROM ${TICKET_FROM} WHERE t.hromada_id = $1 AND t.office_id = $2 AND t.day = $3
       AND t.window_no = $4 AND t.status IN ('called', 'serving') ORDER BY t.called_at DESC LIMIT 1`,
      [hromadaId, officeId, day, window],
    )
  ).rows[0];
}

/** Applies a console command's new status (and its timestamp) to a ticket. */
export async function updateTicket(
  c: PoolClient,
  hromadaId: number,
  id: string,
  to: TicketStatus,
  o: { recall?: boolean; window?: number | null; userId: string },
) {
  await c.query(
    `UPDATE queue_tickets SET status = $3,
       calls = calls + CASE WHEN $4 THEN 1 ELSE 0 END,
       called_at = CASE WHEN $4 THEN now() ELSE called_at END,
       serving_at = CASE WHEN $3 = 'serving' THEN now() ELSE serving_at END,
       done_at = CASE WHEN $3 IN ('served', 'no_show') THEN now() ELSE done_at END,
       window_no = CASE WHEN $3 = 'waiting' THEN $5 ELSE window_no END,
       called_by = $6
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id, to, o.recall === true, o.window ?? null, o.userId],
  );
}

/** What the screen shows: the tickets called or being served now, the latest call first. */
export async function screenTickets(c: PoolClient, hromadaId: number, officeId: string, day: string) {
  return (
    await c.query<{
      letter: string;
      number: number;
      window_no: number;
      status: TicketStatus;
      called_at: Date;
      calls: number;
    }>(
      `SELECT letter, number, window_no, status, called_at, calls FROM queue_tickets
       WHERE hromada_id = $1 AND office_id = $2 AND day = $3 AND status IN ('called', 'serving')
       ORDER BY called_at DESC LIMIT 10`,
      [hromadaId, officeId, day],
    )
  ).rows;
}

/** Today's booked visits at the office without a ticket yet (to issue one for a booking). */
export async function bookedWithoutTicket(c: PoolClient, hromadaId: number, officeId: string, day: string) {
  return (
    await c.query<{ id: string; service_id: string; service_name: string; start: string; contact_name: string | null }>(
      `SELECT a.id, a.service_id, s.name AS service_name, to_char(a.starts_at AT TIME ZONE 'Europe/Kyiv', 'HH24:MI') AS start,
         a.contact_name
       FROM appointments a JOIN services s ON s.hromada_id = a.hromada_id AND s.id = a.service_id
       WHERE a.hromada_id = $1 AND a.office_id = $2 AND a.status = 'booked'
         AND a.starts_at >= ($3::timestamp AT TIME ZONE 'Europe/Kyiv') AND a.starts_at < ($4::timestamp AT TIME ZONE 'Europe/Kyiv')
         AND NOT EXISTS (SELECT 1 FROM queue_tickets q WHERE q.hromada_id = a.hromada_id AND q.appointment_id = a.id)
       ORDER BY a.starts_at`,
      [hromadaId, officeId, `${day}T00:00`, `${day}T24:00`],
    )
  ).rows;
}

/** Today's booking at the office made with this phone number and not yet ticketed (the kiosk's «I have a booking»). */
export async function bookingByPhone(c: PoolClient, hromadaId: number, officeId: string, day: string, phone: string) {
  return (
    await c.query<{ id: string; service_id: string }>(
      `SELECT a.id, a.service_id FROM appointments a
       WHERE a.hromada_id = $1 AND a.office_id = $2 AND a.status = 'booked' AND a.contact_phone = $5
         AND a.starts_at >= ($3::timestamp AT TIME ZONE 'Europe/Kyiv') AND a.starts_at < ($4::timestamp AT TIME ZONE 'Europe/Kyiv')
         AND NOT EXISTS (SELECT 1 FROM queue_tickets q WHERE q.hromada_id = a.hromada_id AND q.appointment_id = a.id)
       ORDER BY a.starts_at LIMIT 1`,
      [hromadaId, officeId, `${day}T00:00`, `${day}T24:00`, phone],
    )
  ).rows[0];
}

export interface QueueStatRow {
  service_name: string;
  hour: number;
  tickets: number;
  served: number;
  no_show: number;
  wait_avg_min: number | null;
  wait_max_min: number | null;
  service_avg_min: number | null;
}

/** Waiting (taken → first call) and service (start → end) times per service and hour of taking, over days. */
export async function queueStats(c: PoolClient, hromadaId: number, officeId: string, from: string, to: string) {
  return (
    await c.query<QueueStatRow>(
      `SELECT s.name AS service_name, extract(hour FROM t.taken_at AT TIME ZONE 'Europe/Kyiv')::int AS hour,
         count(*)::int AS tickets,
         count(*) FILTER (WHERE t.status = 'served')::int AS served,
         count(*) FILTER (WHERE t.status = 'no_show')::int AS no_show,
         round((avg(extract(epoch FROM t.called_at - t.taken_at)) / 60)::numeric, 1)::float AS wait_avg_min,
         round((max(extract(epoch FROM t.called_at - t.taken_at)) / 60)::numeric, 1)::float AS wait_max_min,
         round((avg(extract(epoch FROM t.done_at - t.serving_at)) FILTER (WHERE t.status = 'served') / 60)::numeric, 1)::float
           AS service_avg_min
       FROM queue_tickets t JOIN services s ON s.hromada_id = t.hromada_id AND s.id = t.service_id
       WHERE t.hromada_id = $1 AND t.office_id = $2 AND t.day BETWEEN $3 AND $4
       GROUP BY s.name, hour ORDER BY s.name COLLATE "uk-UA-x-icu", hour`,
      [hromadaId, officeId, from, to],
    )
  ).rows;
}
