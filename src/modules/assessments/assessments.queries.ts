import type { Queryable } from '../../platform/db.js';
import type { Who } from '../../platform/policy.js';
import type { Answers, FormDefinition, ScoreResult } from './assessment-form.js';

/** A form as a hromada sees it: its own copy before the shared one of the same code; active as the hromada set it. */
export interface FormRow {
  id: string;
  hromada_id: number | null;
  code: string;
  name_uk: string;
  name_en: string;
  case_types: string[];
  latest_version: number;
  active: boolean;
}

const FORM_COLUMNS = `f.id, f.hromada_id, f.code, f.name_uk, f.name_en, f.case_types, f.latest_version,
  coalesce(s.active, f.active) AS active`;
const EFFECTIVE = `FROM assessment_forms f
  LEFT JOIN assessment_form_settings s ON s.hromada_id = $1 AND s.form_id = f.id
  WHERE (f.hromada_id = $1 OR f.hromada_id IS NULL)`;

/** Every form of the hromada (its own and the shared ones it has not copied), by name. */
export async function hromadaForms(c: Queryable, hromadaId: number): Promise<FormRow[]> {
  const { rows } = await c.query<FormRow>(
    `SELECT * FROM (SELECT DISTINCT ON (f.code) ${FORM_COLUMNS} ${EFFECTIVE} ORDER BY f.code, f.hromada_id NULLS LAST) x
     ORDER BY name_uk COLLATE "uk-UA-x-icu"`,
    [hromadaId],
  );
  return rows;
}

/** The hromada's form of this code (its own copy first). */
export async function formByCode(c: Queryable, hromadaId: number, code: string): Promise<FormRow | null> {
  const { rows } = await c.query<FormRow>(
    `SELECT ${FORM_COLUMNS} ${EFFECTIVE} AND f.code = $2 ORDER BY f.hromada_id NULLS LAST LIMIT 1`,
    [hromadaId, code],
  );
  return rows[0] ?? null;
}

export async function formDefinitionOf(c: Queryable, formId: string, version: number): Promise<FormDefinition | null> {
  const { rows } = await c.query<{ definition: FormDefinition }>(
    'SELECT definition FROM assessment_form_versions WHERE form_id = $1 AND version = $2',
    [formId, version],
  );
  return rows[0]?.definition ?? null;
}

export interface VersionRow {
  version: number;
  created_at: Date;
  created_by: string | null;
  /** How many of the hromada's assessments were filled with this version. */
  used: number;
}

export async function formVersions(c: Queryable, hromadaId: number, formId: string): Promise<VersionRow[]> {
  const { rows } = await c.query<VersionRow>(
    `SELECT v.version, v.created_at, u.display_name AS created_by,
       (SELECT count(*)::int FROM assessments a WHERE a.hromada_id = $1 AND a.form_id = v.form_id
          AND a.form_version = v.version) AS used
     FROM assessment_form_versions v LEFT JOIN users u ON u.id = v.created_by
     WHERE v.form_id = $2 ORDER BY v.version DESC`,
    [hromadaId, formId],
  );
  return rows;
}

/** The hromada's own copy of a shared form: the same code, names and case types; versions go on from the shared one's. */
export async function insertFormCopy(
  c: Queryable,
  f: { hromadaId: number; from: FormRow; version: number },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO assessment_forms (hromada_id, code, name_uk, name_en, case_types, active, latest_version, copied_from)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [f.hromadaId, f.from.code, f.from.name_uk, f.from.name_en, f.from.case_types, f.from.active, f.version, f.from.id],
  );
  return rows[0].id;
}

export async function insertFormVersion(
  c: Queryable,
  v: { hromadaId: number; formId: string; version: number; definition: FormDefinition; by: string },
): Promise<void> {
  await c.query(
    `INSERT INTO assessment_form_versions (form_id, version, hromada_id, definition, created_by)
     VALUES ($1, $2, $3, $4, $5)`,
    [v.formId, v.version, v.hromadaId, JSON.stringify(v.definition), v.by],
  );
}

/** The hromada's own form after a new version: its latest version, names and case types. */
export async function updateOwnForm(
  c: Queryable,
  f: { hromadaId: number; id: string; version: number; nameUk: string; nameEn: string; caseTypes: string[] },
): Promise<void> {
  await c.query(
    `UPDATE assessment_forms SET latest_version = $3, name_uk = $4, name_en = $5, case_types = $6, updated_at = now()
     WHERE hromada_id = $1 AND id = $2`,
    [f.hromadaId, f.id, f.version, f.nameUk, f.nameEn, f.caseTypes],
  );
}

/** Switches a form on or off for the hromada: its own form itself, a shared one by the hromada's setting. */
export async function setFormActive(c: Queryable, hromadaId: number, form: FormRow, active: boolean): Promise<void> {
  if (form.hromada_id === hromadaId) {
    await c.query('UPDATE assessment_forms SET active = $3, updated_at = now() WHERE hromada_id = $1 AND id = $2', [
      hromadaId,
      form.id,
      active,
    ]);
  } else {
    await c.query(
      `INSERT INTO assessment_form_settings (hromada_id, form_id, active) VALUES ($1, $2, $3)
       ON CONFLICT (hromada_id, form_id) DO UPDATE SET active = EXCLUDED.active`,
      [hromadaId, form.id, active],
    );
  }
}

// --- assessments of a case ---

export async function insertAssessment(
  c: Queryable,
  a: {
    hromadaId: number;
    caseId: string;
    formId: string;
    version: number;
    answers: Answers;
    scores: ScoreResult[];
    main: ScoreResult | null;
    completedOn: string;
    by: Who;
  },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO assessments (hromada_id, case_id, form_id, form_version, answers, scores, score, result_code,
       hours_per_week, completed_on, author_id, author_label)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      a.hromadaId,
      a.caseId,
      a.formId,
      a.version,
      JSON.stringify(a.answers),
      JSON.stringify(a.scores),
      a.main?.value ?? null,
      a.main?.band?.code ?? null,
      a.main?.band?.hoursPerWeek ?? null,
      a.completedOn,
      a.by.userId,
      a.by.displayName,
    ],
  );
  return rows[0].id;
}

export interface AssessmentRow {
  id: string;
  case_id: string;
  form_id: string;
  form_code: string;
  name_uk: string;
  name_en: string;
  form_version: number;
  status: 'completed';
  answers: Answers;
  scores: ScoreResult[];
  score: number | null;
  hours_per_week: string | null;
  completed_on: string;
  author_label: string;
}

const SELECT_ASSESSMENT = `SELECT a.id, a.case_id, a.form_id, f.code AS form_code, f.name_uk, f.name_en, a.form_version,
    a.status, a.answers, a.scores, a.score, a.hours_per_week::text, to_char(a.completed_on, 'YYYY-MM-DD') AS completed_on,
    a.author_label
  FROM assessments a JOIN assessment_forms f ON f.id = a.form_id`;

export async function caseAssessments(c: Queryable, hromadaId: number, caseId: string): Promise<AssessmentRow[]> {
  const { rows } = await c.query<AssessmentRow>(
    `${SELECT_ASSESSMENT} WHERE a.hromada_id = $1 AND a.case_id = $2 ORDER BY a.completed_at DESC LIMIT 100`,
    [hromadaId, caseId],
  );
  return rows;
}

export async function loadAssessment(
  c: Queryable,
  hromadaId: number,
  caseId: string,
  id: string,
): Promise<AssessmentRow | null> {
  const { rows } = await c.query<AssessmentRow>(
    `${SELECT_ASSESSMENT} WHERE a.hromada_id = $1 AND a.case_id = $2 AND a.id = $3`,
    [hromadaId, caseId, id],
  );
  return rows[0] ?? null;
}

// --- re-assessments (art. 22) ---

/** Days before a contract ends that the re-assessment is due: the hromada's setting, 30 by default. */
export async function reassessmentDays(c: Queryable, hromadaId: number): Promise<number> {
  const { rows } = await c.query<{ days: number }>(
    'SELECT reassessment_days AS days FROM assessment_settings WHERE hromada_id = $1',
    [hromadaId],
  );
  return rows[0]?.days ?? 30;
}

export async function setReassessmentDays(c: Queryable, hromadaId: number, days: number): Promise<void> {
  await c.query(
    `INSERT INTO assessment_settings (hromada_id, reassessment_days) VALUES ($1, $2)
     ON CONFLICT (hromada_id) DO UPDATE SET reassessment_days = EXCLUDED.reassessment_days`,
    [hromadaId, days],
  );
}

/**
 * The re-assessment of a plan item: one per item; a new end date moves it (and it is due again), the same one
 * changes nothing. Whether a row was written.
 */
export async function upsertReview(
  c: Queryable,
  r: { hromadaId: number; caseId: string; planItemId: string; endsOn: string; dueOn: string },
): Promise<boolean> {
  const { rowCount } = await c.query(
    `INSERT INTO assessment_reviews (hromada_id, case_id, plan_item_id, ends_on, due_on) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (hromada_id, plan_item_id) DO UPDATE
       SET ends_on = EXCLUDED.ends_on, due_on = EXCLUDED.due_on, scheduled_at = now(), done_assessment_id = NULL
       WHERE assessment_reviews.ends_on <> EXCLUDED.ends_on`,
    [r.hromadaId, r.caseId, r.planItemId, r.endsOn, r.dueOn],
  );
  return (rowCount ?? 0) > 0;
}

/** An assessment completed now fulfils the case's re-assessments scheduled before it. */
export async function markReviewsDone(
  c: Queryable,
  hromadaId: number,
  caseId: string,
  assessmentId: string,
): Promise<number> {
  const { rowCount } = await c.query(
    `UPDATE assessment_reviews SET done_assessment_id = $3
     WHERE hromada_id = $1 AND case_id = $2 AND done_assessment_id IS NULL AND scheduled_at <= now()`,
    [hromadaId, caseId, assessmentId],
  );
  return rowCount ?? 0;
}

export interface ReviewRow {
  id: string;
  due_on: string;
  ends_on: string;
  done_assessment_id: string | null;
}

/** The case's re-assessments: those still due first (soonest first), then the done ones. */
export async function caseReviews(c: Queryable, hromadaId: number, caseId: string): Promise<ReviewRow[]> {
  const { rows } = await c.query<ReviewRow>(
    `SELECT id, to_char(due_on, 'YYYY-MM-DD') AS due_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, done_assessment_id
     FROM assessment_reviews WHERE hromada_id = $1 AND case_id = $2
     ORDER BY done_assessment_id IS NOT NULL, due_on LIMIT 50`,
    [hromadaId, caseId],
  );
  return rows;
}
