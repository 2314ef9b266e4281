import type { PoolClient } from 'pg';
import type { Queryable } from '../../platform/db.js';
import type { Who } from '../../platform/policy.js';
import {
  DEFAULT_TRIAGE_HOURS,
  signalNumber,
  type Outcome,
  type SignalSource,
  type SignalStatus,
  type TriageHours,
  type Urgency,
} from './signal-rules.js';

/** The hromada's triage hours per urgency (the defaults when it has set none). */
export async function triageHours(c: Queryable, hromadaId: number): Promise<TriageHours> {
  const { rows } = await c.query<{ urgent_hours: number; high_hours: number; normal_hours: number }>(
    'SELECT urgent_hours, high_hours, normal_hours FROM signal_settings WHERE hromada_id = $1',
    [hromadaId],
  );
  const r = rows[0];
  return r ? { urgent: r.urgent_hours, high: r.high_hours, normal: r.normal_hours } : { ...DEFAULT_TRIAGE_HOURS };
}

/** Sets the hromada's triage hours per urgency (for signals registered from now on). */
export async function saveTriageHours(c: Queryable, hromadaId: number, h: TriageHours): Promise<void> {
  await c.query(
    `INSERT INTO signal_settings (hromada_id, urgent_hours, high_hours, normal_hours) VALUES ($1, $2, $3, $4)
     ON CONFLICT (hromada_id) DO UPDATE SET urgent_hours = $2, high_hours = $3, normal_hours = $4, updated_at = now()`,
    [hromadaId, h.urgent, h.high, h.normal],
  );
}

/** The next signal number of the hromada's year; the counter row stays locked until the transaction ends. */
export async function nextSignalNumber(c: Queryable, hromadaId: number, year: number): Promise<string> {
  const { rows } = await c.query<{ last: number }>(
    `INSERT INTO signal_counters (hromada_id, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (hromada_id, year) DO UPDATE SET last = signal_counters.last + 1 RETURNING last`,
    [hromadaId, year],
  );
  return signalNumber(year, rows[0].last);
}

export interface NewSignal {
  hromadaId: number;
  number: string;
  source: SignalSource;
  sourceDetail: string | null;
  personId: string | null;
  subjectName: string | null;
  subjectAge: number | null;
  subjectChild: boolean;
  place: string | null;
  observed: string;
  urgency: Urgency;
  receivedAt: Date;
  triageDueAt: Date;
  anonymous: boolean;
  reporterName: string | null;
  reporterContact: string | null;
  createdBy: string;
}

export async function insertSignal(c: Queryable, s: NewSignal): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO signals (hromada_id, number, source, source_detail, person_id, subject_name, subject_age, subject_child,
       place, observed, urgency, received_at, triage_due_at, anonymous, reporter_name, reporter_contact, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
    [
      s.hromadaId,
      s.number,
      s.source,
      s.sourceDetail,
      s.personId,
      s.subjectName,
      s.subjectAge,
      s.subjectChild,
      s.place,
      s.observed,
      s.urgency,
      s.receivedAt,
      s.triageDueAt,
      s.anonymous,
      s.reporterName,
      s.reporterContact,
      s.createdBy,
    ],
  );
  return rows[0].id;
}

export interface SignalRow {
  id: string;
  number: string;
  source: SignalSource;
  source_detail: string | null;
  person_id: string | null;
  /** The registry person's name, or the name as told. */
  subject: string;
  person_birth_date: string | null;
  subject_age: number | null;
  subject_child: boolean;
  place: string | null;
  observed: string;
  urgency: Urgency;
  received_at: Date;
  triage_due_at: Date;
  anonymous: boolean;
  reporter_name: string | null;
  reporter_contact: string | null;
  status: SignalStatus;
  outcome: Outcome | null;
  outcome_reason: string | null;
  agency_id: number | null;
  agency_name: string | null;
  closed_at: Date | null;
  /** Open and past its triage deadline (by the database's clock). */
  overdue: boolean;
  version: number;
}

const SELECT_SIGNAL = `SELECT s.id, s.number, s.source, s.source_detail, s.person_id,
    CASE WHEN p.id IS NULL THEN s.subject_name ELSE concat_ws(' ', p.last_name, p.first_name, p.patronymic) END AS subject,
    to_char(p.birth_date, 'YYYY-MM-DD') AS person_birth_date, s.subject_age, s.subject_child, s.place, s.observed,
    s.urgency, s.received_at, s.triage_due_at, s.anonymous, s.reporter_name, s.reporter_contact, s.status, s.outcome,
    s.outcome_reason, s.agency_id, g.name AS agency_name, s.closed_at,
    (s.status <> 'closed' AND s.triage_due_at < now()) AS overdue, s.version
  FROM signals s
  LEFT JOIN persons p ON p.hromada_id = s.hromada_id AND p.id = s.person_id
  LEFT JOIN agencies g ON g.hromada_id = s.hromada_id AND g.id = s.agency_id`;

export async function loadSignal(
  c: PoolClient,
  hromadaId: number,
  id: string,
  lock = false,
): Promise<SignalRow | null> {
  if (lock) await c.query('SELECT 1 FROM signals WHERE hromada_id = $1 AND id = $2 FOR UPDATE', [hromadaId, id]);
  const { rows } = await c.query<SignalRow>(`${SELECT_SIGNAL} WHERE s.hromada_id = $1 AND s.id = $2`, [hromadaId, id]);
  return rows[0] ?? null;
}

export interface SignalListFilter {
  status: SignalStatus | null;
  urgency: Urgency | null;
  overdueOnly: boolean;
}

/**
 * A page of signals: overdue ones first, then open ones by their deadline, then closed ones newest first;
 * with the total.
 */
export async function signalsPage(
  c: Queryable,
  hromadaId: number,
  f: SignalListFilter,
  limit: number,
  offset: number,
): Promise<{ rows: SignalRow[]; total: number }> {
  const where = `s.hromada_id = $1 AND ($2::text IS NULL OR s.status = $2) AND ($3::text IS NULL OR s.urgency = $3)
    AND (NOT $4::boolean OR (s.status <> 'closed' AND s.triage_due_at < now()))`;
  const params = [hromadaId, f.status, f.urgency, f.overdueOnly];
  const total = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM signals s WHERE ${where}`, params);
  const { rows } = await c.query<SignalRow>(
    `${SELECT_SIGNAL} WHERE ${where}
     ORDER BY (s.status <> 'closed' AND s.triage_due_at < now()) DESC, (s.status = 'closed'),
       CASE WHEN s.status <> 'closed' THEN s.triage_due_at END, s.received_at DESC, s.number DESC
     LIMIT $5 OFFSET $6`,
    [...params, limit, offset],
  );
  return { rows, total: total.rows[0].n };
}

/** The signals about a registry person, newest first (the person card). */
export async function personSignals(
  c: Queryable,
  hromadaId: number,
  personId: string,
  limit = 50,
): Promise<SignalRow[]> {
  const { rows } = await c.query<SignalRow>(
    `${SELECT_SIGNAL} WHERE s.hromada_id = $1 AND s.person_id = $2 ORDER BY s.received_at DESC, s.number DESC LIMIT $3`,
    [hromadaId, personId, limit],
  );
  return rows;
}

/** Signals waiting for triage and how many of them are overdue (the staff home's counters; numbers only). */
export async function countOpenSignals(c: Queryable, hromadaId: number): Promise<{ open: number; overdue: number }> {
  const { rows } = await c.query<{ open: number; overdue: number }>(
    `SELECT count(*)::int AS open, count(*) FILTER (WHERE triage_due_at < now())::int AS overdue
     FROM signals WHERE hromada_id = $1 AND status <> 'closed'`,
    [hromadaId],
  );
  return rows[0];
}

export async function addSignalEvent(
  c: Queryable,
  e: {
    hromadaId: number;
    signalId: string;
    by: Who;
    event: string;
    note?: string | null;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await c.query(
    `INSERT INTO signal_events (hromada_id, signal_id, actor_id, actor_label, event, note, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [e.hromadaId, e.signalId, e.by.userId, e.by.displayName, e.event, e.note ?? null, JSON.stringify(e.data ?? {})],
  );
}

export interface SignalEventRow {
  at: Date;
  actor_label: string;
  event: string;
  note: string | null;
  data: Record<string, unknown>;
}

export async function signalEvents(c: Queryable, hromadaId: number, signalId: string): Promise<SignalEventRow[]> {
  const { rows } = await c.query<SignalEventRow>(
    `SELECT at, actor_label, event, note, data FROM signal_events WHERE hromada_id = $1 AND signal_id = $2
     ORDER BY at DESC, id DESC`,
    [hromadaId, signalId],
  );
  return rows;
}

export interface VisitRow {
  visited_on: string;
  members: string;
  findings: string;
}

export async function signalVisits(c: Queryable, hromadaId: number, signalId: string): Promise<VisitRow[]> {
  const { rows } = await c.query<VisitRow>(
    `SELECT to_char(visited_on, 'YYYY-MM-DD') AS visited_on, members, findings FROM signal_visits
     WHERE hromada_id = $1 AND signal_id = $2 ORDER BY visited_on DESC, created_at DESC`,
    [hromadaId, signalId],
  );
  return rows;
}

export async function insertVisit(
  c: Queryable,
  v: { hromadaId: number; signalId: string; visitedOn: string; members: string; findings: string; by: string },
): Promise<void> {
  await c.query(
    `INSERT INTO signal_visits (hromada_id, signal_id, visited_on, members, findings, created_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [v.hromadaId, v.signalId, v.visitedOn, v.members, v.findings, v.by],
  );
}

/** Moves a new signal into triage (a no-op for one already there). */
export async function setInTriage(c: Queryable, hromadaId: number, id: string): Promise<void> {
  await c.query(
    `UPDATE signals SET status = 'in_triage', version = version + 1, updated_at = now()
     WHERE hromada_id = $1 AND id = $2 AND status = 'new'`,
    [hromadaId, id],
  );
}

/** Closes a signal with its outcome. */
export async function closeSignalRow(
  c: Queryable,
  hromadaId: number,
  id: string,
  o: { outcome: Outcome; reason: string | null; agencyId: number | null },
): Promise<void> {
  await c.query(
    `UPDATE signals SET status = 'closed', outcome = $3, outcome_reason = $4, agency_id = $5, closed_at = now(),
       version = version + 1, updated_at = now()
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id, o.outcome, o.reason, o.agencyId],
  );
}

/** The case opened from a signal, if any. */
export async function caseOfSignal(
  c: Queryable,
  hromadaId: number,
  signalId: string,
): Promise<{ id: string; number: string; restricted: boolean } | null> {
  const { rows } = await c.query<{ id: string; number: string; restricted: boolean }>(
    'SELECT id, number, restricted FROM cases WHERE hromada_id = $1 AND signal_id = $2',
    [hromadaId, signalId],
  );
  return rows[0] ?? null;
}

/** The signal a case was opened from: its number (for the case page). */
export async function signalNumberOf(c: Queryable, hromadaId: number, signalId: string): Promise<string | null> {
  const { rows } = await c.query<{ number: string }>('SELECT number FROM signals WHERE hromada_id = $1 AND id = $2', [
    hromadaId,
    signalId,
  ]);
  return rows[0]?.number ?? null;
}

/** The hromada's agencies a signal may be passed to. */
export async function hromadaAgencies(c: Queryable, hromadaId: number): Promise<{ id: number; name: string }[]> {
  const { rows } = await c.query<{ id: number; name: string }>(
    'SELECT id, name FROM agencies WHERE hromada_id = $1 ORDER BY name COLLATE "uk-UA-x-icu"',
    [hromadaId],
  );
  return rows;
}

/** How many signals a user registered in the last day (a resident's reports are limited per day). */
export async function reportsInLastDay(c: Queryable, hromadaId: number, userId: string): Promise<number> {
  const { rows } = await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM signals
     WHERE hromada_id = $1 AND created_by = $2 AND created_at > now() - interval '1 day'`,
    [hromadaId, userId],
  );
  return rows[0].n;
}
