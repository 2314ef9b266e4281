import { prepared, type Queryable } from '../../platform/db.js';
import type { PoolClient } from 'pg';
import type { Who } from '../../platform/policy.js';
import type { WorkCalendar } from './working-days.js';
import { loadStoredCalendar } from './calendar.queries.js';
import type { Channel, Status } from './status-machine.js';

export interface ApplicationRow {
  id: string;
  registration_number: string | null;
  /** NULL: an online application whose person is not confirmed yet (the applicant's typed name is person_name). */
  person_id: string | null;
  /** The resident account that filed it online without a registry link (NULL otherwise). */
  applicant_user_id: string | null;
  service_id: string;
  channel: Channel;
  status: Status;
  district_id: number | null;
  assignee_id: string | null;
  registered_on: string | null;
  processing_days: number | null;
  deadline: string | null;
  paused_days: number;
  paused_since: string | null;
  decision: string | null;
  refusal_reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  person_name: string;
  person_birth_date: string | null;
  service_name: string;
  service_crisis: boolean;
  district_name: string | null;
  assignee_name: string | null;
  /** Taken on an outreach trip («виїзний прийом»): the trip, its title and day. */
  outreach_trip_id: string | null;
  outreach_trip_title: string | null;
  outreach_trip_date: string | null;
}

const SELECT_APPLICATION = `
  SELECT a.id, a.registration_number, a.person_id, a.applicant_user_id, a.service_id, a.channel, a.status, a.district_id, a.assignee_id,
    to_char(a.registered_on, 'YYYY-MM-DD') AS registered_on, a.processing_days, to_char(a.deadline, 'YYYY-MM-DD') AS deadline,
    a.paused_days, to_char(a.paused_since, 'YYYY-MM-DD') AS paused_since, a.decision, a.refusal_reason, a.version,
    a.created_at, a.updated_at,
    CASE WHEN p.id IS NULL THEN concat_ws(' ', aa.last_name, aa.first_name, aa.patronymic)
      ELSE concat_ws(' ', p.last_name, p.first_name, p.patronymic) END AS person_name,
    to_char(CASE WHEN p.id IS NULL THEN aa.birth_date ELSE p.birth_date END, 'YYYY-MM-DD') AS person_birth_date,
    s.name AS service_name, s.crisis AS service_crisis, d.name AS district_name, u.display_name AS assignee_name,
    a.outreach_trip_id, ot.title AS outreach_trip_title, to_char(ot.trip_date, 'YYYY-MM-DD') AS outreach_trip_date
  FROM applications a
  LEFT JOIN persons p ON p.id = a.person_id
  LEFT JOIN application_applicants aa ON aa.hromada_id = a.hromada_id AND aa.application_id = a.id AND a.person_id IS NULL
  JOIN services s ON s.id = a.service_id
  LEFT JOIN districts d ON d.id = a.district_id
  LEFT JOIN users u ON u.id = a.assignee_id
  LEFT JOIN outreach_trips ot ON ot.hromada_id = a.hromada_id AND ot.id = a.outreach_trip_id`;

export async function loadApplication(
  c: PoolClient,
  hromadaId: number,
  id: string,
  forUpdate = false,
): Promise<ApplicationRow | null> {
  // The application card's reads (this, its history, its document requests, the calendar) are prepared: their plan is
  // always the same index scans, and planning this one cost four times its run (issue 15: the card 7.1 → 3.8 ms p50).
  const { rows } = await c.query<ApplicationRow>(
    prepared(`${SELECT_APPLICATION} WHERE a.id = $1 AND a.hromada_id = $2${forUpdate ? ' FOR UPDATE OF a' : ''}`, [
      id,
      hromadaId,
    ]),
  );
  return rows[0] ?? null;
}

export async function findByIdempotencyKey(
  c: PoolClient,
  hromadaId: number,
  key: string,
): Promise<{ id: string; person_id: string | null; service_id: string; channel: Channel } | null> {
  const { rows } = await c.query<{ id: string; person_id: string | null; service_id: string; channel: Channel }>(
    'SELECT id, person_id, service_id, channel FROM applications WHERE hromada_id = $1 AND idempotency_key = $2',
    [hromadaId, key],
  );
  return rows[0] ?? null;
}

export interface HistoryRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  event: string;
  from_status: Status | null;
  to_status: Status;
  note: string | null;
  data: Record<string, unknown>;
}

export async function loadHistory(c: PoolClient, applicationId: string): Promise<HistoryRow[]> {
  const { rows } = await c.query<HistoryRow>(
    prepared(
      `SELECT id::text, at, actor_id, actor_label, event, from_status, to_status, note, data
     FROM application_history WHERE application_id = $1 ORDER BY at, id`,
      [applicationId],
    ),
  );
  return rows;
}

export interface HistoryEntry {
  hromadaId: number;
  applicationId: string;
  by: Who;
  event: string;
  from: Status | null;
  to: Status;
  note?: string | null;
  data?: Record<string, unknown>;
}

export async function addHistory(c: PoolClient, e: HistoryEntry): Promise<void> {
  await c.query(
    `INSERT INTO application_history (hromada_id, application_id, actor_id, actor_label, event, from_status, to_status, note, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      e.hromadaId,
      e.applicationId,
      e.by.userId,
      e.by.displayName,
      e.event,
      e.from,
      e.to,
      e.note ?? null,
      JSON.stringify(e.data ?? {}),
    ],
  );
}

export interface DocumentRequestRow {
  id: string;
  documents: string[];
  due_on: string;
  requested_at: Date;
  fulfilled_at: Date | null;
}

export async function loadDocumentRequests(c: PoolClient, applicationId: string): Promise<DocumentRequestRow[]> {
  const { rows } = await c.query<DocumentRequestRow>(
    prepared(
      `SELECT id, documents, to_char(due_on, 'YYYY-MM-DD') AS due_on, requested_at, fulfilled_at
     FROM application_document_requests WHERE application_id = $1 ORDER BY requested_at`,
      [applicationId],
    ),
  );
  return rows;
}

export interface ServiceRow {
  id: string;
  name: string;
  active: boolean;
  channels: Channel[];
  crisis: boolean;
  max_processing_days: number;
}

export async function loadService(c: PoolClient, hromadaId: number, id: string): Promise<ServiceRow | null> {
  const { rows } = await c.query<ServiceRow>(
    'SELECT id, name, active, channels, crisis, max_processing_days FROM services WHERE id = $1 AND hromada_id = $2',
    [id, hromadaId],
  );
  return rows[0] ?? null;
}

/** Active services offering a channel, by name. */
export async function servicesFor(
  c: PoolClient,
  hromadaId: number,
  channel: Channel,
): Promise<{ id: string; name: string }[]> {
  const { rows } = await c.query<{ id: string; name: string }>(
    `SELECT id, name FROM services WHERE hromada_id = $1 AND active AND $2 = ANY(channels)
     ORDER BY name COLLATE "uk-UA-x-icu"`,
    [hromadaId, channel],
  );
  return rows;
}

/** The hromada's working-day calendar (hromadas.settings.workCalendar; martial law by default). */
export const loadCalendar = (c: PoolClient, hromadaId: number): Promise<WorkCalendar> =>
  loadStoredCalendar(c, hromadaId);

/** Locks the hromada's counter of the year (created on first use) and returns its last number. */
export async function lockCounter(c: PoolClient, hromadaId: number, year: number): Promise<number> {
  await c.query('INSERT INTO application_counters (hromada_id, year) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    hromadaId,
    year,
  ]);
  const { rows } = await c.query<{ last: number }>(
    'SELECT last FROM application_counters WHERE hromada_id = $1 AND year = $2 FOR UPDATE',
    [hromadaId, year],
  );
  return rows[0].last;
}

export async function setCounter(c: PoolClient, hromadaId: number, year: number, last: number): Promise<void> {
  await c.query('UPDATE application_counters SET last = $3 WHERE hromada_id = $1 AND year = $2', [
    hromadaId,
    year,
    last,
  ]);
}

export const formatRegistrationNumber = (year: number, n: number) => `СП-${year}-${String(n).padStart(6, '0')}`;

/** Staff who may process applications in the hromada (possible assignees). */
export async function assignees(c: PoolClient, hromadaId: number): Promise<{ id: string; name: string }[]> {
  const { rows } = await c.query<{ id: string; name: string }>(
    `SELECT DISTINCT u.id, u.display_name AS name FROM grants g JOIN users u ON u.id = g.user_id
     WHERE g.hromada_id = $1 AND g.role IN ('worker', 'manager') AND u.active ORDER BY name`,
    [hromadaId],
  );
  return rows;
}

export { SELECT_APPLICATION };

/** Reference lists for the queue's filters. */
export async function queueReference(c: PoolClient, hromadaId: number) {
  const services = await c.query<{ id: string; name: string }>(
    'SELECT id, name FROM services WHERE hromada_id = $1 ORDER BY name COLLATE "uk-UA-x-icu"',
    [hromadaId],
  );
  const districts = await c.query<{ id: number; name: string }>(
    'SELECT id, name FROM districts WHERE hromada_id = $1 ORDER BY name COLLATE "uk-UA-x-icu"',
    [hromadaId],
  );
  return { services: services.rows, districts: districts.rows, assignees: await assignees(c, hromadaId) };
}

/** The queue's filters as the database sees them (the reach and the due window already resolved). */
export interface QueueWhere {
  districtReach?: number;
  serviceId?: string;
  status?: Status;
  districtId?: number;
  /** A user's id, or `none` for unassigned applications. */
  assignee?: string;
  /** Running applications whose deadline falls in [from, to] (either end open). */
  due?: { statuses: string[]; before?: string; from?: string; to?: string };
}

/** A page of the processing queue, by deadline (earliest first), and how many match. */
export async function queuePage(
  c: PoolClient,
  hromadaId: number,
  f: QueueWhere,
  limit: number,
  offset: number,
): Promise<{ rows: ApplicationRow[]; total: number }> {
  const where = ['a.hromada_id = $1'];
  const values: unknown[] = [hromadaId];
  const add = (sql: string, v: unknown) => {
    values.push(v);
    where.push(sql.replace('?', `$${values.length}`));
  };
  if (f.districtReach !== undefined) add('a.district_id = ?', f.districtReach);
  if (f.serviceId) add('a.service_id = ?', f.serviceId);
  if (f.status) add('a.status = ?', f.status);
  if (f.districtId !== undefined) add('a.district_id = ?', f.districtId);
  if (f.assignee === 'none') where.push('a.assignee_id IS NULL');
  else if (f.assignee) add('a.assignee_id = ?', f.assignee);
  if (f.due) {
    add('a.status = ANY(?)', f.due.statuses);
    if (f.due.before !== undefined) add('a.deadline < ?', f.due.before);
    if (f.due.from !== undefined) add('a.deadline >= ?', f.due.from);
    if (f.due.to !== undefined) add('a.deadline <= ?', f.due.to);
  }
  const cond = where.join(' AND ');
  const total = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM applications a WHERE ${cond}`, values);
  const { rows } = await c.query<ApplicationRow>(
    `${SELECT_APPLICATION} WHERE ${cond} ORDER BY a.deadline NULLS LAST, a.created_at, a.id
     LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
    [...values, limit, offset],
  );
  return { rows, total: total.rows[0].n };
}

/** A person's applications (within a district when given), newest first. */
export async function personApplicationRows(
  c: PoolClient,
  hromadaId: number,
  personId: string,
  districtId?: number,
): Promise<ApplicationRow[]> {
  const values: unknown[] = [hromadaId, personId];
  let cond = 'a.hromada_id = $1 AND a.person_id = $2';
  if (districtId !== undefined) {
    values.push(districtId);
    cond += ` AND a.district_id = $${values.length}`;
  }
  const { rows } = await c.query<ApplicationRow>(
    `${SELECT_APPLICATION} WHERE ${cond} ORDER BY a.created_at DESC, a.id LIMIT 200`,
    values,
  );
  return rows;
}

export async function registrationNumberOf(c: PoolClient, id: string): Promise<string | null> {
  const { rows } = await c.query<{ registration_number: string | null }>(
    'SELECT registration_number FROM applications WHERE id = $1',
    [id],
  );
  return rows[0].registration_number;
}

/** A staff-registered application (submitted and registered at once). */
export async function insertRegisteredApplication(
  c: PoolClient,
  x: {
    hromadaId: number;
    registrationNumber: string;
    personId: string;
    serviceId: string;
    channel: Channel;
    districtId: number | null;
    registeredOn: string;
    processingDays: number;
    deadline: string;
    idempotencyKey: string | null;
    createdBy: string;
  },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO applications (hromada_id, registration_number, person_id, service_id, channel, status, district_id,
       submitted_at, registered_at, registered_on, processing_days, deadline, idempotency_key, created_by)
     VALUES ($1, $2, $3, $4, $5, 'registered', $6, now(), now(), $7, $8, $9, $10, $11) RETURNING id`,
    [
      x.hromadaId,
      x.registrationNumber,
      x.personId,
      x.serviceId,
      x.channel,
      x.districtId,
      x.registeredOn,
      x.processingDays,
      x.deadline,
      x.idempotencyKey,
      x.createdBy,
    ],
  );
  return rows[0].id;
}

/** The new status; returns the new version. */
export async function setStatus(c: PoolClient, id: string, status: Status): Promise<number> {
  const { rows } = await c.query<{ version: number }>(
    'UPDATE applications SET status = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version',
    [id, status],
  );
  return rows[0].version;
}

/** Who handles the application; returns the new version. */
export async function setAssignee(c: PoolClient, id: string, assigneeId: string | null): Promise<number> {
  const { rows } = await c.query<{ version: number }>(
    'UPDATE applications SET assignee_id = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version',
    [id, assigneeId],
  );
  return rows[0].version;
}

/** The registry person of an application filed without one (and the person's district); returns the new version. */
export async function setPerson(
  c: PoolClient,
  id: string,
  personId: string,
  districtId: number | null,
): Promise<number> {
  const { rows } = await c.query<{ version: number }>(
    `UPDATE applications SET person_id = $2, district_id = $3, version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING version`,
    [id, personId, districtId],
  );
  return rows[0].version;
}

export async function markApplicantLinked(c: PoolClient, applicationId: string, userId: string): Promise<void> {
  await c.query('UPDATE application_applicants SET linked_at = now(), linked_by = $2 WHERE application_id = $1', [
    applicationId,
    userId,
  ]);
}

export async function markSubmitted(c: PoolClient, id: string): Promise<void> {
  await c.query('UPDATE applications SET submitted_at = now() WHERE id = $1', [id]);
}

export async function setRegistration(
  c: PoolClient,
  id: string,
  r: {
    registrationNumber: string;
    registeredOn: string;
    processingDays: number;
    deadline: string;
  },
): Promise<void> {
  await c.query(
    `UPDATE applications SET registration_number = $2, registered_at = now(), registered_on = $3, processing_days = $4,
       deadline = $5 WHERE id = $1`,
    [id, r.registrationNumber, r.registeredOn, r.processingDays, r.deadline],
  );
}

/** A request for documents; the decision clock pauses from `today`. */
export async function requestDocuments(
  c: PoolClient,
  x: {
    hromadaId: number;
    applicationId: string;
    documents: string[];
    dueOn: string | undefined;
    requestedBy: string;
    today: string;
  },
): Promise<void> {
  await c.query(
    `INSERT INTO application_document_requests (hromada_id, application_id, documents, due_on, requested_by)
     VALUES ($1, $2, $3, $4, $5)`,
    [x.hromadaId, x.applicationId, x.documents, x.dueOn, x.requestedBy],
  );
  await c.query('UPDATE applications SET paused_since = $2 WHERE id = $1', [x.applicationId, x.today]);
}

/** The decision: granted (`refusalReason` null) or refused. */
export async function setDecision(
  c: PoolClient,
  id: string,
  x: { decidedBy: string; note: string | null; refusalReason?: string; refusalGround?: string },
): Promise<void> {
  if (x.refusalReason === undefined) {
    await c.query('UPDATE applications SET decided_at = now(), decided_by = $2, decision = $3 WHERE id = $1', [
      id,
      x.decidedBy,
      x.note,
    ]);
  } else {
    await c.query(
      `UPDATE applications SET decided_at = now(), decided_by = $2, refusal_reason = $3, decision = $4,
         refusal_ground = $5 WHERE id = $1`,
      [id, x.decidedBy, x.refusalReason, x.note, x.refusalGround ?? 'other'],
    );
  }
}

export async function clearPause(c: PoolClient, id: string): Promise<void> {
  await c.query('UPDATE applications SET paused_since = NULL WHERE id = $1', [id]);
}

/** Documents arrived: the paused days and the new deadline; the open request is fulfilled. */
export async function resumeApplication(
  c: PoolClient,
  id: string,
  x: { pausedDays: number; deadline: string | null; by: string },
): Promise<void> {
  await c.query('UPDATE applications SET paused_days = $2, paused_since = NULL, deadline = $3 WHERE id = $1', [
    id,
    x.pausedDays,
    x.deadline,
  ]);
  await c.query(
    `UPDATE application_document_requests SET fulfilled_at = now(), fulfilled_by = $2
     WHERE application_id = $1 AND fulfilled_at IS NULL`,
    [id, x.by],
  );
}

/** What a resident without a registry link typed about the applicant in the online form. */
export interface ApplicantRow {
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string;
  rnokpp_sealed: string | null;
  rnokpp_hash: string | null;
  phone: string | null;
  linked_at: Date | null;
  linked_by_name: string | null;
}

export async function loadApplicant(c: Queryable, applicationId: string): Promise<ApplicantRow | null> {
  const { rows } = await c.query<ApplicantRow>(
    `SELECT x.last_name, x.first_name, x.patronymic, to_char(x.birth_date, 'YYYY-MM-DD') AS birth_date, x.rnokpp_sealed,
       x.rnokpp_hash, x.phone, x.linked_at, u.display_name AS linked_by_name
     FROM application_applicants x LEFT JOIN users u ON u.id = x.linked_by WHERE x.application_id = $1`,
    [applicationId],
  );
  return rows[0] ?? null;
}

export interface CandidateRow {
  id: string;
  name: string;
  birth_date: string | null;
  rnokpp_mask: string | null;
  settlement: string | null;
  district_id: number | null;
  by_rnokpp: boolean;
  agencies: number[];
}

/** Registry persons that match an applicant: same РНОКПП, or same birth date and surname or given name. */
export async function applicantCandidates(c: PoolClient, hromadaId: number, a: ApplicantRow): Promise<CandidateRow[]> {
  const { rows } = await c.query<CandidateRow>(
    `SELECT p.id, concat_ws(' ', p.last_name, p.first_name, p.patronymic) AS name,
       to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.rnokpp_mask,
       (SELECT s.name FROM settlements s WHERE s.code = coalesce(p.act_settlement_code, p.reg_settlement_code)) AS settlement,
       p.district_id, ($3::text IS NOT NULL AND p.rnokpp_hash = $3) AS by_rnokpp,
       coalesce((SELECT array_agg(pa.agency_id) FROM person_agencies pa WHERE pa.person_id = p.id), '{}') AS agencies
     FROM persons p
     WHERE p.hromada_id = $1 AND p.merged_into IS NULL
       AND (($3::text IS NOT NULL AND p.rnokpp_hash = $3)
         OR (p.birth_date = $2::date AND (lower(p.last_name) = lower($4) OR lower(p.first_name) = lower($5))))
     ORDER BY by_rnokpp DESC, p.last_name COLLATE "uk-UA-x-icu", p.first_name LIMIT 20`,
    [hromadaId, a.birth_date, a.rnokpp_hash, a.last_name, a.first_name],
  );
  return rows;
}
