import type { Queryable } from '../../platform/db.js';
import type { ActPlace, Confirmation, VolumeUnit } from './act-rules.js';
import { hiddenCheck, unlessHidden } from '../../platform/hidden-contacts.js';

/** The assignment an act is written on, with what the act copies and what its checks need. */
export interface ActAssignmentRow {
  id: string;
  person_id: string;
  service_id: string;
  agency_id: number;
  status: string;
  /** The day the assignment began: its start day, or the day it was assigned when not started yet. */
  from_day: string;
  person_name: string;
  service_name: string;
}

const ASSIGNMENT_COLUMNS = `a.id, a.person_id, a.service_id, a.agency_id, a.status,
  to_char(coalesce(a.started_on, (a.assigned_at AT TIME ZONE 'Europe/Kyiv')::date), 'YYYY-MM-DD') AS from_day,
  concat_ws(' ', p.last_name, p.first_name, p.patronymic) AS person_name, sv.name AS service_name`;
const ASSIGNMENT_FROM = `service_assignments a
  JOIN persons p ON p.hromada_id = a.hromada_id AND p.id = a.person_id
  JOIN services sv ON sv.hromada_id = a.hromada_id AND sv.id = a.service_id`;

export async function loadActAssignment(
  c: Queryable,
  hromadaId: number,
  id: string,
): Promise<ActAssignmentRow | undefined> {
  const { rows } = await c.query<ActAssignmentRow>(
    `SELECT ${ASSIGNMENT_COLUMNS} FROM ${ASSIGNMENT_FROM} WHERE a.hromada_id = $1 AND a.id = $2`,
    [hromadaId, id],
  );
  return rows[0];
}

/** The provider's assignments being delivered (accepted or started), to choose one on a form. */
export async function activeAssignments(
  c: Queryable,
  hromadaId: number,
  agencyId: number,
): Promise<ActAssignmentRow[]> {
  const { rows } = await c.query<ActAssignmentRow>(
    `SELECT ${ASSIGNMENT_COLUMNS} FROM ${ASSIGNMENT_FROM}
     WHERE a.hromada_id = $1 AND a.agency_id = $2 AND a.status IN ('accepted', 'in_progress')
     ORDER BY p.last_name COLLATE "uk-UA-x-icu", p.first_name COLLATE "uk-UA-x-icu", sv.name`,
    [hromadaId, agencyId],
  );
  return rows;
}

export interface AgencyRow {
  id: number;
  name: string;
  places: number | null;
  hours_per_month: number | null;
}

export async function loadAgency(c: Queryable, hromadaId: number, id: number): Promise<AgencyRow | undefined> {
  const { rows } = await c.query<AgencyRow>(
    'SELECT id, name, places, hours_per_month FROM agencies WHERE hromada_id = $1 AND id = $2',
    [hromadaId, id],
  );
  return rows[0];
}

/** The hromada's providers (all, or the given ones), by name. */
export async function agenciesOf(c: Queryable, hromadaId: number, ids: number[] | null): Promise<AgencyRow[]> {
  const { rows } = await c.query<AgencyRow>(
    `SELECT id, name, places, hours_per_month FROM agencies
     WHERE hromada_id = $1 AND kind = 'provider' AND ($2::int[] IS NULL OR id = ANY($2::int[]))
     ORDER BY name COLLATE "uk-UA-x-icu"`,
    [hromadaId, ids],
  );
  return rows;
}

export interface WorkerRow {
  id: string;
  name: string;
}

/** The provider's staff who deliver services: active accounts with a provider grant of the agency. */
export async function agencyWorkers(c: Queryable, hromadaId: number, agencyId: number): Promise<WorkerRow[]> {
  const { rows } = await c.query<WorkerRow>(
    `SELECT DISTINCT u.id, u.display_name AS name FROM grants g JOIN users u ON u.id = g.user_id
     WHERE g.hromada_id = $1 AND g.agency_id = $2 AND g.role = 'provider' AND u.active
     ORDER BY u.display_name`,
    [hromadaId, agencyId],
  );
  return rows;
}

/** Serializes the acts of one worker: two requests cannot both pass the overlap checks (until the commit). */
export async function lockWorker(c: Queryable, hromadaId: number, workerId: string): Promise<void> {
  await c.query("SELECT pg_advisory_xact_lock(hashtextextended('service_acts:' || $1 || ':' || $2, 0))", [
    hromadaId,
    workerId,
  ]);
}

/**
 * What stands in the way of a new act, in one round trip: the worker's acts with a start time whose time overlaps
 * the new one's (the day before and after included; none when the new one has no time), the assignment's acts of
 * the day of which one or the other has no start time, and the worker's minutes in acts of the day. Cancelled acts
 * do not count.
 */
export async function actConflicts(
  c: Queryable,
  hromadaId: number,
  o: { workerId: string; assignmentId: string; date: string; startsAt: string | null; minutes: number },
): Promise<{ overlapping: number; same_day: number; day_minutes: number }> {
  const { rows } = await c.query<{ overlapping: number; same_day: number; day_minutes: number }>(
    `SELECT
       (SELECT count(*) FROM service_acts
        WHERE $4::time IS NOT NULL AND hromada_id = $1 AND worker_id = $2 AND cancelled_at IS NULL
          AND starts_at IS NOT NULL AND act_date BETWEEN $3::date - 1 AND $3::date + 1
          AND tsrange(act_date + starts_at, act_date + starts_at + make_interval(mins => minutes))
            && tsrange($3::date + $4::time, $3::date + $4::time + make_interval(mins => $5::int)))::int AS overlapping,
       (SELECT count(*) FROM service_acts
        WHERE hromada_id = $1 AND assignment_id = $6 AND act_date = $3 AND cancelled_at IS NULL
          AND (starts_at IS NULL OR $4::time IS NULL))::int AS same_day,
       (SELECT coalesce(sum(minutes), 0) FROM service_acts
        WHERE hromada_id = $1 AND worker_id = $2 AND act_date = $3 AND cancelled_at IS NULL)::int AS day_minutes`,
    [hromadaId, o.workerId, o.date, o.startsAt, o.minutes, o.assignmentId],
  );
  return rows[0];
}

export interface ActFields {
  assignment: ActAssignmentRow;
  workerId: string;
  date: string;
  startsAt: string | null;
  minutes: number;
  place: ActPlace;
  confirmedBy: Confirmation;
  confirmReason: string | null;
  signature: { key: string; type: string } | null;
  note: string | null;
  by: string;
}

export async function insertAct(c: Queryable, hromadaId: number, f: ActFields): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO service_acts (hromada_id, assignment_id, person_id, service_id, agency_id, worker_id, act_date,
       starts_at, minutes, place, confirmed_by, confirm_reason, signature_key, signature_type, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
    [
      hromadaId,
      f.assignment.id,
      f.assignment.person_id,
      f.assignment.service_id,
      f.assignment.agency_id,
      f.workerId,
      f.date,
      f.startsAt,
      f.minutes,
      f.place,
      f.confirmedBy,
      f.confirmReason,
      f.signature?.key ?? null,
      f.signature?.type ?? null,
      f.note,
      f.by,
    ],
  );
  return rows[0].id;
}

export interface ActRow {
  id: string;
  assignment_id: string;
  person_id: string;
  person_name: string;
  service_name: string;
  agency_id: number;
  agency_name: string;
  worker_id: string;
  worker_name: string;
  act_date: string;
  starts_at: string | null;
  minutes: number;
  place: ActPlace;
  confirmed_by: Confirmation;
  confirm_reason: string | null;
  has_signature: boolean;
  signature_key: string | null;
  signature_type: string | null;
  note: string | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  created_at: Date;
}

const ACT_SELECT = `SELECT x.id, x.assignment_id, x.person_id, concat_ws(' ', p.last_name, p.first_name, p.patronymic)
    AS person_name, sv.name AS service_name, x.agency_id, g.name AS agency_name, x.worker_id,
    u.display_name AS worker_name, to_char(x.act_date, 'YYYY-MM-DD') AS act_date, to_char(x.starts_at, 'HH24:MI')
    AS starts_at, x.minutes, x.place, x.confirmed_by, x.confirm_reason, x.signature_key IS NOT NULL AS has_signature,
    x.signature_key, x.signature_type, x.note, x.cancelled_at, x.cancel_reason, x.created_at
  FROM service_acts x
  JOIN persons p ON p.hromada_id = x.hromada_id AND p.id = x.person_id
  JOIN services sv ON sv.hromada_id = x.hromada_id AND sv.id = x.service_id
  JOIN agencies g ON g.hromada_id = x.hromada_id AND g.id = x.agency_id
  JOIN users u ON u.id = x.worker_id`;

export async function loadAct(c: Queryable, hromadaId: number, id: string): Promise<ActRow | undefined> {
  const { rows } = await c.query<ActRow>(`${ACT_SELECT} WHERE x.hromada_id = $1 AND x.id = $2`, [hromadaId, id]);
  return rows[0];
}

/** A person's acts of a month (of the given providers, or all), cancelled ones included, by day and time. */
export async function personMonthActs(
  c: Queryable,
  hromadaId: number,
  o: { personId: string; from: string; to: string; agencyIds: number[] | null },
): Promise<ActRow[]> {
  const { rows } = await c.query<ActRow>(
    `${ACT_SELECT} WHERE x.hromada_id = $1 AND x.person_id = $2 AND x.act_date >= $3 AND x.act_date < $4
       AND ($5::int[] IS NULL OR x.agency_id = ANY($5::int[]))
     ORDER BY x.act_date, x.starts_at NULLS LAST, x.created_at`,
    [hromadaId, o.personId, o.from, o.to, o.agencyIds],
  );
  return rows;
}

/**
 * A provider's acts of a month, newest first, one page (cancelled ones included). The page's acts are chosen from
 * the provider's index alone (migration 0068), and only they are read from the table.
 */
export async function agencyMonthActs(
  c: Queryable,
  hromadaId: number,
  o: { agencyId: number; from: string; to: string; limit: number; offset: number },
): Promise<ActRow[]> {
  const { rows } = await c.query<ActRow>(
    `WITH k AS (
       SELECT id, act_date, starts_at, created_at FROM service_acts
       WHERE hromada_id = $1 AND agency_id = $2 AND act_date >= $3 AND act_date < $4
       ORDER BY act_date DESC, starts_at DESC NULLS LAST, created_at DESC LIMIT $5 OFFSET $6)
     ${ACT_SELECT} JOIN k ON k.id = x.id
     WHERE x.hromada_id = $1
     ORDER BY k.act_date DESC, k.starts_at DESC NULLS LAST, k.created_at DESC`,
    [hromadaId, o.agencyId, o.from, o.to, o.limit, o.offset],
  );
  return rows;
}

export async function cancelAct(c: Queryable, hromadaId: number, id: string, by: string, reason: string) {
  const r = await c.query(
    `UPDATE service_acts SET cancelled_at = now(), cancelled_by = $3, cancel_reason = $4
     WHERE hromada_id = $1 AND id = $2 AND cancelled_at IS NULL`,
    [hromadaId, id, by, reason],
  );
  return (r.rowCount ?? 0) > 0;
}

/**
 * Capacity used by a provider: recipients with assignments being delivered, and the month's delivered minutes and
 * acts in force; `all_acts` counts the cancelled ones too (the acts list's total). From the provider's index alone.
 */
export async function agencyUse(
  c: Queryable,
  hromadaId: number,
  o: { agencyId: number; from: string; to: string },
): Promise<{ recipients: number; minutes: number; acts: number; all_acts: number }> {
  const { rows } = await c.query<{ recipients: number; minutes: number; acts: number; all_acts: number }>(
    `SELECT (SELECT count(DISTINCT person_id)::int FROM service_assignments
              WHERE hromada_id = $1 AND agency_id = $2 AND status IN ('accepted', 'in_progress')) AS recipients,
            coalesce(sum(x.minutes) FILTER (WHERE x.cancelled_at IS NULL), 0)::int AS minutes,
            count(*) FILTER (WHERE x.cancelled_at IS NULL)::int AS acts, count(*)::int AS all_acts
     FROM service_acts x
     WHERE x.hromada_id = $1 AND x.agency_id = $2 AND x.act_date >= $3 AND x.act_date < $4`,
    [hromadaId, o.agencyId, o.from, o.to],
  );
  return rows[0];
}

/** The month's invoices of a provider: how many, their total and what was paid, and how many stand paid or overdue. */
export interface AgencyInvoices {
  invoices: number;
  total_kop: number;
  paid_kop: number;
  paid: number;
  overdue: number;
}

export async function agencyInvoices(
  c: Queryable,
  hromadaId: number,
  o: { agencyId: number; month: string; today: string },
): Promise<AgencyInvoices> {
  const { rows } = await c.query<AgencyInvoices>(
    `SELECT count(*)::int AS invoices, coalesce(sum(i.total) * 100, 0)::bigint::int AS total_kop,
       coalesce(sum(least(y.paid, i.total)) * 100, 0)::bigint::int AS paid_kop,
       count(*) FILTER (WHERE y.paid >= i.total)::int AS paid,
       count(*) FILTER (WHERE y.paid < i.total AND i.due_on < $4)::int AS overdue
     FROM paid_service_invoices i
     CROSS JOIN LATERAL (SELECT coalesce(sum(p.amount), 0) AS paid FROM paid_service_payments p
       WHERE p.hromada_id = i.hromada_id AND p.invoice_id = i.id) y
     WHERE i.hromada_id = $1 AND i.agency_id = $2 AND i.month = $3`,
    [hromadaId, o.agencyId, `${o.month}-01`, o.today],
  );
  return rows[0];
}

/** One assignment's month: what was delivered (in each unit's terms) and the volumes the plan and contract promise. */
export interface VolumeRow {
  assignment_id: string;
  person_id: string;
  person_name: string;
  service_name: string;
  status: string;
  minutes: number;
  visits: number;
  days: number;
  plan_volume: string | null;
  plan_unit: VolumeUnit | null;
  contract_volume: string | null;
  contract_unit: VolumeUnit | null;
}

/**
 * The month of each of the provider's assignments being delivered or with acts in the month. The plan's volume is on
 * the assignment's plan item (or the plan item of the application it came from); the contract's is on the service of
 * the provider's contract with the person in force in the month (the latest signed, if several).
 */
export async function agencyVolumes(
  c: Queryable,
  hromadaId: number,
  o: { agencyId: number; from: string; to: string },
): Promise<VolumeRow[]> {
  const { rows } = await c.query<VolumeRow>(
    `WITH m AS (
       SELECT x.assignment_id, sum(x.minutes) AS minutes, count(*) AS visits, count(DISTINCT x.act_date) AS days
       FROM service_acts x
       WHERE x.hromada_id = $1 AND x.agency_id = $2 AND x.act_date >= $3 AND x.act_date < $4 AND x.cancelled_at IS NULL
       GROUP BY x.assignment_id)
     SELECT a.id AS assignment_id, a.person_id, concat_ws(' ', p.last_name, p.first_name, p.patronymic) AS person_name,
       sv.name AS service_name, a.status,
       coalesce(m.minutes, 0)::int AS minutes, coalesce(m.visits, 0)::int AS visits, coalesce(m.days, 0)::int AS days,
       pi.volume_per_month::text AS plan_volume, pi.volume_unit AS plan_unit,
       cs.volume_per_month::text AS contract_volume, cs.volume_unit AS contract_unit
     FROM service_assignments a
     JOIN persons p ON p.hromada_id = a.hromada_id AND p.id = a.person_id
     JOIN services sv ON sv.hromada_id = a.hromada_id AND sv.id = a.service_id
     LEFT JOIN m ON m.assignment_id = a.id
     LEFT JOIN LATERAL (
       (SELECT i.volume_per_month, i.volume_unit FROM case_plan_items i
        WHERE i.hromada_id = a.hromada_id AND i.id = a.plan_item_id)
       UNION ALL
       (SELECT i.volume_per_month, i.volume_unit FROM case_plan_items i
        WHERE a.plan_item_id IS NULL AND i.hromada_id = a.hromada_id AND i.application_id = a.application_id LIMIT 1)
       LIMIT 1
     ) pi ON true
     LEFT JOIN LATERAL (
       SELECT s.volume_per_month, s.volume_unit FROM recipient_contracts k
       JOIN recipient_contract_services s ON s.hromada_id = k.hromada_id AND s.contract_id = k.id
       WHERE k.hromada_id = a.hromada_id AND k.agency_id = a.agency_id AND k.person_id = a.person_id
         AND s.service_id = a.service_id AND k.starts_on < $4 AND k.ends_on >= $3
         AND (k.status = 'active' OR k.terminated_on >= $3)
       ORDER BY k.signed_on DESC LIMIT 1
     ) cs ON true
     WHERE a.hromada_id = $1 AND a.agency_id = $2
       AND (a.status IN ('accepted', 'in_progress') OR m.visits > 0)
     ORDER BY p.last_name COLLATE "uk-UA-x-icu", p.first_name COLLATE "uk-UA-x-icu", sv.name`,
    [hromadaId, o.agencyId, o.from, o.to],
  );
  return rows;
}

// --- the visit schedule and rounds ---

export interface ScheduleRow {
  id: string;
  assignment_id: string;
  agency_id: number;
  person_id: string;
  person_name: string;
  service_name: string;
  worker_id: string;
  worker_name: string;
  weekdays: number[];
  starts_at: string | null;
  minutes: number;
  place: ActPlace;
  status: string;
  from_day: string;
  settlement: string | null;
  street: string | null;
  house: string | null;
  apartment: string | null;
  address_hidden: boolean;
  case_id: string | null;
  case_restricted: boolean;
  notes: string | null;
}

/**
 * Schedule rows with the person's address (the actual one, else the registered one; hidden from a user outside the
 * team of a protecting case) and the case whose plan the assignment rests on. Ordered by settlement, street, house.
 */
const SCHEDULE_SELECT = `SELECT v.id, v.assignment_id, v.agency_id, a.person_id,
    concat_ws(' ', p.last_name, p.first_name, p.patronymic) AS person_name, sv.name AS service_name, v.worker_id,
    u.display_name AS worker_name, v.weekdays, to_char(v.starts_at, 'HH24:MI') AS starts_at, v.minutes, v.place,
    a.status, to_char(coalesce(a.started_on, (a.assigned_at AT TIME ZONE 'Europe/Kyiv')::date), 'YYYY-MM-DD') AS from_day,
    ${unlessHidden('st.name', 'hid')} AS settlement,
    CASE WHEN hid.hidden THEN NULL WHEN p.act_settlement_code IS NOT NULL THEN p.act_street ELSE p.reg_street END AS street,
    CASE WHEN hid.hidden THEN NULL WHEN p.act_settlement_code IS NOT NULL THEN p.act_house ELSE p.reg_house END AS house,
    CASE WHEN hid.hidden THEN NULL WHEN p.act_settlement_code IS NOT NULL THEN p.act_apartment ELSE p.reg_apartment END
      AS apartment,
    hid.hidden AS address_hidden, k.id AS case_id, coalesce(k.restricted, false) AS case_restricted, a.notes
  FROM visit_schedules v
  JOIN service_assignments a ON a.hromada_id = v.hromada_id AND a.id = v.assignment_id
  JOIN persons p ON p.hromada_id = a.hromada_id AND p.id = a.person_id
  JOIN services sv ON sv.hromada_id = a.hromada_id AND sv.id = a.service_id
  JOIN users u ON u.id = v.worker_id
  ${hiddenCheck('contacts_hidden(p.id, $2::uuid)', 'hid')}
  LEFT JOIN settlements st ON st.code = coalesce(p.act_settlement_code, p.reg_settlement_code)
  LEFT JOIN LATERAL (
    SELECT kc.id, kc.restricted FROM cases kc
    WHERE kc.hromada_id = a.hromada_id AND kc.id = coalesce(a.case_id, (
      SELECT i.case_id FROM case_plan_items i WHERE i.hromada_id = a.hromada_id AND i.application_id = a.application_id
      LIMIT 1))
  ) k ON true`;
const SCHEDULE_ORDER = `ORDER BY hid.hidden, st.name COLLATE "uk-UA-x-icu" NULLS LAST,
  (CASE WHEN p.act_settlement_code IS NOT NULL THEN p.act_street ELSE p.reg_street END) COLLATE "uk-UA-x-icu" NULLS LAST,
  (CASE WHEN p.act_settlement_code IS NOT NULL THEN p.act_house ELSE p.reg_house END) NULLS LAST,
  v.starts_at NULLS LAST, p.last_name COLLATE "uk-UA-x-icu"`;

/** A provider's schedule (all its workers). `userId` decides whose protected addresses are hidden. */
export async function agencySchedule(
  c: Queryable,
  hromadaId: number,
  o: { agencyId: number; userId: string },
): Promise<ScheduleRow[]> {
  const { rows } = await c.query<ScheduleRow>(
    `${SCHEDULE_SELECT} WHERE v.hromada_id = $1 AND v.agency_id = $3 ${SCHEDULE_ORDER}`,
    [hromadaId, o.userId, o.agencyId],
  );
  return rows;
}

/**
 * A worker's scheduled visits (of the given providers) for assignments being delivered: at home only for a round;
 * the week's form takes every place.
 */
export async function workerSchedule(
  c: Queryable,
  hromadaId: number,
  o: { workerId: string; userId: string; agencyIds: number[] | null; homeOnly: boolean },
): Promise<ScheduleRow[]> {
  const { rows } = await c.query<ScheduleRow>(
    `${SCHEDULE_SELECT} WHERE v.hromada_id = $1 AND v.worker_id = $3
       AND ($4::int[] IS NULL OR v.agency_id = ANY($4::int[])) AND a.status IN ('accepted', 'in_progress')
       AND (NOT $5 OR v.place = 'home') ${SCHEDULE_ORDER}`,
    [hromadaId, o.userId, o.workerId, o.agencyIds, o.homeOnly],
  );
  return rows;
}

export async function insertSchedule(
  c: Queryable,
  hromadaId: number,
  f: {
    assignmentId: string;
    agencyId: number;
    workerId: string;
    weekdays: number[];
    startsAt: string | null;
    minutes: number;
    place: ActPlace;
    by: string;
  },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO visit_schedules (hromada_id, assignment_id, agency_id, worker_id, weekdays, starts_at, minutes, place,
       created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [hromadaId, f.assignmentId, f.agencyId, f.workerId, f.weekdays, f.startsAt, f.minutes, f.place, f.by],
  );
  return rows[0].id;
}

export async function loadScheduleAgency(c: Queryable, hromadaId: number, id: string) {
  const { rows } = await c.query<{ agency_id: number; assignment_id: string }>(
    'SELECT agency_id, assignment_id FROM visit_schedules WHERE hromada_id = $1 AND id = $2',
    [hromadaId, id],
  );
  return rows[0];
}

export async function deleteSchedule(c: Queryable, hromadaId: number, id: string): Promise<void> {
  await c.query('DELETE FROM visit_schedules WHERE hromada_id = $1 AND id = $2', [hromadaId, id]);
}

/** The goals and actions of the plans of the given cases (what to do at a visit), by case and position. */
export async function planActions(
  c: Queryable,
  hromadaId: number,
  caseIds: string[],
): Promise<{ case_id: string; kind: string; text: string }[]> {
  if (!caseIds.length) return [];
  const { rows } = await c.query<{ case_id: string; kind: string; text: string }>(
    `SELECT case_id, kind, text FROM case_plan_items
     WHERE hromada_id = $1 AND case_id = ANY($2::uuid[]) AND kind IN ('goal', 'action') AND text IS NOT NULL
     ORDER BY case_id, position`,
    [hromadaId, caseIds],
  );
  return rows;
}

/** Acts already written for the given assignments on the given days (to mark visits done). */
export async function actsOnDays(
  c: Queryable,
  hromadaId: number,
  o: { workerId: string; from: string; to: string },
): Promise<{ assignment_id: string; act_date: string; starts_at: string | null }[]> {
  const { rows } = await c.query<{ assignment_id: string; act_date: string; starts_at: string | null }>(
    `SELECT assignment_id, to_char(act_date, 'YYYY-MM-DD') AS act_date, to_char(starts_at, 'HH24:MI') AS starts_at
     FROM service_acts WHERE hromada_id = $1 AND worker_id = $2 AND act_date BETWEEN $3 AND $4
       AND cancelled_at IS NULL`,
    [hromadaId, o.workerId, o.from, o.to],
  );
  return rows;
}

/** The name of a user (a worker named in a query). */
export async function userName(c: Queryable, id: string): Promise<string | undefined> {
  const { rows } = await c.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [id]);
  return rows[0]?.display_name;
}

/** Whether the person is the hromada's and, for a provider's reach, a recipient of one of its assignments. */
export async function personInReach(c: Queryable, hromadaId: number, personId: string, agencyIds: number[] | null) {
  const { rows } = await c.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM persons WHERE hromada_id = $1 AND id = $2)
       AND ($3::int[] IS NULL OR EXISTS (SELECT 1 FROM service_assignments
         WHERE hromada_id = $1 AND person_id = $2 AND agency_id = ANY($3::int[]))) AS ok`,
    [hromadaId, personId, agencyIds],
  );
  return rows[0].ok;
}

/** The providers a user works for in the hromada (their provider grants). */
export async function workerAgencies(c: Queryable, hromadaId: number, userId: string): Promise<number[]> {
  const { rows } = await c.query<{ agency_id: number }>(
    `SELECT DISTINCT agency_id FROM grants
     WHERE hromada_id = $1 AND user_id = $2 AND role = 'provider' AND agency_id IS NOT NULL ORDER BY agency_id`,
    [hromadaId, userId],
  );
  return rows.map((r) => r.agency_id);
}
