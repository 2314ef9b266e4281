import type { PoolClient } from 'pg';
import type { Queryable } from '../../platform/db.js';
import type { Who } from '../../platform/policy.js';
import type { Status as ApplicationStatus } from '../applications/status-machine.js';
import type { AssignmentStatus } from './assignment-machine.js';
import { hiddenForMe, unlessHidden } from '../../platform/hidden-contacts.js';

export interface AssignmentRow {
  id: string;
  /** The granted application it hands over, or null when it comes from a service item of a case's plan. */
  application_id: string | null;
  /** The case and plan item it comes from (when not from an application). */
  case_id: string | null;
  plan_item_id: string | null;
  case_number: string | null;
  person_id: string;
  service_id: string;
  agency_id: number;
  status: AssignmentStatus;
  decline_reason: string | null;
  started_on: string | null;
  completed_on: string | null;
  notes: string | null;
  completion_note: string | null;
  assigned_at: Date;
  created_at: Date;
  updated_at: Date;
  version: number;
  registration_number: string | null;
  /** The application's district, or the case's. */
  district_id: number | null;
  application_status: ApplicationStatus | null;
  person_name: string;
  service_name: string;
  agency_name: string;
  /** The person is a restricted case's subject and the reader is not on its team: no address or phone. */
  contacts_hidden: boolean;
  /** Where the service is delivered (the actual address, else the registered one) and the person's phone. */
  delivery_address: string | null;
  person_phone: string | null;
}

const SELECT_ASSIGNMENT = `
  SELECT s.id, s.application_id, s.case_id, s.plan_item_id, s.person_id,
    CASE WHEN k.restricted THEN NULL ELSE k.number END AS case_number, s.service_id, s.agency_id, s.status, s.decline_reason,
    to_char(s.started_on, 'YYYY-MM-DD') AS started_on, to_char(s.completed_on, 'YYYY-MM-DD') AS completed_on,
    s.notes, s.completion_note, s.assigned_at, s.created_at, s.updated_at, s.version,
    a.registration_number, coalesce(a.district_id, k.district_id) AS district_id, a.status AS application_status,
    concat_ws(' ', p.last_name, p.first_name, p.patronymic) AS person_name, sv.name AS service_name, g.name AS agency_name,
    x.hidden AS contacts_hidden,
    CASE WHEN x.hidden THEN NULL WHEN p.act_settlement_code IS NOT NULL
      THEN nullif(concat_ws(', ', sa.name, p.act_street, p.act_house, 'кв. ' || p.act_apartment), '')
      ELSE nullif(concat_ws(', ', sr.name, p.reg_street, p.reg_house, 'кв. ' || p.reg_apartment), '') END AS delivery_address,
    ${unlessHidden('p.phone')} AS person_phone
  FROM service_assignments s
  LEFT JOIN applications a ON a.id = s.application_id
  LEFT JOIN cases k ON k.hromada_id = s.hromada_id AND k.id = s.case_id
  JOIN persons p ON p.id = s.person_id
  -- A restricted case's subject: address and phone only for the case's team (decision 0023).
  ${hiddenForMe('p.id')}
  LEFT JOIN settlements sa ON sa.code = p.act_settlement_code
  LEFT JOIN settlements sr ON sr.code = p.reg_settlement_code
  JOIN services sv ON sv.id = s.service_id
  JOIN agencies g ON g.id = s.agency_id`;

export async function loadAssignment(
  c: PoolClient,
  hromadaId: number,
  id: string,
  forUpdate = false,
): Promise<AssignmentRow | null> {
  const { rows } = await c.query<AssignmentRow>(
    `${SELECT_ASSIGNMENT} WHERE s.id = $1 AND s.hromada_id = $2${forUpdate ? ' FOR UPDATE OF s' : ''}`,
    [id, hromadaId],
  );
  return rows[0] ?? null;
}

export async function assignmentOfApplication(
  c: PoolClient,
  hromadaId: number,
  applicationId: string,
  forUpdate = false,
): Promise<AssignmentRow | null> {
  const { rows } = await c.query<AssignmentRow>(
    `${SELECT_ASSIGNMENT} WHERE s.application_id = $1 AND s.hromada_id = $2${forUpdate ? ' FOR UPDATE OF s' : ''}`,
    [applicationId, hromadaId],
  );
  return rows[0] ?? null;
}

/** Who may see a listed row: all, or rows of some districts (starosta) or agencies (provider). */
export interface ListReach {
  all: boolean;
  districtIds: number[];
  agencyIds: number[];
}

export interface ListFilters {
  status?: AssignmentStatus;
  personIds?: string[];
}

/** A page of assignments within the reach, newest assignment first. */
export async function assignmentsPage(
  c: PoolClient,
  hromadaId: number,
  reach: ListReach,
  f: ListFilters,
  limit: number,
  offset: number,
): Promise<{ rows: AssignmentRow[]; total: number }> {
  const where = ['s.hromada_id = $1'];
  const values: unknown[] = [hromadaId];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  if (!reach.all) {
    where.push(
      `(coalesce(a.district_id, k.district_id) = ANY(${param(reach.districtIds)}::int[]) OR s.agency_id = ANY(${param(reach.agencyIds)}::int[]))`,
    );
  }
  if (f.status) where.push(`s.status = ${param(f.status)}`);
  if (f.personIds) where.push(`s.person_id = ANY(${param(f.personIds)}::uuid[])`);
  const cond = where.join(' AND ');
  const total = await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM service_assignments s LEFT JOIN applications a ON a.id = s.application_id
     LEFT JOIN cases k ON k.hromada_id = s.hromada_id AND k.id = s.case_id WHERE ${cond}`,
    values,
  );
  const { rows } = await c.query<AssignmentRow>(
    `${SELECT_ASSIGNMENT} WHERE ${cond} ORDER BY s.assigned_at DESC, s.id LIMIT ${param(limit)} OFFSET ${param(offset)}`,
    values,
  );
  return { rows, total: total.rows[0].n };
}

export interface AssignmentHistoryRow {
  id: string;
  at: Date;
  actor_label: string;
  event: string;
  from_status: AssignmentStatus | null;
  to_status: AssignmentStatus;
  agency_name: string | null;
  note: string | null;
  data: Record<string, unknown>;
}

export async function loadAssignmentHistory(c: PoolClient, assignmentId: string): Promise<AssignmentHistoryRow[]> {
  const { rows } = await c.query<AssignmentHistoryRow>(
    `SELECT h.id::text, h.at, h.actor_label, h.event, h.from_status, h.to_status, g.name AS agency_name, h.note, h.data
     FROM service_assignment_history h LEFT JOIN agencies g ON g.id = h.agency_id
     WHERE h.assignment_id = $1 ORDER BY h.at, h.id`,
    [assignmentId],
  );
  return rows;
}

export interface AssignmentEvent {
  hromadaId: number;
  assignmentId: string;
  by: Who;
  event: string;
  from: AssignmentStatus | null;
  to: AssignmentStatus;
  agencyId: number;
  note?: string | null;
  data?: Record<string, unknown>;
}

export async function addAssignmentHistory(c: Queryable, e: AssignmentEvent): Promise<void> {
  await c.query(
    `INSERT INTO service_assignment_history (hromada_id, assignment_id, actor_id, actor_label, event, from_status, to_status,
       agency_id, note, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      e.hromadaId,
      e.assignmentId,
      e.by.userId,
      e.by.displayName,
      e.event,
      e.from,
      e.to,
      e.agencyId,
      e.note ?? null,
      JSON.stringify(e.data ?? {}),
    ],
  );
}

export interface AgencyOption {
  id: number;
  name: string;
}

/** The providers of a service in the catalogue, by name. */
export async function providersOf(c: Queryable, hromadaId: number, serviceId: string): Promise<AgencyOption[]> {
  const { rows } = await c.query<AgencyOption>(
    `SELECT g.id, g.name FROM service_providers sp JOIN agencies g ON g.id = sp.agency_id
     WHERE sp.hromada_id = $1 AND sp.service_id = $2 AND g.active ORDER BY g.name COLLATE "uk-UA-x-icu"`,
    [hromadaId, serviceId],
  );
  return rows;
}

/** Every active agency of the hromada (when the catalogue names no provider for the service). */
export async function agenciesOf(c: Queryable, hromadaId: number): Promise<AgencyOption[]> {
  const { rows } = await c.query<AgencyOption>(
    'SELECT id, name FROM agencies WHERE hromada_id = $1 AND active ORDER BY name COLLATE "uk-UA-x-icu"',
    [hromadaId],
  );
  return rows;
}

export async function insertAssignment(
  c: Queryable,
  x: {
    hromadaId: number;
    applicationId: string;
    personId: string;
    serviceId: string;
    agencyId: number;
    notes: string | null;
    createdBy: string;
  },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO service_assignments (hromada_id, application_id, person_id, service_id, agency_id, status, notes, created_by)
     VALUES ($1, $2, $3, $4, $5, 'assigned', $6, $7) RETURNING id`,
    [x.hromadaId, x.applicationId, x.personId, x.serviceId, x.agencyId, x.notes, x.createdBy],
  );
  return rows[0].id;
}

/**
 * An assignment from a service item of an approved case plan (not from an application): to the item's provider,
 * with its first history entry. Returns its id.
 */
export async function insertPlanAssignment(
  c: Queryable,
  x: {
    hromadaId: number;
    caseId: string;
    planItemId: string;
    personId: string;
    serviceId: string;
    agencyId: number;
    notes: string | null;
    by: Who;
  },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO service_assignments (hromada_id, case_id, plan_item_id, person_id, service_id, agency_id, status, notes,
       created_by)
     VALUES ($1, $2, $3, $4, $5, $6, 'assigned', $7, $8) RETURNING id`,
    [x.hromadaId, x.caseId, x.planItemId, x.personId, x.serviceId, x.agencyId, x.notes, x.by.userId],
  );
  const id = rows[0].id;
  await addAssignmentHistory(c, {
    hromadaId: x.hromadaId,
    assignmentId: id,
    by: x.by,
    event: 'assign',
    from: null,
    to: 'assigned',
    agencyId: x.agencyId,
    data: { case: x.caseId },
  });
  return id;
}

/**
 * The providers the office may choose from: the service's own, or any agency of the hromada when it names none —
 * active ones only (a provider marked inactive in the registry gets no new hand-overs; its running ones stay).
 */
export async function providerOptions(
  c: Queryable,
  hromadaId: number,
  serviceId: string,
): Promise<{ options: AgencyOption[]; fromCatalogue: boolean }> {
  const own = await providersOf(c, hromadaId, serviceId);
  return own.length
    ? { options: own, fromCatalogue: true }
    : { options: await agenciesOf(c, hromadaId), fromCatalogue: false };
}

/** Hands the assignment to another provider (after a decline, or before the first accepted). */
export async function reassign(c: Queryable, id: string, agencyId: number, notes: string | null): Promise<void> {
  await c.query(
    `UPDATE service_assignments SET agency_id = $2, status = 'assigned', decline_reason = NULL, notes = $3, assigned_at = now(),
       updated_at = now(), version = version + 1 WHERE id = $1`,
    [id, agencyId, notes],
  );
}

/** The provider's step: the new status with what it carries (a decline's reason, the start or completion date, a note). */
export async function recordProviderStep(
  c: Queryable,
  id: string,
  x: {
    to: AssignmentStatus;
    reason: string | null;
    date: string | null;
    note: string | null;
  },
): Promise<void> {
  await c.query(
    `UPDATE service_assignments SET status = $2,
       decline_reason = CASE WHEN $2 = 'declined' THEN $3 ELSE decline_reason END,
       started_on = CASE WHEN $2 = 'in_progress' THEN $4::date ELSE started_on END,
       completed_on = CASE WHEN $2 = 'completed' THEN $4::date ELSE completed_on END,
       completion_note = CASE WHEN $2 = 'completed' THEN $5 ELSE completion_note END,
       updated_at = now(), version = version + 1
     WHERE id = $1`,
    [id, x.to, x.reason, x.date, x.note],
  );
}

/** The office recorded delivery: the assignment follows (started on, completed on `today` unless already set). */
export async function followOffice(c: Queryable, id: string, to: AssignmentStatus, today: string): Promise<void> {
  await c.query(
    `UPDATE service_assignments SET status = $2, started_on = coalesce(started_on, $3::date),
       completed_on = CASE WHEN $2 = 'completed' THEN greatest($3::date, started_on) ELSE completed_on END,
       updated_at = now(), version = version + 1 WHERE id = $1`,
    [id, to, today],
  );
}
