import type { Queryable } from '../../platform/db.js';
import {
  DEFAULT_INTERVALS,
  type CareForm,
  type CareIntervals,
  type CareStage,
  type EndReason,
  type VisitKind,
} from './care-rules.js';

const D = (column: string, as = column.replace(/^\w+\./, '')) => `to_char(${column}, 'YYYY-MM-DD') AS ${as}`;

/** The last visit (or review) of placement `p`, or the day of the placement. */
const LAST = (kind: 'visit' | 'review') =>
  `COALESCE((SELECT max(v.held_on) FROM care_visits v WHERE v.hromada_id = p.hromada_id AND v.placement_id = p.id
    AND v.kind = '${kind}'), p.placed_on)`;

/**
 * Whether current placement `p` of family `f` is overdue on the day `$today`: its visit (intervals `$visit`, patronat
 * `$patronat`), its review (`$review`), or its patronat term. The placeholders are the caller's parameter numbers.
 */
const OVERDUE = (visit: number, patronat: number, review: number, today: number) =>
  `(${LAST('visit')} + CASE WHEN f.form = 'patronat' THEN $${patronat}::int ELSE $${visit}::int END < $${today}::date
    OR ${LAST('review')} + $${review}::int < $${today}::date OR p.until_on < $${today}::date)`;

/** The hromada's intervals of visits and reviews (the defaults when it has set none). */
export async function careIntervals(c: Queryable, hromadaId: number): Promise<CareIntervals> {
  const { rows } = await c.query<{ visit_days: number; patronat_visit_days: number; review_days: number }>(
    'SELECT visit_days, patronat_visit_days, review_days FROM care_settings WHERE hromada_id = $1',
    [hromadaId],
  );
  const r = rows[0];
  return r
    ? { visitDays: r.visit_days, patronatVisitDays: r.patronat_visit_days, reviewDays: r.review_days }
    : { ...DEFAULT_INTERVALS };
}

export async function saveCareIntervals(c: Queryable, hromadaId: number, i: CareIntervals): Promise<void> {
  await c.query(
    `INSERT INTO care_settings (hromada_id, visit_days, patronat_visit_days, review_days) VALUES ($1, $2, $3, $4)
     ON CONFLICT (hromada_id) DO UPDATE SET visit_days = $2, patronat_visit_days = $3, review_days = $4, updated_at = now()`,
    [hromadaId, i.visitDays, i.patronatVisitDays, i.reviewDays],
  );
}

export interface CareFamilyRow {
  household_id: string;
  form: CareForm;
  stage: CareStage;
  capacity: number;
  note: string | null;
  training_course: string | null;
  training_hours: number | null;
  trained_on: string | null;
  certificate: string | null;
  assessed_on: string | null;
  assessment: 'positive' | 'negative' | null;
  assessment_note: string | null;
  decided_on: string | null;
  decision: 'approved' | 'refused' | null;
  decision_number: string | null;
  decision_body: string | null;
  closed_on: string | null;
  close_reason: string | null;
  registered_on: string;
  /** The head of the household: the carer (прийомні батьки, батьки-вихователі, патронатний вихователь, опікун). */
  head_person_id: string | null;
  head_name: string | null;
  /** Children placed now. */
  placed: number;
}

const SELECT_FAMILY = `SELECT f.household_id, f.form, f.stage, f.capacity, f.note, f.training_course, f.training_hours,
    ${D('f.trained_on')}, f.certificate, ${D('f.assessed_on')}, f.assessment, f.assessment_note, ${D('f.decided_on')},
    f.decision, f.decision_number, f.decision_body, ${D('f.closed_on')}, f.close_reason,
    to_char(f.created_at AT TIME ZONE 'Europe/Kyiv', 'YYYY-MM-DD') AS registered_on, h.head_person_id,
    concat_ws(' ', hp.last_name, hp.first_name, hp.patronymic) AS head_name,
    (SELECT count(*)::int FROM care_placements p
      WHERE p.hromada_id = f.hromada_id AND p.household_id = f.household_id AND p.ended_on IS NULL) AS placed
  FROM care_families f
    JOIN households h ON h.hromada_id = f.hromada_id AND h.id = f.household_id
    LEFT JOIN persons hp ON hp.id = h.head_person_id`;

/** A household's registration as a family form of care (locked for an update when `lock`). */
export async function loadCareFamily(
  c: Queryable,
  hromadaId: number,
  householdId: string,
  lock = false,
): Promise<CareFamilyRow | null> {
  const { rows } = await c.query<CareFamilyRow>(
    `${SELECT_FAMILY} WHERE f.hromada_id = $1 AND f.household_id = $2${lock ? ' FOR UPDATE OF f' : ''}`,
    [hromadaId, householdId],
  );
  return rows[0] ?? null;
}

export async function insertCareFamily(
  c: Queryable,
  f: { hromadaId: number; householdId: string; form: CareForm; capacity: number; note: string | null; by: string },
): Promise<void> {
  await c.query(
    `INSERT INTO care_families (hromada_id, household_id, form, capacity, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [f.hromadaId, f.householdId, f.form, f.capacity, f.note, f.by],
  );
}

/** One step of the candidates' path: the columns it sets (the names are this module's, never the user's). */
export type CandidateStep =
  | { step: 'training'; course: string; hours: number; on: string; certificate: string | null }
  | { step: 'assessment'; on: string; assessment: 'positive' | 'negative'; note: string | null }
  | {
      step: 'decision';
      on: string;
      decision: 'approved' | 'refused';
      number: string;
      body: string;
      stage: CareStage;
    };

export async function saveCandidateStep(
  c: Queryable,
  hromadaId: number,
  householdId: string,
  s: CandidateStep,
): Promise<void> {
  const [set, values] =
    s.step === 'training'
      ? [
          'training_course = $3, training_hours = $4, trained_on = $5, certificate = $6',
          [s.course, s.hours, s.on, s.certificate],
        ]
      : s.step === 'assessment'
        ? ['assessed_on = $3, assessment = $4, assessment_note = $5', [s.on, s.assessment, s.note]]
        : [
            'decided_on = $3, decision = $4, decision_number = $5, decision_body = $6, stage = $7',
            [s.on, s.decision, s.number, s.body, s.stage],
          ];
  await c.query(
    `UPDATE care_families SET ${set}, version = version + 1, updated_at = now() WHERE hromada_id = $1 AND household_id = $2`,
    [hromadaId, householdId, ...values],
  );
}

export async function setCapacity(c: Queryable, hromadaId: number, householdId: string, capacity: number) {
  await c.query(
    `UPDATE care_families SET capacity = $3, version = version + 1, updated_at = now()
     WHERE hromada_id = $1 AND household_id = $2`,
    [hromadaId, householdId, capacity],
  );
}

export async function closeCareFamilyRow(
  c: Queryable,
  hromadaId: number,
  householdId: string,
  on: string,
  reason: string,
): Promise<void> {
  await c.query(
    `UPDATE care_families SET stage = 'closed', closed_on = $3, close_reason = $4, version = version + 1, updated_at = now()
     WHERE hromada_id = $1 AND household_id = $2`,
    [hromadaId, householdId, on, reason],
  );
}

export interface CareListFilter {
  form: CareForm | null;
  stage: CareStage | null;
  overdueOnly: boolean;
}
export type CareListRow = CareFamilyRow & { overdue: number };

/**
 * A page of the hromada's family forms and candidates: those with an overdue visit or review first, then by the
 * carer's name (Ukrainian order), with how many of their placements are overdue.
 */
export async function careFamiliesPage(
  c: Queryable,
  hromadaId: number,
  f: CareListFilter,
  i: CareIntervals,
  today: string,
  limit: number,
  offset: number,
): Promise<{ rows: CareListRow[]; total: number }> {
  const overdue = `(SELECT count(*)::int FROM care_placements p
      WHERE p.hromada_id = f.hromada_id AND p.household_id = f.household_id AND p.ended_on IS NULL AND ${OVERDUE(4, 5, 6, 7)})`;
  const where = `f.hromada_id = $1 AND ($2::text IS NULL OR f.form = $2) AND ($3::text IS NULL OR f.stage = $3)`;
  const params = [hromadaId, f.form, f.stage, i.visitDays, i.patronatVisitDays, i.reviewDays, today];
  const { rows } = await c.query<CareListRow>(
    `SELECT * FROM (${SELECT_FAMILY.replace('SELECT ', `SELECT ${overdue} AS overdue, `)} WHERE ${where}) x
     WHERE NOT $8::boolean OR x.overdue > 0
     ORDER BY x.overdue > 0 DESC, x.stage = 'closed' OR x.stage = 'refused', x.head_name COLLATE "uk-UA-x-icu", x.household_id
     LIMIT $9 OFFSET $10`,
    [...params, f.overdueOnly, limit, offset],
  );
  const total = await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT ${overdue} AS overdue FROM care_families f WHERE ${where}) x
     WHERE NOT $8::boolean OR x.overdue > 0`,
    [...params, f.overdueOnly],
  );
  return { rows, total: total.rows[0].n };
}

export interface PlacementRow {
  id: string;
  household_id: string;
  form: CareForm;
  child_id: string;
  child_name: string;
  child_birth_date: string | null;
  case_id: string;
  case_number: string;
  placed_on: string;
  basis: string;
  until_on: string | null;
  extended_reason: string | null;
  ended_on: string | null;
  end_reason: EndReason | null;
  end_note: string | null;
  last_visit: string | null;
  last_review: string | null;
}

const SELECT_PLACEMENT = `SELECT p.id, p.household_id, f.form, p.child_id,
    concat_ws(' ', ch.last_name, ch.first_name, ch.patronymic) AS child_name, ${D('ch.birth_date', 'child_birth_date')},
    p.case_id, k.number AS case_number, ${D('p.placed_on')}, p.basis, ${D('p.until_on')}, p.extended_reason,
    ${D('p.ended_on')}, p.end_reason, p.end_note,
    (SELECT to_char(max(v.held_on), 'YYYY-MM-DD') FROM care_visits v
      WHERE v.hromada_id = p.hromada_id AND v.placement_id = p.id AND v.kind = 'visit') AS last_visit,
    (SELECT to_char(max(v.held_on), 'YYYY-MM-DD') FROM care_visits v
      WHERE v.hromada_id = p.hromada_id AND v.placement_id = p.id AND v.kind = 'review') AS last_review
  FROM care_placements p
    JOIN care_families f ON f.hromada_id = p.hromada_id AND f.household_id = p.household_id
    JOIN persons ch ON ch.hromada_id = p.hromada_id AND ch.id = p.child_id
    JOIN cases k ON k.hromada_id = p.hromada_id AND k.id = p.case_id`;

/** A family's placements: current ones first (oldest placement first), then the ended ones, latest first. */
export async function familyPlacements(c: Queryable, hromadaId: number, householdId: string): Promise<PlacementRow[]> {
  const { rows } = await c.query<PlacementRow>(
    `${SELECT_PLACEMENT} WHERE p.hromada_id = $1 AND p.household_id = $2
     ORDER BY p.ended_on IS NOT NULL, CASE WHEN p.ended_on IS NULL THEN p.placed_on END, p.ended_on DESC, p.id`,
    [hromadaId, householdId],
  );
  return rows;
}

export async function loadPlacement(
  c: Queryable,
  hromadaId: number,
  id: string,
  lock = false,
): Promise<PlacementRow | null> {
  const { rows } = await c.query<PlacementRow>(
    `${SELECT_PLACEMENT} WHERE p.hromada_id = $1 AND p.id = $2${lock ? ' FOR UPDATE OF p' : ''}`,
    [hromadaId, id],
  );
  return rows[0] ?? null;
}

/** The placement a case was opened for (the case page's section). */
export async function placementOfCase(c: Queryable, hromadaId: number, caseId: string): Promise<PlacementRow | null> {
  const { rows } = await c.query<PlacementRow>(`${SELECT_PLACEMENT} WHERE p.hromada_id = $1 AND p.case_id = $2`, [
    hromadaId,
    caseId,
  ]);
  return rows[0] ?? null;
}

/** The family a child lives with now, if any. */
export async function currentPlacementOfChild(
  c: Queryable,
  hromadaId: number,
  childId: string,
): Promise<{ household_id: string } | null> {
  const { rows } = await c.query<{ household_id: string }>(
    'SELECT household_id FROM care_placements WHERE hromada_id = $1 AND child_id = $2 AND ended_on IS NULL',
    [hromadaId, childId],
  );
  return rows[0] ?? null;
}

export async function insertPlacement(
  c: Queryable,
  p: {
    hromadaId: number;
    householdId: string;
    childId: string;
    caseId: string;
    placedOn: string;
    basis: string;
    untilOn: string | null;
    by: string;
  },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO care_placements (hromada_id, household_id, child_id, case_id, placed_on, basis, until_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [p.hromadaId, p.householdId, p.childId, p.caseId, p.placedOn, p.basis, p.untilOn, p.by],
  );
  return rows[0].id;
}

export async function extendPlacementRow(c: Queryable, hromadaId: number, id: string, until: string, reason: string) {
  await c.query('UPDATE care_placements SET until_on = $3, extended_reason = $4 WHERE hromada_id = $1 AND id = $2', [
    hromadaId,
    id,
    until,
    reason,
  ]);
}

export async function endPlacementRow(
  c: Queryable,
  hromadaId: number,
  id: string,
  e: { on: string; reason: EndReason; note: string | null },
): Promise<void> {
  await c.query(
    'UPDATE care_placements SET ended_on = $3, end_reason = $4, end_note = $5 WHERE hromada_id = $1 AND id = $2',
    [hromadaId, id, e.on, e.reason, e.note],
  );
}

export interface CareVisitRow {
  placement_id: string;
  kind: VisitKind;
  held_on: string;
  findings: string;
  conclusion: 'continue' | 'support' | 'end' | null;
  author: string;
}

/** The visits and reviews of the placements, latest first. */
export async function placementVisits(
  c: Queryable,
  hromadaId: number,
  placementIds: string[],
): Promise<CareVisitRow[]> {
  if (!placementIds.length) return [];
  const { rows } = await c.query<CareVisitRow>(
    `SELECT v.placement_id, v.kind, ${D('v.held_on')}, v.findings, v.conclusion, u.display_name AS author
     FROM care_visits v JOIN users u ON u.id = v.created_by
     WHERE v.hromada_id = $1 AND v.placement_id = ANY($2::uuid[]) ORDER BY v.held_on DESC, v.created_at DESC`,
    [hromadaId, placementIds],
  );
  return rows;
}

export async function insertCareVisit(
  c: Queryable,
  v: {
    hromadaId: number;
    placementId: string;
    kind: VisitKind;
    heldOn: string;
    findings: string;
    conclusion: string | null;
    by: string;
  },
): Promise<void> {
  await c.query(
    `INSERT INTO care_visits (hromada_id, placement_id, kind, held_on, findings, conclusion, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [v.hromadaId, v.placementId, v.kind, v.heldOn, v.findings, v.conclusion, v.by],
  );
}

/** The counts the action plans report for a year (numbers only, no personal data). */
export interface CareCounts {
  /** Per form: families active at the end of the year (or today, for the current year), children placed with them then, families approved in the year, placements made in the year. */
  byForm: Record<CareForm, { active: number; children: number; approved: number; placements: number }>;
  /** Candidates who completed the training in the year. */
  trained: number;
  /** Candidates waiting for a decision now. */
  candidates: number;
}

export async function careCounts(c: Queryable, hromadaId: number, year: number, asOf: string): Promise<CareCounts> {
  const from = `${year}-01-01`;
  const { rows } = await c.query<{
    form: CareForm;
    active: number;
    children: number;
    approved: number;
    placements: number;
  }>(
    `SELECT f.form,
       count(*) FILTER (WHERE f.decision = 'approved' AND f.decided_on <= $3 AND (f.closed_on IS NULL OR f.closed_on > $3))::int AS active,
       COALESCE(sum((SELECT count(*) FROM care_placements p WHERE p.hromada_id = f.hromada_id AND p.household_id = f.household_id
         AND p.placed_on <= $3 AND (p.ended_on IS NULL OR p.ended_on > $3))), 0)::int AS children,
       count(*) FILTER (WHERE f.decision = 'approved' AND f.decided_on BETWEEN $2 AND $3)::int AS approved,
       COALESCE(sum((SELECT count(*) FROM care_placements p WHERE p.hromada_id = f.hromada_id AND p.household_id = f.household_id
         AND p.placed_on BETWEEN $2 AND $3)), 0)::int AS placements
     FROM care_families f WHERE f.hromada_id = $1 GROUP BY f.form`,
    [hromadaId, from, asOf],
  );
  const zero = { active: 0, children: 0, approved: 0, placements: 0 };
  const byForm = { foster: { ...zero }, family_home: { ...zero }, patronat: { ...zero }, guardian: { ...zero } };
  for (const r of rows)
    byForm[r.form] = { active: r.active, children: r.children, approved: r.approved, placements: r.placements };
  const other = await c.query<{ trained: number; candidates: number }>(
    `SELECT count(*) FILTER (WHERE trained_on BETWEEN $2 AND $3)::int AS trained,
       count(*) FILTER (WHERE stage = 'candidate')::int AS candidates
     FROM care_families WHERE hromada_id = $1`,
    [hromadaId, from, asOf],
  );
  return { byForm, ...other.rows[0] };
}

/** Current placements with a visit or review overdue, or a patronat term passed (the staff home's counter). */
export async function countOverduePlacements(
  c: Queryable,
  hromadaId: number,
  i: CareIntervals,
  today: string,
): Promise<number> {
  const { rows } = await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM care_placements p
       JOIN care_families f ON f.hromada_id = p.hromada_id AND f.household_id = p.household_id
     WHERE p.hromada_id = $1 AND p.ended_on IS NULL AND ${OVERDUE(2, 3, 4, 5)}`,
    [hromadaId, i.visitDays, i.patronatVisitDays, i.reviewDays, today],
  );
  return rows[0].n;
}
