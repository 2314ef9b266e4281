import type { Queryable } from '../../platform/db.js';
import type { FileType } from '../cabinet/cabinet.files.js';
import type { SupervisionKind } from './staffdev-rules.js';

/**
 * Who is a staff member of the hromada here: a staff account with a grant in it that names an agency (a provider's
 * staff) or is of a social-work role at the hromada level (social workers, the children's service, managers).
 * `$agencies` (an array, or null for all) narrows them to those agencies' staff — a provider's reach.
 */
const MEMBER_GRANTS = `g.hromada_id = $1 AND u.kind = 'staff'
  AND (g.agency_id IS NOT NULL OR g.role IN ('worker', 'children', 'manager'))
  AND ($2::int[] IS NULL OR g.agency_id = ANY($2::int[]))`;

export interface StaffMemberRow {
  id: string;
  display_name: string;
  active: boolean;
  /** The agencies of the member's grants in the hromada (within the reader's reach); empty: the hromada's own staff. */
  agency_ids: number[];
  agencies: string[];
}

const MEMBER_COLUMNS = `u.id, u.display_name, u.active,
  coalesce(array_agg(DISTINCT g.agency_id) FILTER (WHERE g.agency_id IS NOT NULL), '{}') AS agency_ids,
  coalesce(array_agg(DISTINCT a.name) FILTER (WHERE a.name IS NOT NULL), '{}') AS agencies`;

/** One staff member of the hromada within the reach `agencies` (null: all), or null. */
export async function loadStaffMember(
  c: Queryable,
  hromadaId: number,
  agencies: number[] | null,
  userId: string,
): Promise<StaffMemberRow | null> {
  const { rows } = await c.query<StaffMemberRow>(
    `SELECT ${MEMBER_COLUMNS}
     FROM grants g JOIN users u ON u.id = g.user_id
     LEFT JOIN agencies a ON a.hromada_id = g.hromada_id AND a.id = g.agency_id
     WHERE ${MEMBER_GRANTS} AND u.id = $3
     GROUP BY u.id`,
    [hromadaId, agencies, userId],
  );
  return rows[0] ?? null;
}

export interface StaffListRow extends StaffMemberRow {
  position: string | null;
  training_hours: string;
  supervision_hours: string;
}

/** A page of the staff members by name (uk collation) with the year's training and supervision hours. */
export async function staffPage(
  c: Queryable,
  hromadaId: number,
  agencies: number[] | null,
  year: number,
  limit: number,
  offset: number,
): Promise<{ rows: StaffListRow[]; total: number }> {
  const { rows } = await c.query<StaffListRow>(
    `WITH m AS (
       SELECT ${MEMBER_COLUMNS}
       FROM grants g JOIN users u ON u.id = g.user_id
       LEFT JOIN agencies a ON a.hromada_id = g.hromada_id AND a.id = g.agency_id
       WHERE ${MEMBER_GRANTS}
       GROUP BY u.id)
     SELECT m.*,
       (SELECT q.position FROM staff_qualifications q WHERE q.hromada_id = $1 AND q.user_id = m.id
         ORDER BY q.position_since DESC NULLS LAST, q.created_at DESC LIMIT 1) AS position,
       (SELECT coalesce(sum(t.hours), 0)::text FROM staff_trainings t WHERE t.hromada_id = $1 AND t.user_id = m.id
         AND extract(year FROM t.trained_on) = $3) AS training_hours,
       (SELECT coalesce(sum(s.hours), 0)::text FROM staff_supervision_participants p
         JOIN staff_supervisions s ON s.hromada_id = p.hromada_id AND s.id = p.supervision_id
         WHERE p.hromada_id = $1 AND p.user_id = m.id AND extract(year FROM s.held_on) = $3) AS supervision_hours
     FROM m ORDER BY m.display_name COLLATE "uk-UA-x-icu", m.id LIMIT $4 OFFSET $5`,
    [hromadaId, agencies, year, limit, offset],
  );
  const total = await c.query<{ n: number }>(
    `SELECT count(DISTINCT u.id)::int AS n FROM grants g JOIN users u ON u.id = g.user_id WHERE ${MEMBER_GRANTS}`,
    [hromadaId, agencies],
  );
  return { rows, total: total.rows[0]?.n ?? 0 };
}

/** The staff members within reach, by name: the choices of a group session's participants. */
export async function staffChoices(
  c: Queryable,
  hromadaId: number,
  agencies: number[] | null,
): Promise<{ id: string; display_name: string }[]> {
  const { rows } = await c.query<{ id: string; display_name: string }>(
    `SELECT DISTINCT ON (u.display_name COLLATE "uk-UA-x-icu", u.id) u.id, u.display_name
     FROM grants g JOIN users u ON u.id = g.user_id
     WHERE ${MEMBER_GRANTS} AND u.active
     ORDER BY u.display_name COLLATE "uk-UA-x-icu", u.id`,
    [hromadaId, agencies],
  );
  return rows;
}

export interface QualificationRow {
  id: string;
  position: string;
  education: string;
  specialty: string;
  category: string | null;
  position_since: string | null;
  category_on: string | null;
}

export async function qualificationsOf(c: Queryable, hromadaId: number, userId: string): Promise<QualificationRow[]> {
  const { rows } = await c.query<QualificationRow>(
    `SELECT id, position, education, specialty, category, to_char(position_since, 'YYYY-MM-DD') AS position_since,
            to_char(category_on, 'YYYY-MM-DD') AS category_on
     FROM staff_qualifications WHERE hromada_id = $1 AND user_id = $2
     ORDER BY position_since DESC NULLS LAST, created_at DESC`,
    [hromadaId, userId],
  );
  return rows;
}

export interface QualificationData {
  position: string;
  education: string;
  specialty: string;
  category: string | null;
  positionSince: string | null;
  categoryOn: string | null;
}

export async function insertQualification(
  c: Queryable,
  hromadaId: number,
  userId: string,
  d: QualificationData,
  by: string,
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO staff_qualifications (hromada_id, user_id, position, education, specialty, category, position_since,
                                       category_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [hromadaId, userId, d.position, d.education, d.specialty, d.category, d.positionSince, d.categoryOn, by],
  );
  return rows[0]?.id ?? '';
}

export interface TrainingRow {
  id: string;
  course: string;
  organiser: string;
  hours: string;
  trained_on: string;
  certificate_number: string | null;
  file_name: string | null;
  content_type: FileType | null;
  storage_key: string | null;
}

const TRAINING_COLUMNS = `id, course, organiser, hours::text AS hours, to_char(trained_on, 'YYYY-MM-DD') AS trained_on,
  certificate_number, file_name, content_type, storage_key`;

export async function trainingsOf(
  c: Queryable,
  hromadaId: number,
  userId: string,
  year: number | null,
): Promise<TrainingRow[]> {
  const { rows } = await c.query<TrainingRow>(
    `SELECT ${TRAINING_COLUMNS} FROM staff_trainings
     WHERE hromada_id = $1 AND user_id = $2 AND ($3::int IS NULL OR extract(year FROM trained_on) = $3)
     ORDER BY trained_on DESC, created_at DESC`,
    [hromadaId, userId, year],
  );
  return rows;
}

export async function loadTraining(
  c: Queryable,
  hromadaId: number,
  userId: string,
  id: string,
): Promise<TrainingRow | null> {
  const { rows } = await c.query<TrainingRow>(
    `SELECT ${TRAINING_COLUMNS} FROM staff_trainings WHERE hromada_id = $1 AND user_id = $2 AND id = $3`,
    [hromadaId, userId, id],
  );
  return rows[0] ?? null;
}

export interface TrainingData {
  course: string;
  organiser: string;
  hours: number;
  trainedOn: string;
  certificateNumber: string | null;
  file: { name: string; type: FileType; size: number; sha256: string; key: string } | null;
}

export async function insertTraining(
  c: Queryable,
  hromadaId: number,
  userId: string,
  d: TrainingData,
  by: string,
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO staff_trainings (hromada_id, user_id, course, organiser, hours, trained_on, certificate_number,
                                  file_name, content_type, size, sha256, storage_key, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      hromadaId,
      userId,
      d.course,
      d.organiser,
      d.hours,
      d.trainedOn,
      d.certificateNumber,
      d.file?.name ?? null,
      d.file?.type ?? null,
      d.file?.size ?? null,
      d.file?.sha256 ?? null,
      d.file?.key ?? null,
      by,
    ],
  );
  return rows[0]?.id ?? '';
}

export interface SupervisionRow {
  id: string;
  kind: SupervisionKind;
  supervisor: string;
  held_on: string;
  hours: string;
  topics: string;
  participant_ids: string[];
  participants: string[];
}

const SUPERVISION_SELECT = `SELECT s.id, s.kind, s.supervisor, to_char(s.held_on, 'YYYY-MM-DD') AS held_on,
    s.hours::text AS hours, s.topics,
    ARRAY(SELECT p.user_id FROM staff_supervision_participants p JOIN users u ON u.id = p.user_id
          WHERE p.hromada_id = s.hromada_id AND p.supervision_id = s.id
          ORDER BY u.display_name COLLATE "uk-UA-x-icu", u.id)::text[] AS participant_ids,
    ARRAY(SELECT u.display_name FROM staff_supervision_participants p JOIN users u ON u.id = p.user_id
          WHERE p.hromada_id = s.hromada_id AND p.supervision_id = s.id
          ORDER BY u.display_name COLLATE "uk-UA-x-icu", u.id) AS participants
  FROM staff_supervisions s`;

/** The sessions a staff member took part in (of a year, or all), newest first. */
export async function supervisionsOf(
  c: Queryable,
  hromadaId: number,
  userId: string,
  year: number | null,
): Promise<SupervisionRow[]> {
  const { rows } = await c.query<SupervisionRow>(
    `${SUPERVISION_SELECT}
     WHERE s.hromada_id = $1 AND ($3::int IS NULL OR extract(year FROM s.held_on) = $3)
       AND EXISTS (SELECT 1 FROM staff_supervision_participants p
                   WHERE p.hromada_id = s.hromada_id AND p.supervision_id = s.id AND p.user_id = $2)
     ORDER BY s.held_on DESC, s.created_at DESC`,
    [hromadaId, userId, year],
  );
  return rows;
}

/** One session the member took part in, or null. */
export async function loadSupervision(
  c: Queryable,
  hromadaId: number,
  userId: string,
  id: string,
): Promise<SupervisionRow | null> {
  const rows = (await supervisionsOf(c, hromadaId, userId, null)).filter((s) => s.id === id);
  return rows[0] ?? null;
}

export interface SupervisionData {
  kind: SupervisionKind;
  supervisor: string;
  heldOn: string;
  hours: number;
  topics: string;
}

export async function insertSupervision(
  c: Queryable,
  hromadaId: number,
  d: SupervisionData,
  participants: string[],
  by: string,
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO staff_supervisions (hromada_id, kind, supervisor, held_on, hours, topics, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [hromadaId, d.kind, d.supervisor, d.heldOn, d.hours, d.topics, by],
  );
  const id = rows[0]?.id ?? '';
  await c.query(
    `INSERT INTO staff_supervision_participants (hromada_id, supervision_id, user_id)
     SELECT $1, $2, u FROM unnest($3::uuid[]) u`,
    [hromadaId, id, participants],
  );
  return id;
}

export type RecordKind = 'qualification' | 'training' | 'supervision';

const TABLE: Record<RecordKind, string> = {
  qualification: 'staff_qualifications',
  training: 'staff_trainings',
  supervision: 'staff_supervisions',
};

export async function deleteRecord(c: Queryable, hromadaId: number, kind: RecordKind, id: string): Promise<boolean> {
  const { rowCount } = await c.query(`DELETE FROM ${TABLE[kind]} WHERE hromada_id = $1 AND id = $2`, [hromadaId, id]);
  return (rowCount ?? 0) > 0;
}

export interface FigureRow {
  agency_id: number | null;
  agency: string | null;
  trained: number;
  supervised: number;
  sessions: number;
  training_hours: string;
  supervision_hours: string;
}

/**
 * The plans' figures of a year by provider (an agency, or null: the hromada's own staff): the specialists who
 * completed a training (distinct, at least one in the year), those who received supervision support, the sessions,
 * the training hours and the supervision hours (a session's hours once for each participant). `total` counts a person
 * with grants at two agencies once.
 */
export async function figuresOf(
  c: Queryable,
  hromadaId: number,
  agencies: number[] | null,
  year: number,
): Promise<{ rows: FigureRow[]; total: Omit<FigureRow, 'agency_id' | 'agency'> }> {
  const base = `WITH m AS (
      SELECT DISTINCT u.id AS user_id, g.agency_id FROM grants g JOIN users u ON u.id = g.user_id WHERE ${MEMBER_GRANTS}),
    tr AS (SELECT t.user_id, t.hours FROM staff_trainings t
      WHERE t.hromada_id = $1 AND extract(year FROM t.trained_on) = $3),
    su AS (SELECT p.user_id, s.id, s.hours FROM staff_supervision_participants p
      JOIN staff_supervisions s ON s.hromada_id = p.hromada_id AND s.id = p.supervision_id
      WHERE p.hromada_id = $1 AND extract(year FROM s.held_on) = $3)`;
  const { rows } = await c.query<FigureRow>(
    `${base}, g AS (SELECT DISTINCT agency_id FROM m)
     SELECT g.agency_id, a.name AS agency,
       (SELECT count(DISTINCT tr.user_id)::int FROM tr JOIN m USING (user_id) WHERE m.agency_id IS NOT DISTINCT FROM g.agency_id) AS trained,
       (SELECT count(DISTINCT su.user_id)::int FROM su JOIN m USING (user_id) WHERE m.agency_id IS NOT DISTINCT FROM g.agency_id) AS supervised,
       (SELECT count(DISTINCT su.id)::int FROM su JOIN m USING (user_id) WHERE m.agency_id IS NOT DISTINCT FROM g.agency_id) AS sessions,
       (SELECT coalesce(sum(tr.hours), 0)::text FROM tr JOIN m USING (user_id) WHERE m.agency_id IS NOT DISTINCT FROM g.agency_id) AS training_hours,
       (SELECT coalesce(sum(su.hours), 0)::text FROM su JOIN m USING (user_id) WHERE m.agency_id IS NOT DISTINCT FROM g.agency_id) AS supervision_hours
     FROM g LEFT JOIN agencies a ON a.hromada_id = $1 AND a.id = g.agency_id
     ORDER BY g.agency_id IS NOT NULL, a.name COLLATE "uk-UA-x-icu", g.agency_id`,
    [hromadaId, agencies, year],
  );
  // Totals over distinct people: one with grants at two agencies counts once, as do their trainings and sessions.
  const total = await c.query<Omit<FigureRow, 'agency_id' | 'agency'>>(
    `${base}, mu AS (SELECT DISTINCT user_id FROM m)
     SELECT (SELECT count(DISTINCT tr.user_id)::int FROM tr JOIN mu USING (user_id)) AS trained,
       (SELECT count(DISTINCT su.user_id)::int FROM su JOIN mu USING (user_id)) AS supervised,
       (SELECT count(DISTINCT su.id)::int FROM su JOIN mu USING (user_id)) AS sessions,
       (SELECT coalesce(sum(tr.hours), 0)::text FROM tr JOIN mu USING (user_id)) AS training_hours,
       (SELECT coalesce(sum(su.hours), 0)::text FROM su JOIN mu USING (user_id)) AS supervision_hours`,
    [hromadaId, agencies, year],
  );
  const t = total.rows[0] ?? { trained: 0, supervised: 0, sessions: 0, training_hours: '0', supervision_hours: '0' };
  return { rows, total: t };
}
