import type { Queryable } from '../../platform/db.js';
import type { CaseStatus } from './case-machine.js';

/** A restricted case (row `k`) is visible only to a viewer on its team now (`viewer`: the parameter holding them). */
const VISIBLE = (viewer: string, k = 'k') => `(NOT ${k}.restricted OR EXISTS (SELECT 1 FROM case_team tm
  WHERE tm.hromada_id = ${k}.hromada_id AND tm.case_id = ${k}.id AND tm.user_id = ${viewer} AND tm.removed_at IS NULL))`;

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
 * One pass over the waiting items (`items`: case `id`, `hromada_id`, `number`, `manager_id`, `person_id`,
 * `household_id`, `restricted` and the list's `at` date): the total and the hidden count over all of them, then
 * the first `limit` visible ones with their subject and manager — names are joined for those rows only.
 */
async function firstVisible(
  c: Queryable,
  items: string,
  x: {
    params: unknown[];
    viewer: string;
    limit: string;
    day: string;
    overdue: string;
    kind: string;
    /** The total and hidden counts when the caller has them already (the items are then not counted again). */
    counts?: { total: number; hidden: number };
  },
): Promise<ListOf<WorkloadCaseRow>> {
  // The counts are one aggregate over all the items, and the names are joined for the first visible ones only,
  // found in the list's order (an index walk that stops after the page) — not a window count over every row
  // (at 40,000 overdue reviews that spilled to disk: 99 ms).
  const { rows } = await c.query<
    (WorkloadCaseRow | { [K in keyof WorkloadCaseRow]: null }) & { at: unknown; total: number; hidden: number }
  >(
    `WITH counts AS (
       ${
         x.counts
           ? `SELECT ${Math.trunc(x.counts.total)}::int AS total, ${Math.trunc(x.counts.hidden)}::int AS hidden`
           : `SELECT count(*)::int AS total, count(*) FILTER (WHERE NOT ${VISIBLE(x.viewer, 'i')})::int AS hidden
       FROM (${items}) i`
       }
     )
     SELECT f.*, counts.total, counts.hidden FROM counts LEFT JOIN LATERAL (
       SELECT k.id AS case_id, k.number, ${SUBJECT} AS subject_name, u.display_name AS manager_name,
         ${x.day} AS day, ${x.overdue} AS overdue, ${x.kind} AS kind, k.at
       FROM (SELECT i.* FROM (${items}) i WHERE ${VISIBLE(x.viewer, 'i')} ORDER BY i.at, i.number LIMIT ${x.limit}) k
       JOIN users u ON u.id = k.manager_id
       ${SUBJECT_JOINS}
     ) f ON true
     ORDER BY f.at, f.number`,
    x.params,
  );
  return {
    rows: rows
      .map(({ total: _t, hidden: _h, at: _a, ...r }) => r)
      .filter((r): r is WorkloadCaseRow => r.case_id !== null),
    total: rows[0]?.total ?? 0,
    hidden: rows[0]?.hidden ?? 0,
  };
}

/**
 * Plan reviews within a week of `today` or past it, soonest first: the open cases of a manager (`managerId`)
 * or of the whole hromada (null: only those past due). A restricted case is listed only for its team; the
 * others are counted in `hidden`.
 */
export async function reviewsList(
  c: Queryable,
  hromadaId: number,
  x: {
    managerId: string | null;
    viewerId: string;
    today: string;
    overdueOnly: boolean;
    limit: number;
    counts?: { total: number; hidden: number };
  },
): Promise<ListOf<WorkloadCaseRow>> {
  return firstVisible(
    c,
    `SELECT k.id, k.hromada_id, k.number, k.manager_id, k.person_id, k.household_id, k.restricted, pl.review_on AS at
     FROM case_plans pl JOIN cases k ON k.hromada_id = pl.hromada_id AND k.id = pl.case_id
     WHERE pl.hromada_id = $1 AND pl.review_on ${x.overdueOnly ? '<' : '<='} $3::date + ${x.overdueOnly ? 0 : 7}
       AND k.status <> 'closed' AND ($2::uuid IS NULL OR k.manager_id = $2)`,
    {
      params: [hromadaId, x.managerId, x.today, x.viewerId, x.limit],
      viewer: '$4',
      limit: '$5',
      day: "to_char(k.at, 'YYYY-MM-DD')",
      overdue: 'k.at < $3::date',
      kind: "'review'",
      counts: x.counts,
    },
  );
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
  const of = 'k.id, k.hromada_id, k.number, k.manager_id, k.person_id, k.household_id, k.restricted';
  // Counted apart from the list: the total from the waiting plans and closures alone, the hidden ones from the
  // restricted cases alone (`cases_restricted_idx`) — not every waiting item joined to every case.
  const mine = (column: string) => `($2::uuid IS NULL OR ${column} = $2)`;
  const closures = `k.closure_requested_at IS NOT NULL AND k.status <> 'closed' AND ${mine('k.closure_requested_by')}`;
  const counted = await c.query<{ total: number; hidden: number }>(
    `SELECT ((SELECT count(*) FROM case_plans pl WHERE pl.hromada_id = $1 AND pl.status = 'submitted'
          AND ${mine('pl.submitted_by')})
        + (SELECT count(*) FROM cases k WHERE k.hromada_id = $1 AND ${closures}))::int AS total,
      ((SELECT count(*) FROM cases k JOIN case_plans pl ON pl.hromada_id = k.hromada_id AND pl.case_id = k.id
          WHERE k.hromada_id = $1 AND k.restricted AND pl.status = 'submitted' AND ${mine('pl.submitted_by')}
            AND NOT ${VISIBLE('$3')})
        + (SELECT count(*) FROM cases k WHERE k.hromada_id = $1 AND k.restricted AND ${closures}
            AND NOT ${VISIBLE('$3')}))::int AS hidden`,
    [hromadaId, x.submittedBy, x.viewerId],
  );
  // Each kind is read oldest first from its own index and stops after enough rows: the page's `limit`, plus as many
  // as may be hidden from the viewer (they are filtered out after) — never every waiting item sorted.
  const counts = counted.rows[0];
  return firstVisible(
    c,
    `(SELECT ${of}, pl.submitted_at AS at, 'plan' AS what
       FROM case_plans pl JOIN cases k ON k.hromada_id = pl.hromada_id AND k.id = pl.case_id
       WHERE pl.hromada_id = $1 AND pl.status = 'submitted' AND ${mine('pl.submitted_by')}
       ORDER BY pl.submitted_at, k.number LIMIT $5)
     UNION ALL
     (SELECT ${of}, k.closure_requested_at, 'closure' FROM cases k WHERE k.hromada_id = $1 AND ${closures}
       ORDER BY k.closure_requested_at, k.number LIMIT $5)`,
    {
      params: [hromadaId, x.submittedBy, x.viewerId, x.limit, x.limit + counts.hidden],
      viewer: '$3',
      limit: '$4',
      day: "to_char(k.at AT TIME ZONE 'Europe/Kyiv', 'YYYY-MM-DD')",
      overdue: 'false',
      kind: 'k.what',
      counts,
    },
  );
}

/** One worker's caseload: open cases by status, the total and the overdue reviews (restricted ones counted too). */
export interface CaseloadRow {
  manager_id: string;
  manager_name: string;
  by_status: Partial<Record<CaseStatus, number>>;
  total: number;
  overdue_reviews: number;
  /** Of the overdue reviews, those of restricted cases off the viewer's team (the overdue list leaves them out). */
  overdue_hidden: number;
}

/**
 * The caseload of every worker who manages open cases in the hromada, heaviest first (then by name). The counts
 * per manager and status come from `cases_manager_idx` (hromada, manager, status) alone; the overdue reviews from
 * the plans past their review date (`case_plans_review_idx`), each joined to its case — not every open case to
 * its plan (bench:cases, full size: 344 ms at p95 that way). Numbers only — no case is named.
 */
export async function caseload(
  c: Queryable,
  hromadaId: number,
  today: string,
  viewerId: string,
): Promise<CaseloadRow[]> {
  const { rows } = await c.query<CaseloadRow>(
    `WITH per_status AS (
       SELECT manager_id, status, count(*)::int AS n FROM cases
       WHERE hromada_id = $1 AND status <> 'closed' GROUP BY manager_id, status
     ), per_manager AS (
       SELECT manager_id, jsonb_object_agg(status, n) AS by_status, sum(n)::int AS total
       FROM per_status GROUP BY manager_id
     ), overdue AS (
       SELECT k.manager_id, count(*)::int AS n, count(*) FILTER (WHERE NOT ${VISIBLE('$3')})::int AS hidden
       FROM case_plans pl JOIN cases k ON k.hromada_id = pl.hromada_id AND k.id = pl.case_id
       WHERE pl.hromada_id = $1 AND pl.review_on < $2::date AND k.status <> 'closed'
       GROUP BY k.manager_id
     )
     SELECT m.manager_id, u.display_name AS manager_name, m.by_status, m.total,
       coalesce(o.n, 0) AS overdue_reviews, coalesce(o.hidden, 0) AS overdue_hidden
     FROM per_manager m JOIN users u ON u.id = m.manager_id LEFT JOIN overdue o ON o.manager_id = m.manager_id
     ORDER BY m.total DESC, overdue_reviews DESC, u.display_name COLLATE "uk-UA-x-icu"`,
    [hromadaId, today, viewerId],
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

/** Cases of the hromada per type and status (closed ones too), with the type's name and whether it is restricted. */
export interface TypeStatusCount {
  type_code: string;
  name_uk: string;
  name_en: string;
  restricted: boolean;
  status: CaseStatus;
  n: number;
}

export async function casesByTypeAndStatus(c: Queryable, hromadaId: number): Promise<TypeStatusCount[]> {
  const { rows } = await c.query<TypeStatusCount>(
    `SELECT k.type_code, ty.name_uk, ty.name_en, ty.restricted, k.status, count(*)::int AS n
     FROM cases k JOIN case_types ty ON ty.code = k.type_code AND (ty.hromada_id IS NULL OR ty.hromada_id = k.hromada_id)
     WHERE k.hromada_id = $1
     GROUP BY k.type_code, ty.name_uk, ty.name_en, ty.restricted, ty.sort, k.status
     ORDER BY ty.sort, ty.name_uk COLLATE "uk-UA-x-icu"`,
    [hromadaId],
  );
  return rows;
}
