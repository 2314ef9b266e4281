import type { Queryable } from '../../platform/db.js';
import type { CaseStatus } from './case-machine.js';

/** A restricted case counts only for a viewer on its team now (`$viewer` is the parameter holding the viewer). */
const VISIBLE = (viewer: string) => `(NOT k.restricted OR EXISTS (SELECT 1 FROM case_team tm
  WHERE tm.hromada_id = k.hromada_id AND tm.case_id = k.id AND tm.user_id = ${viewer} AND tm.removed_at IS NULL))`;

const SUBJECT = `concat_ws(' ', coalesce(p.last_name, hp.last_name), coalesce(p.first_name, hp.first_name),
      coalesce(p.patronymic, hp.patronymic))`;
const SUBJECT_JOINS = `LEFT JOIN persons p ON p.hromada_id = k.hromada_id AND p.id = k.person_id
  LEFT JOIN households h ON h.hromada_id = k.hromada_id AND h.id = k.household_id
  LEFT JOIN persons hp ON hp.id = h.head_person_id`;

/** How many of the cases a user manages are in each status (closed ones not counted). */
export async function managedByStatus(
  c: Queryable,
  hromadaId: number,
  userId: string,
): Promise<{ status: CaseStatus; n: number }[]> {
  const { rows } = await c.query<{ status: CaseStatus; n: number }>(
    `SELECT k.status, count(*)::int AS n FROM cases k
     WHERE k.hromada_id = $1 AND k.manager_id = $2 AND k.status <> 'closed' AND ${VISIBLE('$2')}
     GROUP BY k.status`,
    [hromadaId, userId],
  );
  return rows;
}

/** A case in one of the workload lists: its number, subject, a date and (for a supervisor) its manager. */
export interface WorkloadCaseRow {
  case_id: string;
  number: string;
  subject_name: string;
  manager_name: string;
  /** The review date, or the day the plan or the closure was submitted. */
  day: string;
  overdue: boolean;
  /** What waits: a review, the plan's approval or the closure's. */
  kind: 'review' | 'plan' | 'closure';
}

/** Items of a list with the total and how many restricted ones are counted but not shown. */
export interface ListOf<T> {
  rows: T[];
  total: number;
  hidden: number;
}

/**
 * Plan reviews within a week of `today` or past it, soonest first: the open cases of a manager (`managerId`)
 * or of the whole hromada (null: only those past due). A restricted case is listed only for its team; the
 * others are counted in `hidden`.
 */
export async function reviewsList(
  c: Queryable,
  hromadaId: number,
  x: { managerId: string | null; viewerId: string; today: string; overdueOnly: boolean; limit: number },
): Promise<ListOf<WorkloadCaseRow>> {
  const where = `pl.hromada_id = $1 AND pl.review_on IS NOT NULL
    AND pl.review_on ${x.overdueOnly ? '<' : '<='} $3::date + ${x.overdueOnly ? 0 : 7}
    AND k.status <> 'closed' AND ($2::uuid IS NULL OR k.manager_id = $2)`;
  const params = [hromadaId, x.managerId, x.today, x.viewerId];
  const counts = await c.query<{ total: number; hidden: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE NOT ${VISIBLE('$4')})::int AS hidden
     FROM case_plans pl JOIN cases k ON k.hromada_id = pl.hromada_id AND k.id = pl.case_id WHERE ${where}`,
    params,
  );
  const { rows } = await c.query<WorkloadCaseRow>(
    `SELECT k.id AS case_id, k.number, ${SUBJECT} AS subject_name, u.display_name AS manager_name,
       to_char(pl.review_on, 'YYYY-MM-DD') AS day, pl.review_on < $3::date AS overdue, 'review' AS kind
     FROM case_plans pl JOIN cases k ON k.hromada_id = pl.hromada_id AND k.id = pl.case_id
     JOIN users u ON u.id = k.manager_id
     ${SUBJECT_JOINS}
     WHERE ${where} AND ${VISIBLE('$4')}
     ORDER BY pl.review_on, k.number LIMIT $5`,
    [...params, x.limit],
  );
  return { rows, ...counts.rows[0] };
}

/**
 * What waits for a supervisor's decision, oldest first: plans submitted for approval and closure requests —
 * those a user submitted (`submittedBy`) or the whole hromada's (null). Restricted cases off the viewer's team
 * are counted in `hidden`, not listed.
 */
export async function approvalsList(
  c: Queryable,
  hromadaId: number,
  x: { submittedBy: string | null; viewerId: string; limit: number },
): Promise<ListOf<WorkloadCaseRow>> {
  const waiting = `SELECT pl.case_id, pl.submitted_at AS at, pl.submitted_by AS by, 'plan' AS kind
      FROM case_plans pl WHERE pl.hromada_id = $1 AND pl.status = 'submitted'
    UNION ALL
    SELECT k.id, k.closure_requested_at, k.closure_requested_by, 'closure' FROM cases k
      WHERE k.hromada_id = $1 AND k.closure_requested_at IS NOT NULL AND k.status <> 'closed'`;
  const where = `($2::uuid IS NULL OR w.by = $2)`;
  const params = [hromadaId, x.submittedBy, x.viewerId];
  const counts = await c.query<{ total: number; hidden: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE NOT ${VISIBLE('$3')})::int AS hidden
     FROM (${waiting}) w JOIN cases k ON k.hromada_id = $1 AND k.id = w.case_id WHERE ${where}`,
    params,
  );
  const { rows } = await c.query<WorkloadCaseRow>(
    `SELECT k.id AS case_id, k.number, ${SUBJECT} AS subject_name, u.display_name AS manager_name,
       to_char(w.at AT TIME ZONE 'Europe/Kyiv', 'YYYY-MM-DD') AS day, false AS overdue, w.kind
     FROM (${waiting}) w JOIN cases k ON k.hromada_id = $1 AND k.id = w.case_id
     JOIN users u ON u.id = k.manager_id
     ${SUBJECT_JOINS}
     WHERE ${where} AND ${VISIBLE('$3')}
     ORDER BY w.at, k.number LIMIT $4`,
    [...params, x.limit],
  );
  return { rows, ...counts.rows[0] };
}

/** One worker's caseload: open cases by status, the total and the overdue reviews (restricted ones counted too). */
export interface CaseloadRow {
  manager_id: string;
  manager_name: string;
  by_status: Partial<Record<CaseStatus, number>>;
  total: number;
  overdue_reviews: number;
}

/**
 * The caseload of every worker who manages open cases in the hromada, heaviest first (then by name). One
 * grouped query: the counts per manager and status come from `cases_manager_idx` (hromada, manager, status),
 * the overdue reviews from `case_plans_review_idx`; numbers only — no case is named.
 */
export async function caseload(c: Queryable, hromadaId: number, today: string): Promise<CaseloadRow[]> {
  const { rows } = await c.query<CaseloadRow>(
    `WITH per_status AS (
       SELECT manager_id, status, count(*)::int AS n FROM cases
       WHERE hromada_id = $1 AND status <> 'closed' GROUP BY manager_id, status
     ), per_manager AS (
       SELECT manager_id, jsonb_object_agg(status, n) AS by_status, sum(n)::int AS total
       FROM per_status GROUP BY manager_id
     ), overdue AS (
       SELECT k.manager_id, count(*)::int AS n
       FROM case_plans pl JOIN cases k ON k.hromada_id = pl.hromada_id AND k.id = pl.case_id
       WHERE pl.hromada_id = $1 AND pl.review_on < $2::date AND k.status <> 'closed' GROUP BY k.manager_id
     )
     SELECT m.manager_id, u.display_name AS manager_name, m.by_status, m.total, coalesce(o.n, 0) AS overdue_reviews
     FROM per_manager m JOIN users u ON u.id = m.manager_id LEFT JOIN overdue o ON o.manager_id = m.manager_id
     ORDER BY m.total DESC, coalesce(o.n, 0) DESC, u.display_name COLLATE "uk-UA-x-icu"`,
    [hromadaId, today],
  );
  return rows;
}

/** How many plan reviews of the cases a user manages are past due (the staff home's counter; a number only). */
export async function countOverdueReviews(
  c: Queryable,
  hromadaId: number,
  userId: string,
  today: string,
): Promise<number> {
  const { rows } = await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM case_plans pl JOIN cases k ON k.hromada_id = pl.hromada_id AND k.id = pl.case_id
     WHERE pl.hromada_id = $1 AND pl.review_on < $3::date AND k.manager_id = $2 AND k.status <> 'closed'`,
    [hromadaId, userId, today],
  );
  return rows[0].n;
}

/** How many plans and closures of the hromada wait for a supervisor's decision (the staff home's counter). */
export async function countApprovalsWaiting(c: Queryable, hromadaId: number): Promise<number> {
  const { rows } = await c.query<{ n: number }>(
    `SELECT ((SELECT count(*) FROM case_plans WHERE hromada_id = $1 AND status = 'submitted')
       + (SELECT count(*) FROM cases WHERE hromada_id = $1 AND closure_requested_at IS NOT NULL AND status <> 'closed'))::int
       AS n`,
    [hromadaId],
  );
  return rows[0].n;
}
