import type { PoolClient } from 'pg';
import { DEFAULT_QUESTIONS, DOMAINS, type Domain } from './maturity.template.js';

export interface QuestionRow {
  id: string;
  domain: Domain;
  text: string;
  position: number;
  active: boolean;
}

/** The hromada's questionnaire; the first time, the default questions are put in. */
export async function questions(c: PoolClient, hromadaId: number): Promise<QuestionRow[]> {
  const q = () =>
    c.query<QuestionRow>(
      `SELECT id, domain, text, position, active FROM maturity_questions WHERE hromada_id = $1
       ORDER BY array_position($2::text[], domain), position, id`,
      [hromadaId, DOMAINS],
    );
  const r = await q();
  if (r.rows.length) return r.rows;
  const entries = DOMAINS.flatMap((d) => DEFAULT_QUESTIONS[d].map((text, i) => ({ d, text, i })));
  await c.query(
    `INSERT INTO maturity_questions (hromada_id, domain, text, position)
     SELECT $1, d, t, p FROM unnest($2::text[], $3::text[], $4::int[]) AS u(d, t, p)`,
    [hromadaId, entries.map((e) => e.d), entries.map((e) => e.text), entries.map((e) => e.i + 1)],
  );
  return (await q()).rows;
}

export async function addQuestion(c: PoolClient, hromadaId: number, domain: Domain, text: string, userId: string) {
  return (
    await c.query<{ id: string }>(
      `INSERT INTO maturity_questions (hromada_id, domain, text, position, created_by)
       SELECT $1, $2, $3, coalesce(max(position), 0) + 1, $4 FROM maturity_questions WHERE hromada_id = $1 AND domain = $2
       RETURNING id`,
      [hromadaId, domain, text, userId],
    )
  ).rows[0].id;
}

export async function loadQuestion(c: PoolClient, hromadaId: number, id: string) {
  return (
    await c.query<QuestionRow>(
      'SELECT id, domain, text, position, active FROM maturity_questions WHERE hromada_id = $1 AND id = $2 FOR UPDATE',
      [hromadaId, id],
    )
  ).rows[0];
}

export async function updateQuestion(c: PoolClient, hromadaId: number, id: string, text: string, active: boolean) {
  await c.query('UPDATE maturity_questions SET text = $3, active = $4 WHERE hromada_id = $1 AND id = $2', [
    hromadaId,
    id,
    text,
    active,
  ]);
}

export interface InstitutionRow {
  id: number;
  name: string;
  assessments: {
    id: string;
    year: number;
    status: 'draft' | 'submitted';
    scores: { domain: Domain; score: number }[];
  }[];
}

/** Domain means of an assessment's answers, as `{domain, score}` where score is the mean 0–4. */
const DOMAIN_MEANS = `coalesce((SELECT json_agg(json_build_object('domain', x.domain, 'score', x.mean)) FROM (
    SELECT q.domain, avg(an.score)::float AS mean FROM maturity_answers an
    JOIN maturity_questions q ON q.hromada_id = an.hromada_id AND q.id = an.question_id
    WHERE an.hromada_id = a.hromada_id AND an.assessment_id = a.id GROUP BY q.domain) x), '[]')`;

/**
 * The hromada's active institutions with their assessments by year (newest first) and domain means; with `agencyId`,
 * that one institution only (active or not: its earlier years stay readable).
 */
export async function institutions(
  c: PoolClient,
  hromadaId: number,
  agencyId: number | null = null,
): Promise<InstitutionRow[]> {
  return (
    await c.query<InstitutionRow>(
      `SELECT g.id, g.name, coalesce((SELECT json_agg(json_build_object('id', a.id, 'year', a.year, 'status', a.status,
         'scores', ${DOMAIN_MEANS}) ORDER BY a.year DESC) FROM maturity_assessments a
         WHERE a.hromada_id = g.hromada_id AND a.agency_id = g.id), '[]') AS assessments
       FROM agencies g WHERE g.hromada_id = $1 AND ($2::int IS NULL AND g.active OR g.id = $2)
       ORDER BY g.name COLLATE "uk-UA-x-icu", g.id`,
      [hromadaId, agencyId],
    )
  ).rows;
}

export async function loadAgency(c: PoolClient, hromadaId: number, id: number) {
  return (
    await c.query<{ id: number; name: string }>(
      'SELECT id, name FROM agencies WHERE hromada_id = $1 AND id = $2 AND active',
      [hromadaId, id],
    )
  ).rows[0];
}

/** The institution's assessment of the year, made now if there is none; returns its id. */
export async function ensureAssessment(
  c: PoolClient,
  hromadaId: number,
  agencyId: number,
  year: number,
  userId: string,
) {
  await c.query(
    `INSERT INTO maturity_assessments (hromada_id, agency_id, year, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (hromada_id, agency_id, year) DO NOTHING`,
    [hromadaId, agencyId, year, userId],
  );
  return (
    await c.query<{ id: string }>(
      'SELECT id FROM maturity_assessments WHERE hromada_id = $1 AND agency_id = $2 AND year = $3',
      [hromadaId, agencyId, year],
    )
  ).rows[0].id;
}

export interface AssessmentRow {
  id: string;
  agency_id: number;
  agency_name: string;
  year: number;
  status: 'draft' | 'submitted';
  submitted_at: Date | null;
  submitted_by_name: string | null;
  updated_at: Date;
}

export async function loadAssessment(c: PoolClient, hromadaId: number, id: string, lock = false) {
  return (
    await c.query<AssessmentRow>(
      `SELECT a.id, a.agency_id, g.name AS agency_name, a.year, a.status, a.submitted_at, u.display_name AS submitted_by_name,
         a.updated_at
       FROM maturity_assessments a JOIN agencies g ON g.id = a.agency_id LEFT JOIN users u ON u.id = a.submitted_by
       WHERE a.hromada_id = $1 AND a.id = $2 ${lock ? 'FOR UPDATE OF a' : ''}`,
      [hromadaId, id],
    )
  ).rows[0];
}

export async function answers(c: PoolClient, hromadaId: number, assessmentId: string) {
  return (
    await c.query<{ question_id: string; score: number; comment: string | null }>(
      'SELECT question_id, score, comment FROM maturity_answers WHERE hromada_id = $1 AND assessment_id = $2',
      [hromadaId, assessmentId],
    )
  ).rows;
}

/** Replaces the assessment's answers and marks it changed (and submitted, when asked). */
export async function saveAnswers(
  c: PoolClient,
  hromadaId: number,
  assessmentId: string,
  list: { questionId: string; score: number; comment: string | null }[],
  submitBy: string | null,
) {
  await c.query('DELETE FROM maturity_answers WHERE hromada_id = $1 AND assessment_id = $2', [hromadaId, assessmentId]);
  await c.query(
    `INSERT INTO maturity_answers (hromada_id, assessment_id, question_id, score, comment)
     SELECT $1, $2, q, s, cm FROM unnest($3::bigint[], $4::int[], $5::text[]) AS u(q, s, cm)`,
    [hromadaId, assessmentId, list.map((a) => a.questionId), list.map((a) => a.score), list.map((a) => a.comment)],
  );
  await c.query(
    `UPDATE maturity_assessments SET updated_at = now(),
       status = CASE WHEN $3::uuid IS NULL THEN status ELSE 'submitted' END,
       submitted_by = coalesce($3::uuid, submitted_by), submitted_at = CASE WHEN $3::uuid IS NULL THEN submitted_at ELSE now() END
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, assessmentId, submitBy],
  );
}
