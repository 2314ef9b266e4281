import type { PoolClient } from 'pg';
import { calendarFrom, type WorkCalendar } from './working-days.js';
import type { Channel, Status } from './status-machine.js';

export interface ApplicationRow {
  id: string; registration_number: string | null;
  /** NULL: an online application whose person is not confirmed yet (the applicant's typed name is person_name). */
  person_id: string | null;
  /** The resident account that filed it online without a registry link (NULL otherwise). */
  applicant_user_id: string | null;
  service_id: string; channel: Channel; status: Status;
  district_id: number | null; assignee_id: string | null; registered_on: string | null; processing_days: number | null;
  deadline: string | null; paused_days: number; paused_since: string | null; decision: string | null;
  refusal_reason: string | null; version: number; created_at: Date; updated_at: Date;
  person_name: string; person_birth_date: string | null; service_name: string; service_crisis: boolean;
  district_name: string | null; assignee_name: string | null;
}

const SELECT_APPLICATION = `
  SELECT a.id, a.registration_number, a.person_id, a.applicant_user_id, a.service_id, a.channel, a.status, a.district_id, a.assignee_id,
    to_char(a.registered_on, 'YYYY-MM-DD') AS registered_on, a.processing_days, to_char(a.deadline, 'YYYY-MM-DD') AS deadline,
    a.paused_days, to_char(a.paused_since, 'YYYY-MM-DD') AS paused_since, a.decision, a.refusal_reason, a.version,
    a.created_at, a.updated_at,
    CASE WHEN p.id IS NULL THEN concat_ws(' ', aa.last_name, aa.first_name, aa.patronymic)
      ELSE concat_ws(' ', p.last_name, p.first_name, p.patronymic) END AS person_name,
    to_char(CASE WHEN p.id IS NULL THEN aa.birth_date ELSE p.birth_date END, 'YYYY-MM-DD') AS person_birth_date,
    s.name AS service_name, s.crisis AS service_crisis, d.name AS district_name, u.display_name AS assignee_name
  FROM applications a
  LEFT JOIN persons p ON p.id = a.person_id
  LEFT JOIN application_applicants aa ON aa.hromada_id = a.hromada_id AND aa.application_id = a.id AND a.person_id IS NULL
  JOIN services s ON s.id = a.service_id
  LEFT JOIN districts d ON d.id = a.district_id
  LEFT JOIN users u ON u.id = a.assignee_id`;

export async function loadApplication(c: PoolClient, hromadaId: number, id: string, forUpdate = false): Promise<ApplicationRow | null> {
  const { rows } = await c.query<ApplicationRow>(
    `${SELECT_APPLICATION} WHERE a.id = $1 AND a.hromada_id = $2${forUpdate ? ' FOR UPDATE OF a' : ''}`, [id, hromadaId]);
  return rows[0] ?? null;
}

export async function findByIdempotencyKey(c: PoolClient, hromadaId: number, key: string)
  : Promise<{ id: string; person_id: string | null; service_id: string; channel: Channel } | null> {
  const { rows } = await c.query<{ id: string; person_id: string | null; service_id: string; channel: Channel }>(
    'SELECT id, person_id, service_id, channel FROM applications WHERE hromada_id = $1 AND idempotency_key = $2', [hromadaId, key]);
  return rows[0] ?? null;
}

export interface HistoryRow {
  id: string; at: Date; actor_id: string | null; actor_label: string; event: string; from_status: Status | null;
  to_status: Status; note: string | null; data: Record<string, unknown>;
}

export async function loadHistory(c: PoolClient, applicationId: string): Promise<HistoryRow[]> {
  const { rows } = await c.query<HistoryRow>(
    `SELECT id::text, at, actor_id, actor_label, event, from_status, to_status, note, data
     FROM application_history WHERE application_id = $1 ORDER BY at, id`, [applicationId]);
  return rows;
}

export interface HistoryEntry {
  hromadaId: number; applicationId: string; actorId: string; actorLabel: string; event: string;
  from: Status | null; to: Status; note?: string | null; data?: Record<string, unknown>;
}

export async function addHistory(c: PoolClient, e: HistoryEntry): Promise<void> {
  await c.query(
    `INSERT INTO application_history (hromada_id, application_id, actor_id, actor_label, event, from_status, to_status, note, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [e.hromadaId, e.applicationId, e.actorId, e.actorLabel, e.event, e.from, e.to, e.note ?? null, JSON.stringify(e.data ?? {})]);
}

export interface DocumentRequestRow { id: string; documents: string[]; due_on: string; requested_at: Date; fulfilled_at: Date | null }

export async function loadDocumentRequests(c: PoolClient, applicationId: string): Promise<DocumentRequestRow[]> {
  const { rows } = await c.query<DocumentRequestRow>(
    `SELECT id, documents, to_char(due_on, 'YYYY-MM-DD') AS due_on, requested_at, fulfilled_at
     FROM application_document_requests WHERE application_id = $1 ORDER BY requested_at`, [applicationId]);
  return rows;
}

export interface ServiceRow { id: string; name: string; active: boolean; channels: Channel[]; crisis: boolean; max_processing_days: number }

export async function loadService(c: PoolClient, hromadaId: number, id: string): Promise<ServiceRow | null> {
  const { rows } = await c.query<ServiceRow>(
    'SELECT id, name, active, channels, crisis, max_processing_days FROM services WHERE id = $1 AND hromada_id = $2', [id, hromadaId]);
  return rows[0] ?? null;
}

/** Active services offering a channel, by name. */
export async function servicesFor(c: PoolClient, hromadaId: number, channel: Channel): Promise<{ id: string; name: string }[]> {
  const { rows } = await c.query<{ id: string; name: string }>(
    `SELECT id, name FROM services WHERE hromada_id = $1 AND active AND $2 = ANY(channels)
     ORDER BY name COLLATE "uk-UA-x-icu"`, [hromadaId, channel]);
  return rows;
}

/** The hromada's working-day calendar (hromadas.settings.workCalendar; martial law by default). */
export async function loadCalendar(c: PoolClient, hromadaId: number): Promise<WorkCalendar> {
  const { rows } = await c.query<{ cal: unknown }>("SELECT settings -> 'workCalendar' AS cal FROM hromadas WHERE id = $1", [hromadaId]);
  return calendarFrom(rows[0]?.cal);
}

/** Locks the hromada's counter of the year (created on first use) and returns its last number. */
export async function lockCounter(c: PoolClient, hromadaId: number, year: number): Promise<number> {
  await c.query('INSERT INTO application_counters (hromada_id, year) VALUES ($1, $2) ON CONFLICT DO NOTHING', [hromadaId, year]);
  const { rows } = await c.query<{ last: number }>(
    'SELECT last FROM application_counters WHERE hromada_id = $1 AND year = $2 FOR UPDATE', [hromadaId, year]);
  return rows[0].last;
}

export async function setCounter(c: PoolClient, hromadaId: number, year: number, last: number): Promise<void> {
  await c.query('UPDATE application_counters SET last = $3 WHERE hromada_id = $1 AND year = $2', [hromadaId, year, last]);
}

export const formatRegistrationNumber = (year: number, n: number) => `СП-${year}-${String(n).padStart(6, '0')}`;

/** Staff who may process applications in the hromada (possible assignees). */
export async function assignees(c: PoolClient, hromadaId: number): Promise<{ id: string; name: string }[]> {
  const { rows } = await c.query<{ id: string; name: string }>(
    `SELECT DISTINCT u.id, u.display_name AS name FROM grants g JOIN users u ON u.id = g.user_id
     WHERE g.hromada_id = $1 AND g.role IN ('worker', 'manager') AND u.active ORDER BY name`, [hromadaId]);
  return rows;
}

export { SELECT_APPLICATION };

/** Reference lists for the queue's filters. */
export async function queueReference(c: PoolClient, hromadaId: number) {
  const services = await c.query<{ id: string; name: string }>(
    'SELECT id, name FROM services WHERE hromada_id = $1 ORDER BY name COLLATE "uk-UA-x-icu"', [hromadaId]);
  const districts = await c.query<{ id: number; name: string }>(
    'SELECT id, name FROM districts WHERE hromada_id = $1 ORDER BY name COLLATE "uk-UA-x-icu"', [hromadaId]);
  return { services: services.rows, districts: districts.rows, assignees: await assignees(c, hromadaId) };
}
