import type { Queryable } from '../../platform/db.js';
import type { Who } from '../../platform/policy.js';
import type { AgreementChannel, ItemKind, PlanStatus, ReviewOutcome, VolumeUnit } from './plan-machine.js';

export interface PlanRow {
  version: number;
  status: PlanStatus;
  person_words: string | null;
  agreed_on: string | null;
  agreed_channel: AgreementChannel | null;
  review_on: string | null;
  review_interval_days: number | null;
  submitted_at: Date | null;
  submitted_by_name: string | null;
  decided_at: Date | null;
  decided_by_name: string | null;
  return_comment: string | null;
  approved_version: number | null;
  updated_by_name: string;
  updated_at: Date;
}

/** The plan of a case, or null when none was written yet. */
export async function loadPlan(c: Queryable, hromadaId: number, caseId: string, lock = false): Promise<PlanRow | null> {
  const { rows } = await c.query<PlanRow>(
    `SELECT pl.version, pl.status, pl.person_words, to_char(pl.agreed_on, 'YYYY-MM-DD') AS agreed_on, pl.agreed_channel,
       to_char(pl.review_on, 'YYYY-MM-DD') AS review_on, pl.review_interval_days, pl.submitted_at,
       su.display_name AS submitted_by_name, pl.decided_at, du.display_name AS decided_by_name, pl.return_comment,
       pl.approved_version, uu.display_name AS updated_by_name, pl.updated_at
     FROM case_plans pl
     JOIN users uu ON uu.id = pl.updated_by
     LEFT JOIN users su ON su.id = pl.submitted_by
     LEFT JOIN users du ON du.id = pl.decided_by
     WHERE pl.hromada_id = $1 AND pl.case_id = $2${lock ? ' FOR UPDATE OF pl' : ''}`,
    [hromadaId, caseId],
  );
  return rows[0] ?? null;
}

export interface PlanItemRow {
  id: string;
  position: number;
  kind: ItemKind;
  text: string | null;
  service_id: string | null;
  service_name: string | null;
  agency_id: number | null;
  agency_name: string | null;
  starts_on: string | null;
  ends_on: string | null;
  responsible_user_id: string | null;
  responsible_name: string | null;
  responsible_text: string | null;
  due_on: string | null;
  volume_per_month: string | null;
  volume_unit: VolumeUnit | null;
  application_id: string | null;
  /** The item's hand-over: its own assignment, or the application's it came from. */
  assignment_id: string | null;
  assignment_status: string | null;
  /** The provider the hand-over is with now (after a decline the plan may name another). */
  assignment_agency_id: number | null;
}

export async function planItems(c: Queryable, hromadaId: number, caseId: string): Promise<PlanItemRow[]> {
  const { rows } = await c.query<PlanItemRow>(
    `SELECT i.id, i.position, i.kind, i.text, i.service_id, sv.name AS service_name, i.agency_id, g.name AS agency_name,
       to_char(i.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(i.ends_on, 'YYYY-MM-DD') AS ends_on,
       i.responsible_user_id, ru.display_name AS responsible_name, i.responsible_text,
       to_char(i.due_on, 'YYYY-MM-DD') AS due_on, i.volume_per_month::text AS volume_per_month, i.volume_unit,
       i.application_id, coalesce(sp.id, sa.id) AS assignment_id,
       coalesce(sp.status, sa.status) AS assignment_status, coalesce(sp.agency_id, sa.agency_id) AS assignment_agency_id
     FROM case_plan_items i
     LEFT JOIN services sv ON sv.hromada_id = i.hromada_id AND sv.id = i.service_id
     LEFT JOIN agencies g ON g.hromada_id = i.hromada_id AND g.id = i.agency_id
     LEFT JOIN users ru ON ru.id = i.responsible_user_id
     LEFT JOIN service_assignments sp ON sp.hromada_id = i.hromada_id AND sp.plan_item_id = i.id
     LEFT JOIN service_assignments sa ON sa.application_id = i.application_id
     WHERE i.hromada_id = $1 AND i.case_id = $2 ORDER BY i.position, i.created_at`,
    [hromadaId, caseId],
  );
  return rows;
}

export interface PlanFields {
  personWords: string | null;
  agreedOn: string | null;
  agreedChannel: AgreementChannel | null;
  reviewOn: string | null;
  reviewIntervalDays: number | null;
}

/** Creates the plan (version 1) or writes its fields with the next version and status; returns the version. */
export async function writePlan(
  c: Queryable,
  hromadaId: number,
  caseId: string,
  f: PlanFields & { status: PlanStatus; by: string },
): Promise<number> {
  const { rows } = await c.query<{ version: number }>(
    `INSERT INTO case_plans (hromada_id, case_id, status, person_words, agreed_on, agreed_channel, review_on,
       review_interval_days, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (hromada_id, case_id) DO UPDATE SET version = case_plans.version + 1, status = EXCLUDED.status,
       person_words = EXCLUDED.person_words, agreed_on = EXCLUDED.agreed_on, agreed_channel = EXCLUDED.agreed_channel,
       review_on = EXCLUDED.review_on, review_interval_days = EXCLUDED.review_interval_days,
       updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING version`,
    [hromadaId, caseId, f.status, f.personWords, f.agreedOn, f.agreedChannel, f.reviewOn, f.reviewIntervalDays, f.by],
  );
  return rows[0].version;
}

export interface ItemFields {
  position: number;
  kind: ItemKind;
  text: string | null;
  serviceId: string | null;
  agencyId: number | null;
  startsOn: string | null;
  endsOn: string | null;
  responsibleUserId: string | null;
  responsibleText: string | null;
  dueOn: string | null;
  volumePerMonth: number | null;
  volumeUnit: VolumeUnit | null;
  applicationId?: string | null;
}

const ITEM_VALUES = (i: ItemFields) => [
  i.position,
  i.kind,
  i.text,
  i.serviceId,
  i.agencyId,
  i.startsOn,
  i.endsOn,
  i.responsibleUserId,
  i.responsibleText,
  i.dueOn,
  i.volumePerMonth,
  i.volumeUnit,
];

export async function insertPlanItem(c: Queryable, hromadaId: number, caseId: string, i: ItemFields): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO case_plan_items (hromada_id, case_id, position, kind, text, service_id, agency_id, starts_on, ends_on,
       responsible_user_id, responsible_text, due_on, volume_per_month, volume_unit, application_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [hromadaId, caseId, ...ITEM_VALUES(i), i.applicationId ?? null],
  );
  return rows[0].id;
}

export async function updatePlanItem(c: Queryable, hromadaId: number, id: string, i: ItemFields): Promise<void> {
  await c.query(
    `UPDATE case_plan_items SET position = $3, kind = $4, text = $5, service_id = $6, agency_id = $7, starts_on = $8,
       ends_on = $9, responsible_user_id = $10, responsible_text = $11, due_on = $12, volume_per_month = $13,
       volume_unit = $14
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id, ...ITEM_VALUES(i)],
  );
}

export async function deletePlanItems(c: Queryable, hromadaId: number, ids: string[]): Promise<void> {
  if (ids.length)
    await c.query('DELETE FROM case_plan_items WHERE hromada_id = $1 AND id = ANY($2::uuid[])', [hromadaId, ids]);
}

export async function insertPlanVersion(
  c: Queryable,
  v: { hromadaId: number; caseId: string; version: number; snapshot: unknown; by: string },
): Promise<void> {
  await c.query(
    'INSERT INTO case_plan_versions (hromada_id, case_id, version, snapshot, saved_by) VALUES ($1, $2, $3, $4, $5)',
    [v.hromadaId, v.caseId, v.version, JSON.stringify(v.snapshot), v.by],
  );
}

/** Submits, approves or returns the plan (a decision keeps the version: the content did not change). */
export async function setPlanStatus(
  c: Queryable,
  hromadaId: number,
  caseId: string,
  s: { status: PlanStatus; by: string; comment?: string | null },
): Promise<void> {
  await c.query(
    `UPDATE case_plans SET status = $3,
       submitted_at = CASE WHEN $3 = 'submitted' THEN now() ELSE submitted_at END,
       submitted_by = CASE WHEN $3 = 'submitted' THEN $4::uuid ELSE submitted_by END,
       decided_at = CASE WHEN $3 IN ('approved', 'returned') THEN now() ELSE decided_at END,
       decided_by = CASE WHEN $3 IN ('approved', 'returned') THEN $4::uuid ELSE decided_by END,
       return_comment = CASE WHEN $3 = 'returned' THEN $5 WHEN $3 = 'approved' THEN NULL ELSE return_comment END,
       approved_version = CASE WHEN $3 = 'approved' THEN version ELSE approved_version END
     WHERE hromada_id = $1 AND case_id = $2`,
    [hromadaId, caseId, s.status, s.by, s.comment ?? null],
  );
}

/** The next review of the plan (after a review is done). */
export async function setReviewOn(c: Queryable, hromadaId: number, caseId: string, on: string | null): Promise<void> {
  await c.query('UPDATE case_plans SET review_on = $3 WHERE hromada_id = $1 AND case_id = $2', [hromadaId, caseId, on]);
}

export interface StaffOption {
  id: string;
  name: string;
}

/** Staff who may be responsible for an item: those who work cases in the hromada, by name. */
export async function caseStaff(c: Queryable, hromadaId: number): Promise<StaffOption[]> {
  const { rows } = await c.query<StaffOption>(
    `SELECT u.id, u.display_name AS name FROM users u
     WHERE EXISTS (SELECT 1 FROM grants g WHERE g.user_id = u.id AND g.hromada_id = $1
       AND g.role IN ('manager', 'worker', 'children'))
     ORDER BY u.display_name COLLATE "uk-UA-x-icu" LIMIT 500`,
    [hromadaId],
  );
  return rows;
}

export interface ServiceOption {
  id: string;
  name: string;
}

/** The hromada's active catalogue services, by name. */
export async function catalogueServices(c: Queryable, hromadaId: number): Promise<ServiceOption[]> {
  const { rows } = await c.query<ServiceOption>(
    'SELECT id, name FROM services WHERE hromada_id = $1 AND active ORDER BY name COLLATE "uk-UA-x-icu"',
    [hromadaId],
  );
  return rows;
}

/** Which of these ids are active services of the hromada. */
export async function knownServices(c: Queryable, hromadaId: number, ids: string[]): Promise<Set<string>> {
  const { rows } = await c.query<{ id: string }>(
    'SELECT id FROM services WHERE hromada_id = $1 AND id = ANY($2::uuid[])',
    [hromadaId, ids],
  );
  return new Set(rows.map((r) => r.id));
}

/** Whom a case's assignments are for: its person, or the head of its household. */
export async function caseRecipient(c: Queryable, hromadaId: number, caseId: string): Promise<string | null> {
  const { rows } = await c.query<{ id: string | null }>(
    `SELECT coalesce(k.person_id, h.head_person_id) AS id FROM cases k
     LEFT JOIN households h ON h.hromada_id = k.hromada_id AND h.id = k.household_id
     WHERE k.hromada_id = $1 AND k.id = $2`,
    [hromadaId, caseId],
  );
  return rows[0]?.id ?? null;
}

/** The worker's request to close the case (null clears it: approved or returned). */
export async function setClosureRequest(
  c: Queryable,
  hromadaId: number,
  caseId: string,
  r: { by: string; reason: string } | null,
): Promise<void> {
  await c.query(
    `UPDATE cases SET closure_requested_at = CASE WHEN $3::uuid IS NULL THEN NULL ELSE now() END,
       closure_requested_by = $3, closure_request_reason = $4, version = version + 1, updated_at = now()
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, caseId, r?.by ?? null, r?.reason ?? null],
  );
}

export interface ClosureRequestRow {
  requested_at: Date;
  requested_by_name: string;
  reason: string;
}

export async function closureRequest(
  c: Queryable,
  hromadaId: number,
  caseId: string,
): Promise<ClosureRequestRow | null> {
  const { rows } = await c.query<ClosureRequestRow>(
    `SELECT k.closure_requested_at AS requested_at, u.display_name AS requested_by_name, k.closure_request_reason AS reason
     FROM cases k JOIN users u ON u.id = k.closure_requested_by
     WHERE k.hromada_id = $1 AND k.id = $2 AND k.closure_requested_at IS NOT NULL`,
    [hromadaId, caseId],
  );
  return rows[0] ?? null;
}

export async function insertReview(
  c: Queryable,
  r: {
    hromadaId: number;
    caseId: string;
    reviewedOn: string;
    outcome: ReviewOutcome;
    note: string;
    nextReviewOn: string | null;
    by: Who;
  },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO case_reviews (hromada_id, case_id, reviewed_on, outcome, note, next_review_on, author_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [r.hromadaId, r.caseId, r.reviewedOn, r.outcome, r.note, r.nextReviewOn, r.by.userId],
  );
  return rows[0].id;
}

export interface ReviewRow {
  reviewed_on: string;
  outcome: ReviewOutcome;
  note: string;
  next_review_on: string | null;
  author_name: string;
}

export async function caseReviews(c: Queryable, hromadaId: number, caseId: string): Promise<ReviewRow[]> {
  const { rows } = await c.query<ReviewRow>(
    `SELECT to_char(r.reviewed_on, 'YYYY-MM-DD') AS reviewed_on, r.outcome, r.note,
       to_char(r.next_review_on, 'YYYY-MM-DD') AS next_review_on, u.display_name AS author_name
     FROM case_reviews r JOIN users u ON u.id = r.author_id
     WHERE r.hromada_id = $1 AND r.case_id = $2 ORDER BY r.reviewed_on DESC, r.created_at DESC`,
    [hromadaId, caseId],
  );
  return rows;
}

export interface ReviewDueRow {
  case_id: string;
  number: string;
  review_on: string;
  overdue: boolean;
}

/**
 * The reviews a user should do: plans of the open cases they manage or are on the team of, whose review falls
 * within a week from `today` or has passed (overdue first). The workload pages and counters read this.
 */
export async function reviewsDue(
  c: Queryable,
  hromadaId: number,
  userId: string,
  today: string,
): Promise<ReviewDueRow[]> {
  const { rows } = await c.query<ReviewDueRow>(
    `SELECT k.id AS case_id, k.number, to_char(pl.review_on, 'YYYY-MM-DD') AS review_on, pl.review_on < $3::date AS overdue
     FROM case_plans pl JOIN cases k ON k.hromada_id = pl.hromada_id AND k.id = pl.case_id
     WHERE pl.hromada_id = $1 AND k.status <> 'closed' AND pl.review_on <= $3::date + 7
       AND (k.manager_id = $2 OR EXISTS (SELECT 1 FROM case_team t
         WHERE t.hromada_id = k.hromada_id AND t.case_id = k.id AND t.user_id = $2 AND t.removed_at IS NULL))
     ORDER BY pl.review_on, k.number LIMIT 200`,
    [hromadaId, userId, today],
  );
  return rows;
}

/** The supervisors named on the case's team. */
export async function teamSupervisors(c: Queryable, hromadaId: number, caseId: string): Promise<string[]> {
  const { rows } = await c.query<{ user_id: string }>(
    "SELECT user_id FROM case_team WHERE hromada_id = $1 AND case_id = $2 AND role = 'supervisor' AND removed_at IS NULL",
    [hromadaId, caseId],
  );
  return rows.map((r) => r.user_id);
}
