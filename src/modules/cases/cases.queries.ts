import type { PoolClient } from 'pg';
import type { Queryable } from '../../platform/db.js';
import type { Who } from '../../platform/policy.js';
import { caseNumber, type CasePriority, type CaseStatus, type NoteKind } from './case-machine.js';

export interface CaseTypeRow {
  code: string;
  name_uk: string;
  name_en: string;
  restricted: boolean;
}

/** The case types a hromada uses: the shared list and its own, active ones, in order. */
export async function caseTypes(c: Queryable, hromadaId: number): Promise<CaseTypeRow[]> {
  const { rows } = await c.query<CaseTypeRow>(
    `SELECT code, name_uk, name_en, restricted FROM case_types
     WHERE active AND (hromada_id IS NULL OR hromada_id = $1) ORDER BY sort, name_uk COLLATE "uk-UA-x-icu"`,
    [hromadaId],
  );
  return rows;
}

/** The next case number of the hromada's year; the counter row stays locked until the transaction ends. */
export async function nextCaseNumber(c: Queryable, hromadaId: number, year: number): Promise<string> {
  const { rows } = await c.query<{ last: number }>(
    `INSERT INTO case_counters (hromada_id, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (hromada_id, year) DO UPDATE SET last = case_counters.last + 1 RETURNING last`,
    [hromadaId, year],
  );
  return caseNumber(year, rows[0].last);
}

export interface NewCase {
  hromadaId: number;
  number: string;
  typeCode: string;
  personId: string | null;
  householdId: string | null;
  applicationId: string | null;
  signalId: string | null;
  priority: CasePriority;
  managerId: string;
  districtId: number | null;
  restricted: boolean;
  openedOn: string;
  createdBy: string;
}

export async function insertCase(c: Queryable, k: NewCase): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO cases (hromada_id, number, type_code, person_id, household_id, application_id, priority, manager_id,
       district_id, restricted, opened_on, created_by, signal_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      k.hromadaId,
      k.number,
      k.typeCode,
      k.personId,
      k.householdId,
      k.applicationId,
      k.priority,
      k.managerId,
      k.districtId,
      k.restricted,
      k.openedOn,
      k.createdBy,
      k.signalId,
    ],
  );
  return rows[0].id;
}

export type TeamRole = 'manager' | 'supervisor' | 'member';

export async function addTeamMember(
  c: Queryable,
  m: { hromadaId: number; caseId: string; userId: string; role: TeamRole },
): Promise<void> {
  await c.query(
    `INSERT INTO case_team (hromada_id, case_id, user_id, role) VALUES ($1, $2, $3, $4)
     ON CONFLICT (hromada_id, case_id, user_id) WHERE user_id IS NOT NULL AND removed_at IS NULL DO NOTHING`,
    [m.hromadaId, m.caseId, m.userId, m.role],
  );
}

export async function addCaseEvent(
  c: Queryable,
  e: {
    hromadaId: number;
    caseId: string;
    by: Who;
    event: string;
    from?: CaseStatus | null;
    to?: CaseStatus | null;
    note?: string | null;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await c.query(
    `INSERT INTO case_events (hromada_id, case_id, actor_id, actor_label, event, from_status, to_status, note, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      e.hromadaId,
      e.caseId,
      e.by.userId,
      e.by.displayName,
      e.event,
      e.from ?? null,
      e.to ?? null,
      e.note ?? null,
      JSON.stringify(e.data ?? {}),
    ],
  );
}

export interface CaseRow {
  id: string;
  number: string;
  type_code: string;
  type_uk: string;
  type_en: string;
  person_id: string | null;
  household_id: string | null;
  /** The person's name, or the head of the household's. */
  subject_name: string;
  application_id: string | null;
  application_number: string | null;
  /** The early-detection signal the case was opened from. */
  signal_id: string | null;
  status: CaseStatus;
  priority: CasePriority;
  manager_id: string;
  manager_name: string;
  district_id: number | null;
  restricted: boolean;
  opened_on: string;
  closed_on: string | null;
  close_reason: string | null;
  /** A restricted case whose team lifted the protection of its subject's contacts (decision 0023): when, who, why. */
  protection_lifted_at: Date | null;
  protection_lifted_by_name: string | null;
  protection_lifted_reason: string | null;
  version: number;
}

const SELECT_CASE = `SELECT k.id, k.number, k.type_code, ty.name_uk AS type_uk, ty.name_en AS type_en,
    k.person_id, k.household_id,
    concat_ws(' ', coalesce(p.last_name, hp.last_name), coalesce(p.first_name, hp.first_name),
      coalesce(p.patronymic, hp.patronymic)) AS subject_name,
    k.application_id, a.registration_number AS application_number, k.signal_id, k.status, k.priority, k.manager_id,
    u.display_name AS manager_name, k.district_id, k.restricted, to_char(k.opened_on, 'YYYY-MM-DD') AS opened_on,
    to_char(k.closed_on, 'YYYY-MM-DD') AS closed_on, k.close_reason, k.protection_lifted_at,
    (SELECT lu.display_name FROM users lu WHERE lu.id = k.protection_lifted_by) AS protection_lifted_by_name,
    k.protection_lifted_reason, k.version
  FROM cases k
  JOIN case_types ty ON ty.code = k.type_code AND (ty.hromada_id IS NULL OR ty.hromada_id = k.hromada_id)
  JOIN users u ON u.id = k.manager_id
  LEFT JOIN persons p ON p.hromada_id = k.hromada_id AND p.id = k.person_id
  LEFT JOIN households h ON h.hromada_id = k.hromada_id AND h.id = k.household_id
  LEFT JOIN persons hp ON hp.id = h.head_person_id
  LEFT JOIN applications a ON a.hromada_id = k.hromada_id AND a.id = k.application_id`;

export async function loadCase(c: PoolClient, hromadaId: number, id: string, lock = false): Promise<CaseRow | null> {
  if (lock) await c.query('SELECT 1 FROM cases WHERE hromada_id = $1 AND id = $2 FOR UPDATE', [hromadaId, id]);
  const { rows } = await c.query<CaseRow>(`${SELECT_CASE} WHERE k.hromada_id = $1 AND k.id = $2`, [hromadaId, id]);
  return rows[0] ?? null;
}

/** The case opened from an application, if any. */
export async function caseOfApplication(
  c: Queryable,
  hromadaId: number,
  applicationId: string,
): Promise<{ id: string; number: string; restricted: boolean } | null> {
  const { rows } = await c.query<{ id: string; number: string; restricted: boolean }>(
    'SELECT id, number, restricted FROM cases WHERE hromada_id = $1 AND application_id = $2',
    [hromadaId, applicationId],
  );
  return rows[0] ?? null;
}

export type AgencyKind = (typeof AGENCY_KINDS)[number];
export const AGENCY_KINDS = [
  'social_service',
  'children_service',
  'education',
  'health',
  'police',
  'ngo',
  'provider',
  'other',
] as const;

/** A member of a case's team: an account on the platform (`user_id`) or an external contact. */
export interface TeamRow {
  id: string;
  user_id: string | null;
  name: string;
  role: TeamRole;
  agency_kind: AgencyKind;
  case_role: string | null;
  contact_org: string | null;
  contact_phone: string | null;
  contact_email: string | null;
}

/** The current team: the manager, supervisors, then members, by name. */
export async function caseTeam(c: Queryable, hromadaId: number, caseId: string): Promise<TeamRow[]> {
  const { rows } = await c.query<TeamRow>(
    `SELECT t.id, t.user_id, coalesce(u.display_name, t.contact_name) AS name, t.role, t.agency_kind, t.case_role,
       t.contact_org, t.contact_phone, t.contact_email
     FROM case_team t LEFT JOIN users u ON u.id = t.user_id
     WHERE t.hromada_id = $1 AND t.case_id = $2 AND t.removed_at IS NULL
     ORDER BY array_position(ARRAY['manager', 'supervisor', 'member'], t.role),
       coalesce(u.display_name, t.contact_name) COLLATE "uk-UA-x-icu"`,
    [hromadaId, caseId],
  );
  return rows;
}

/** Whether the account is on the case's team now (the only ones who see a restricted case). */
export async function isOnTeam(c: Queryable, hromadaId: number, caseId: string, userId: string): Promise<boolean> {
  const { rows } = await c.query(
    'SELECT 1 FROM case_team WHERE hromada_id = $1 AND case_id = $2 AND user_id = $3 AND removed_at IS NULL',
    [hromadaId, caseId, userId],
  );
  return rows.length > 0;
}

export interface CaseEventRow {
  at: Date;
  actor_label: string;
  event: string;
  from_status: CaseStatus | null;
  to_status: CaseStatus | null;
  note: string | null;
  data: Record<string, unknown>;
}

export async function caseEvents(c: Queryable, hromadaId: number, caseId: string): Promise<CaseEventRow[]> {
  const { rows } = await c.query<CaseEventRow>(
    `SELECT at, actor_label, event, from_status, to_status, note, data FROM case_events
     WHERE hromada_id = $1 AND case_id = $2 ORDER BY at DESC, id DESC`,
    [hromadaId, caseId],
  );
  return rows;
}

export interface CaseNoteRow {
  id: string;
  kind: NoteKind;
  happened_on: string;
  text: string;
  author_label: string;
}

export async function caseNotes(c: Queryable, hromadaId: number, caseId: string): Promise<CaseNoteRow[]> {
  const { rows } = await c.query<CaseNoteRow>(
    `SELECT id, kind, to_char(happened_on, 'YYYY-MM-DD') AS happened_on, text, author_label FROM case_notes
     WHERE hromada_id = $1 AND case_id = $2 ORDER BY happened_on DESC, created_at DESC`,
    [hromadaId, caseId],
  );
  return rows;
}

export async function insertCaseNote(
  c: Queryable,
  n: { hromadaId: number; caseId: string; kind: NoteKind; happenedOn: string; text: string; by: Who },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO case_notes (hromada_id, case_id, kind, happened_on, text, author_id, author_label)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [n.hromadaId, n.caseId, n.kind, n.happenedOn, n.text, n.by.userId, n.by.displayName],
  );
  return rows[0].id;
}

/** Sets the status (and the closing date and reason); returns the new version. */
export async function setCaseStatus(
  c: Queryable,
  hromadaId: number,
  id: string,
  s: { to: CaseStatus; closedOn: string | null; closeReason: string | null },
): Promise<number> {
  const { rows } = await c.query<{ version: number }>(
    `UPDATE cases SET status = $3, closed_on = $4, close_reason = $5, version = version + 1, updated_at = now()
     WHERE hromada_id = $1 AND id = $2 RETURNING version`,
    [hromadaId, id, s.to, s.closedOn, s.closeReason],
  );
  return rows[0].version;
}

/** Bumps the version after a change that is not the status (a note); returns the new version. */
/**
 * Lifts the protection of a restricted case's subject's contacts (`reason` given), or restores it (`null`): the
 * function `contacts_hidden` (migrations 0056, 0057) no longer counts a lifted case. False when already so.
 */
export async function setProtectionLifted(
  c: Queryable,
  hromadaId: number,
  id: string,
  lift: { by: string; reason: string } | null,
): Promise<boolean> {
  const { rowCount } = await c.query(
    lift
      ? `UPDATE cases SET protection_lifted_at = now(), protection_lifted_by = $3, protection_lifted_reason = $4,
           version = version + 1, updated_at = now()
         WHERE hromada_id = $1 AND id = $2 AND restricted AND protection_lifted_at IS NULL`
      : `UPDATE cases SET protection_lifted_at = NULL, protection_lifted_by = NULL, protection_lifted_reason = NULL,
           version = version + 1, updated_at = now()
         WHERE hromada_id = $1 AND id = $2 AND restricted AND protection_lifted_at IS NOT NULL`,
    lift ? [hromadaId, id, lift.by, lift.reason] : [hromadaId, id],
  );
  return rowCount === 1;
}

export async function touchCase(c: Queryable, hromadaId: number, id: string): Promise<number> {
  const { rows } = await c.query<{ version: number }>(
    'UPDATE cases SET version = version + 1, updated_at = now() WHERE hromada_id = $1 AND id = $2 RETURNING version',
    [hromadaId, id],
  );
  return rows[0].version;
}

export interface CaseListFilter {
  status: CaseStatus | null;
  /** Only the cases this user manages. */
  managerId: string | null;
  /** Who reads: a restricted case is listed only for its team. */
  viewerId: string;
  /** A district-limited reader sees that district's cases only. */
  districtId: number | null;
}

/** A page of cases for the list, newest first, with the total. */
export async function casesPage(
  c: Queryable,
  hromadaId: number,
  f: CaseListFilter,
  limit: number,
  offset: number,
): Promise<{ rows: CaseRow[]; total: number }> {
  const where = `k.hromada_id = $1
    AND ($2::text IS NULL OR k.status = $2)
    AND ($3::uuid IS NULL OR k.manager_id = $3)
    AND ($5::int IS NULL OR k.district_id = $5)
    AND (NOT k.restricted OR EXISTS (SELECT 1 FROM case_team t
      WHERE t.hromada_id = k.hromada_id AND t.case_id = k.id AND t.user_id = $4 AND t.removed_at IS NULL))`;
  const params = [hromadaId, f.status, f.managerId, f.viewerId, f.districtId];
  const total = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases k WHERE ${where}`, params);
  const { rows } = await c.query<CaseRow>(
    `${SELECT_CASE} WHERE ${where} ORDER BY k.opened_on DESC, k.number DESC LIMIT $6 OFFSET $7`,
    [...params, limit, offset],
  );
  return { rows, total: total.rows[0].n };
}

/** The cases of a person: their own and their current households', restricted ones only for the team. */
export async function personCases(
  c: Queryable,
  hromadaId: number,
  personId: string,
  viewerId: string,
  limit = 100,
): Promise<CaseRow[]> {
  const { rows } = await c.query<CaseRow>(
    `${SELECT_CASE} WHERE k.hromada_id = $1
       AND (k.person_id = $2 OR k.household_id IN (SELECT m.household_id FROM household_members m
         WHERE m.hromada_id = $1 AND m.person_id = $2 AND m.left_on IS NULL))
       AND (NOT k.restricted OR EXISTS (SELECT 1 FROM case_team t
         WHERE t.hromada_id = k.hromada_id AND t.case_id = k.id AND t.user_id = $3 AND t.removed_at IS NULL))
     ORDER BY k.opened_on DESC, k.number DESC LIMIT $4`,
    [hromadaId, personId, viewerId, limit],
  );
  return rows;
}

/** The cases of a household (opened for the household itself), restricted ones only for their team. */
export async function householdCases(
  c: Queryable,
  hromadaId: number,
  householdId: string,
  viewerId: string,
  limit = 100,
): Promise<CaseRow[]> {
  const { rows } = await c.query<CaseRow>(
    `${SELECT_CASE} WHERE k.hromada_id = $1 AND k.household_id = $2
       AND (NOT k.restricted OR EXISTS (SELECT 1 FROM case_team t
         WHERE t.hromada_id = k.hromada_id AND t.case_id = k.id AND t.user_id = $3 AND t.removed_at IS NULL))
     ORDER BY k.opened_on DESC, k.number DESC LIMIT $4`,
    [hromadaId, householdId, viewerId, limit],
  );
  return rows;
}

/** How many cases a user manages that are not closed (the staff home's counter; a number only). */
export async function countManagedOpenCases(c: Queryable, hromadaId: number, userId: string): Promise<number> {
  const { rows } = await c.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM cases WHERE hromada_id = $1 AND manager_id = $2 AND status <> 'closed'",
    [hromadaId, userId],
  );
  return rows[0].n;
}

/** A case type as the administrator's list shows it: shared (hromada_id null) or the hromada's own. */
export interface CaseTypeAdminRow {
  code: string;
  name_uk: string;
  name_en: string;
  restricted: boolean;
  active: boolean;
  own: boolean;
  cases: number;
}

/** Every case type the hromada has — the shared list and its own, inactive ones too — with its number of cases. */
export async function allCaseTypes(c: Queryable, hromadaId: number): Promise<CaseTypeAdminRow[]> {
  const { rows } = await c.query<CaseTypeAdminRow>(
    `SELECT ty.code, ty.name_uk, ty.name_en, ty.restricted, ty.active, ty.hromada_id IS NOT NULL AS own,
       coalesce(n.cases, 0) AS cases
     FROM case_types ty
     LEFT JOIN (SELECT type_code, count(*)::int AS cases FROM cases WHERE hromada_id = $1 GROUP BY type_code) n
       ON n.type_code = ty.code
     WHERE ty.hromada_id IS NULL OR ty.hromada_id = $1
     ORDER BY ty.hromada_id IS NOT NULL, ty.sort, ty.name_uk COLLATE "uk-UA-x-icu"`,
    [hromadaId],
  );
  return rows;
}

/** Whether another type of the hromada (shared or own, `except` aside) already has this Ukrainian name. */
export async function caseTypeNameTaken(
  c: Queryable,
  hromadaId: number,
  nameUk: string,
  except: string | null,
): Promise<boolean> {
  const { rows } = await c.query(
    `SELECT 1 FROM case_types WHERE (hromada_id IS NULL OR hromada_id = $1) AND lower(name_uk) = lower($2)
       AND code IS DISTINCT FROM $3`,
    [hromadaId, nameUk, except],
  );
  return rows.length > 0;
}

/**
 * Adds a hromada's own case type (code `own_N`, the next number of the hromada; two at once wait for each other
 * on a lock of the hromada's types until the first commits). After the shared ones in the lists.
 */
export async function insertCaseType(
  c: Queryable,
  hromadaId: number,
  t: { nameUk: string; nameEn: string; restricted: boolean },
): Promise<string> {
  await c.query("SELECT pg_advisory_xact_lock(hashtext('case_types'), $1)", [hromadaId]);
  const { rows } = await c.query<{ code: string }>(
    `INSERT INTO case_types (code, hromada_id, name_uk, name_en, restricted, sort)
     SELECT 'own_' || (coalesce(max(substr(code, 5)::int), 0) + 1), $1, $2, $3, $4, 200
     FROM case_types WHERE hromada_id = $1 AND code ~ '^own_[0-9]+$'
     RETURNING code`,
    [hromadaId, t.nameUk, t.nameEn, t.restricted],
  );
  return rows[0].code;
}

/** Changes a hromada's own type (never a shared one); false when the hromada has no such type. */
export async function updateCaseType(
  c: Queryable,
  hromadaId: number,
  code: string,
  t: { nameUk: string; nameEn: string; restricted: boolean; active: boolean },
): Promise<boolean> {
  const { rowCount } = await c.query(
    `UPDATE case_types SET name_uk = $3, name_en = $4, restricted = $5, active = $6
     WHERE hromada_id = $1 AND code = $2`,
    [hromadaId, code, t.nameUk, t.nameEn, t.restricted, t.active],
  );
  return rowCount === 1;
}
