import type { PoolClient } from 'pg';
import { personLinks } from './persons-merge.links.js';
import { SURNAME_EDITS_SQL } from '../persons/persons.queries.js';
import type { Moved } from './persons-merge.moves.js';

export interface PairRow {
  a_id: string; b_id: string; reasons: ('name' | 'document')[];
  a_name: string; b_name: string; a_birth: string | null; b_birth: string | null;
}

/**
 * Pairs of live persons that may be the same person: the same birth date and the same surname
 * (first name token or surname text), a surname one letter off, or at least two common name tokens; or the same document
 * number (keyed hash). Each pair once (a < b), ordered by surname.
 */
export async function listDuplicatePairs(c: PoolClient, hromadaId: number, limit: number, offset: number)
  : Promise<{ pairs: PairRow[]; total: number }> {
  const { rows } = await c.query<PairRow & { total: string }>(
    `WITH live AS (
       SELECT id, last_name, name_tokens, birth_date FROM persons WHERE hromada_id = $1 AND merged_into IS NULL),
     pairs AS (
       SELECT a.id AS a_id, b.id AS b_id, 'name' AS reason
       FROM live a JOIN live b ON b.birth_date = a.birth_date AND a.id < b.id
       WHERE a.birth_date IS NOT NULL AND (a.name_tokens[1] = b.name_tokens[1] OR lower(a.last_name) = lower(b.last_name)
         OR cardinality(ARRAY(SELECT unnest(a.name_tokens) INTERSECT SELECT unnest(b.name_tokens))) >= 2
         OR (length(a.name_tokens[1]) >= 3 AND ${SURNAME_EDITS_SQL('a.name_tokens[1]', 'b.name_tokens[1]')}))
       UNION ALL
       SELECT d1.person_id, d2.person_id, 'document'
       FROM person_documents d1 JOIN person_documents d2
         ON d2.hromada_id = d1.hromada_id AND d2.number_hash = d1.number_hash AND d1.person_id < d2.person_id
       JOIN live a ON a.id = d1.person_id JOIN live b ON b.id = d2.person_id
       WHERE d1.hromada_id = $1),
     grouped AS (SELECT a_id, b_id, array_agg(DISTINCT reason ORDER BY reason) AS reasons FROM pairs GROUP BY a_id, b_id)
     SELECT g.a_id, g.b_id, g.reasons, count(*) OVER () AS total,
       concat_ws(' ', a.last_name, a.first_name, a.patronymic) AS a_name, to_char(a.birth_date, 'YYYY-MM-DD') AS a_birth,
       concat_ws(' ', b.last_name, b.first_name, b.patronymic) AS b_name, to_char(b.birth_date, 'YYYY-MM-DD') AS b_birth
     FROM grouped g JOIN persons a ON a.id = g.a_id JOIN persons b ON b.id = g.b_id
     ORDER BY a.last_name COLLATE "uk-UA-x-icu", a.first_name COLLATE "uk-UA-x-icu", g.a_id, g.b_id
     LIMIT $2 OFFSET $3`, [hromadaId, limit, offset]);
  return { pairs: rows, total: rows[0] ? Number(rows[0].total) : 0 };
}

export interface CompareRow {
  id: string; last_name: string; first_name: string; patronymic: string | null; birth_date: string | null;
  sex: 'female' | 'male' | null; rnokpp_mask: string | null; rnokpp_absence: string | null; unzr_mask: string | null;
  phone: string | null; email: string | null; reg_address: string | null; act_address: string | null;
  district_name: string | null; death_date: string | null; merged_into: string | null; created_at: Date;
}

const ADDRESS = (p: 'reg' | 'act') =>
  `nullif(concat_ws(', ', (SELECT s.name FROM settlements s WHERE s.code = p.${p}_settlement_code), p.${p}_street, p.${p}_house,
     p.${p}_apartment), '')`;

/** One person for the side-by-side comparison (identifiers masked). */
export async function loadForCompare(c: PoolClient, hromadaId: number, id: string): Promise<CompareRow | null> {
  const { rows } = await c.query<CompareRow>(
    `SELECT p.id, p.last_name, p.first_name, p.patronymic, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.sex,
       p.rnokpp_mask, p.rnokpp_absence, p.unzr_mask, p.phone, p.email, ${ADDRESS('reg')} AS reg_address,
       ${ADDRESS('act')} AS act_address, d.name AS district_name, to_char(p.death_date, 'YYYY-MM-DD') AS death_date,
       p.merged_into, p.created_at
     FROM persons p LEFT JOIN districts d ON d.id = p.district_id WHERE p.id = $1 AND p.hromada_id = $2`, [id, hromadaId]);
  return rows[0] ?? null;
}

/** How many rows of each linked table point at the person. */
export async function linkCounts(c: PoolClient, hromadaId: number, id: string): Promise<Record<string, number>> {
  const links = personLinks();
  const sql = links.map((l, i) =>
    `(SELECT count(*) FROM ${l.table} WHERE hromada_id = $1 AND ${l.column} = $2) AS c${i}`).join(', ');
  const { rows } = await c.query<Record<string, string>>(`SELECT ${sql}`, [hromadaId, id]);
  return Object.fromEntries(links.map((l, i) => [`${l.table}.${l.column}`, Number(rows[0][`c${i}`])]));
}

export interface MergeRow {
  id: string; survivor_id: string; merged_id: string; merged_at: Date; undone_at: Date | null;
  merged_by_label: string | null; undone_by_label: string | null; survivor_name: string; merged_name: string;
  survivor_birth: string | null; moved: Moved;
}

const MERGE_COLUMNS = `m.id, m.survivor_id, m.merged_id, m.merged_at, m.undone_at, m.moved,
  ub.display_name AS merged_by_label, uu.display_name AS undone_by_label,
  concat_ws(' ', s.last_name, s.first_name, s.patronymic) AS survivor_name, to_char(s.birth_date, 'YYYY-MM-DD') AS survivor_birth,
  concat_ws(' ', x.last_name, x.first_name, x.patronymic) AS merged_name`;
const MERGE_FROM = `person_merges m JOIN persons s ON s.id = m.survivor_id JOIN persons x ON x.id = m.merged_id
  LEFT JOIN users ub ON ub.id = m.merged_by LEFT JOIN users uu ON uu.id = m.undone_by`;

/** Merges of the hromada, newest first. */
export async function listMerges(c: PoolClient, hromadaId: number, limit: number, offset: number)
  : Promise<{ merges: MergeRow[]; total: number }> {
  const { rows } = await c.query<MergeRow & { total: string }>(
    `SELECT ${MERGE_COLUMNS}, count(*) OVER () AS total FROM ${MERGE_FROM}
     WHERE m.hromada_id = $1 ORDER BY m.merged_at DESC, m.id LIMIT $2 OFFSET $3`, [hromadaId, limit, offset]);
  return { merges: rows, total: rows[0] ? Number(rows[0].total) : 0 };
}

export async function loadMerge(c: PoolClient, hromadaId: number, id: string): Promise<MergeRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await c.query<MergeRow>(`SELECT ${MERGE_COLUMNS} FROM ${MERGE_FROM} WHERE m.id = $1 AND m.hromada_id = $2`,
    [id, hromadaId]);
  return rows[0] ?? null;
}

/**
 * For the person card: the live record a merged record now lives on (following later merges),
 * or null when the record is not merged. Runs in the caller's tenant transaction (RLS).
 */
export async function mergedInto(c: PoolClient, id: string): Promise<{ survivorId: string; mergedAt: Date | null } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await c.query<{ id: string; merged_at: Date | null }>(
    `WITH RECURSIVE chain(id, next, depth) AS (
       SELECT p.id, p.merged_into, 0 FROM persons p WHERE p.id = $1
       UNION ALL
       SELECT p.id, p.merged_into, chain.depth + 1 FROM chain JOIN persons p ON p.id = chain.next WHERE chain.depth < 20)
     SELECT chain.id, (SELECT max(m.merged_at) FROM person_merges m WHERE m.merged_id = $1 AND m.undone_at IS NULL) AS merged_at
     FROM chain WHERE chain.next IS NULL AND chain.depth > 0`, [id]);
  return rows[0] ? { survivorId: rows[0].id, mergedAt: rows[0].merged_at } : null;
}
