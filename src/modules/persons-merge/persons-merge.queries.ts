import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { SURNAME_EDITS_SQL } from '../persons/persons.queries.js';
import { findLink, keyObject, type PersonLink } from './persons-merge.links.js';
import type { FilledField, PersonJson } from './persons-merge.fill.js';

export interface PairRow {
  a_id: string;
  b_id: string;
  reasons: ('name' | 'document')[];
  a_name: string;
  b_name: string;
  a_birth: string | null;
  b_birth: string | null;
}

/**
 * Pairs of live persons that may be the same person: the same birth date and the same surname
 * (first name token or surname text), a surname one letter off, or at least two common name tokens; or the same document
 * number (keyed hash). Each pair once (a < b), ordered by surname.
 */
export async function listDuplicatePairs(
  c: PoolClient,
  hromadaId: number,
  limit: number,
  offset: number,
): Promise<{ pairs: PairRow[]; total: number }> {
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
     LIMIT $2 OFFSET $3`,
    [hromadaId, limit, offset],
  );
  return { pairs: rows, total: rows[0] ? Number(rows[0].total) : 0 };
}

export interface CompareRow {
  id: string;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string | null;
  sex: 'female' | 'male' | null;
  rnokpp_mask: string | null;
  rnokpp_absence: string | null;
  unzr_mask: string | null;
  phone: string | null;
  email: string | null;
  reg_address: string | null;
  act_address: string | null;
  district_name: string | null;
  death_date: string | null;
  merged_into: string | null;
  created_at: Date;
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
     FROM persons p LEFT JOIN districts d ON d.id = p.district_id WHERE p.id = $1 AND p.hromada_id = $2`,
    [id, hromadaId],
  );
  return rows[0] ?? null;
}

/** How many rows of each linked table point at the person. */
export async function linkCounts(
  c: PoolClient,
  hromadaId: number,
  id: string,
  links: readonly PersonLink[],
): Promise<Record<string, number>> {
  const sql = links
    .map((l, i) => `(SELECT count(*) FROM ${l.table} WHERE hromada_id = $1 AND ${l.column} = $2) AS c${i}`)
    .join(', ');
  const { rows } = await c.query<Record<string, string>>(`SELECT ${sql}`, [hromadaId, id]);
  return Object.fromEntries(links.map((l, i) => [`${l.table}.${l.column}`, Number(rows[0][`c${i}`])]));
}

export interface MergeRow {
  id: string;
  survivor_id: string;
  merged_id: string;
  merged_at: Date;
  undone_at: Date | null;
  merged_by_label: string | null;
  undone_by_label: string | null;
  survivor_name: string;
  merged_name: string;
  survivor_birth: string | null;
  moved: Moved;
}

const MERGE_COLUMNS = `m.id, m.survivor_id, m.merged_id, m.merged_at, m.undone_at, m.moved,
  ub.display_name AS merged_by_label, uu.display_name AS undone_by_label,
  concat_ws(' ', s.last_name, s.first_name, s.patronymic) AS survivor_name, to_char(s.birth_date, 'YYYY-MM-DD') AS survivor_birth,
  concat_ws(' ', x.last_name, x.first_name, x.patronymic) AS merged_name`;
const MERGE_FROM = `person_merges m JOIN persons s ON s.id = m.survivor_id JOIN persons x ON x.id = m.merged_id
  LEFT JOIN users ub ON ub.id = m.merged_by LEFT JOIN users uu ON uu.id = m.undone_by`;

/** Merges of the hromada, newest first. */
export async function listMerges(
  c: PoolClient,
  hromadaId: number,
  limit: number,
  offset: number,
): Promise<{ merges: MergeRow[]; total: number }> {
  const { rows } = await c.query<MergeRow & { total: string }>(
    `SELECT ${MERGE_COLUMNS}, count(*) OVER () AS total FROM ${MERGE_FROM}
     WHERE m.hromada_id = $1 ORDER BY m.merged_at DESC, m.id LIMIT $2 OFFSET $3`,
    [hromadaId, limit, offset],
  );
  return { merges: rows, total: rows[0] ? Number(rows[0].total) : 0 };
}

export async function loadMerge(c: PoolClient, hromadaId: number, id: string): Promise<MergeRow | null> {
  if (!isUuid(id)) return null;
  const { rows } = await c.query<MergeRow>(
    `SELECT ${MERGE_COLUMNS} FROM ${MERGE_FROM} WHERE m.id = $1 AND m.hromada_id = $2`,
    [id, hromadaId],
  );
  return rows[0] ?? null;
}

/**
 * For the person card: the live record a merged record now lives on (following later merges),
 * or null when the record is not merged. Runs in the caller's tenant transaction (RLS).
 */
export async function mergedInto(
  c: PoolClient,
  id: string,
): Promise<{ survivorId: string; mergedAt: Date | null } | null> {
  if (!isUuid(id)) return null;
  const { rows } = await c.query<{ id: string; merged_at: Date | null }>(
    `WITH RECURSIVE chain(id, next, depth) AS (
       SELECT p.id, p.merged_into, 0 FROM persons p WHERE p.id = $1
       UNION ALL
       SELECT p.id, p.merged_into, chain.depth + 1 FROM chain JOIN persons p ON p.id = chain.next WHERE chain.depth < 20)
     SELECT chain.id, (SELECT max(m.merged_at) FROM person_merges m WHERE m.merged_id = $1 AND m.undone_at IS NULL) AS merged_at
     FROM chain WHERE chain.next IS NULL AND chain.depth > 0`,
    [id],
  );
  return rows[0] ? { survivorId: rows[0].id, mergedAt: rows[0].merged_at } : null;
}

/** What one merge changed, stored in `person_merges.moved` so that it can be undone exactly. */
export interface MovedLink {
  table: string;
  column: string;
  /** Keys of the rows re-pointed from the merged record to the survivor. */
  rows: Record<string, unknown>[];
  /** Whole rows of the merged record removed because the survivor already had that row. */
  removed: Record<string, unknown>[];
}
export interface Moved {
  links: MovedLink[];
  filled: Record<string, FilledField>;
  tokensAdded: string[];
}

/** Both persons as JSON rows, locked in id order (no deadlock between two merges). */
export async function lockPersons(c: PoolClient, hromadaId: number, ids: string[]): Promise<Map<string, PersonJson>> {
  const { rows } = await c.query<{ id: string; j: PersonJson }>(
    `SELECT p.id, to_jsonb(p) AS j FROM persons p WHERE p.hromada_id = $1 AND p.id = ANY($2::uuid[]) ORDER BY p.id FOR UPDATE`,
    [hromadaId, ids],
  );
  return new Map(rows.map((r) => [r.id, r.j]));
}

/** Moves every link from `mergedId` to `survivorId`; returns what moved. */
export async function moveLinks(
  c: PoolClient,
  hromadaId: number,
  survivorId: string,
  mergedId: string,
  links: readonly PersonLink[],
): Promise<MovedLink[]> {
  const out: MovedLink[] = [];
  for (const link of links) {
    const { table: t, column: col } = link;
    let removed: Record<string, unknown>[] = [];
    if (link.unique) {
      const same = link.key.map((k) => `s.${k} = m.${k}`).join(' AND ');
      const del = await c.query<{ row: Record<string, unknown> }>(
        `DELETE FROM ${t} m WHERE m.hromada_id = $1 AND m.${col} = $2
           AND EXISTS (SELECT 1 FROM ${t} s WHERE s.hromada_id = $1 AND s.${col} = $3 AND ${same})
         RETURNING to_jsonb(m) AS row`,
        [hromadaId, mergedId, survivorId],
      );
      removed = del.rows.map((r) => r.row);
    }
    const upd = await c.query<{ key: Record<string, unknown> }>(
      `UPDATE ${t} m SET ${col} = $3 WHERE m.hromada_id = $1 AND m.${col} = $2 RETURNING ${keyObject(link, 'm')} AS key`,
      [hromadaId, mergedId, survivorId],
    );
    if (upd.rows.length || removed.length)
      out.push({ table: t, column: col, rows: upd.rows.map((r) => r.key), removed });
  }
  return out;
}

/**
 * Moves the remembered rows back to the merged record and re-inserts removed ones. Refuses
 * (409) when a moved row no longer belongs to the survivor or a removed row cannot come back.
 */
export async function restoreLinks(
  c: PoolClient,
  hromadaId: number,
  survivorId: string,
  mergedId: string,
  moved: MovedLink[],
  links: readonly PersonLink[],
) {
  for (const m of [...moved].reverse()) {
    const link = findLink(links, m.table, m.column);
    if (!link) throw new AppError('conflict', { messageKey: 'personsMerge.errors.unknownLink' });
    if (m.rows.length) {
      const upd = await c.query(
        `UPDATE ${link.table} m SET ${link.column} = $3 WHERE m.hromada_id = $1 AND m.${link.column} = $2
           AND ${keyObject(link, 'm')} IN (SELECT jsonb_array_elements($4::jsonb))`,
        [hromadaId, survivorId, mergedId, JSON.stringify(m.rows)],
      );
      if (upd.rowCount !== m.rows.length)
        throw new AppError('conflict', { messageKey: 'personsMerge.errors.rowsChanged' });
    }
    if (m.removed.length) {
      try {
        await c.query(
          `INSERT INTO ${link.table} SELECT * FROM jsonb_populate_recordset(NULL::${link.table}, $1::jsonb)`,
          [JSON.stringify(m.removed)],
        );
      } catch (e) {
        // The row is back already (unique) or what it pointed at is gone (foreign key).
        const code = (e as { code?: string }).code;
        if (code === '23505' || code === '23503')
          throw new AppError('conflict', { messageKey: 'personsMerge.errors.rowsChanged' });
        throw e;
      }
    }
  }
}

/** Sets survivor columns from a JSON object (types follow the `persons` table). */
export async function setPersonColumns(
  c: PoolClient,
  o: {
    hromadaId: number;
    id: string;
    values: Record<string, unknown>;
    tokens: string[];
    userId: string;
  },
) {
  const columns = Object.keys(o.values).filter((k) => /^[a-z_]+$/.test(k));
  const sets = [
    ...columns.map((k) => `${k} = r.${k}`),
    'name_tokens = $3',
    'version = p.version + 1',
    'updated_at = now()',
    'updated_by = $4',
  ];
  await c.query(
    `UPDATE persons p SET ${sets.join(', ')} FROM jsonb_populate_record(NULL::persons, $5::jsonb) r
     WHERE p.id = $1 AND p.hromada_id = $2`,
    [o.id, o.hromadaId, o.tokens, o.userId, JSON.stringify(o.values)],
  );
}

/** The merged record leaves the live set: it points at the survivor. */
export async function markMerged(
  c: PoolClient,
  hromadaId: number,
  mergedId: string,
  survivorId: string,
  userId: string,
) {
  await c.query(
    `UPDATE persons SET merged_into = $2, version = version + 1, updated_at = now(), updated_by = $3
     WHERE id = $1 AND hromada_id = $4`,
    [mergedId, survivorId, userId, hromadaId],
  );
}

/** The merged record is live again (refused by the database when its РНОКПП/УНЗР is taken meanwhile: 23505). */
export async function unmarkMerged(c: PoolClient, hromadaId: number, mergedId: string, userId: string) {
  await c.query(
    `UPDATE persons SET merged_into = NULL, version = version + 1, updated_at = now(), updated_by = $2
     WHERE id = $1 AND hromada_id = $3`,
    [mergedId, userId, hromadaId],
  );
}

/** Records a merge with what it moved; its id. */
export async function insertMerge(
  c: PoolClient,
  o: { hromadaId: number; survivorId: string; mergedId: string; moved: Moved; userId: string },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO person_merges (hromada_id, survivor_id, merged_id, moved, merged_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [o.hromadaId, o.survivorId, o.mergedId, JSON.stringify(o.moved), o.userId],
  );
  return rows[0].id;
}

export interface LockedMerge {
  survivor_id: string;
  merged_id: string;
  moved: Moved;
  undone_at: Date | null;
}

/** A merge of the hromada, locked for its undo. */
export async function lockMerge(c: PoolClient, hromadaId: number, id: string): Promise<LockedMerge | null> {
  const { rows } = await c.query<LockedMerge>(
    `SELECT survivor_id, merged_id, moved, undone_at FROM person_merges WHERE id = $1 AND hromada_id = $2 FOR UPDATE`,
    [id, hromadaId],
  );
  return rows[0] ?? null;
}

export async function markUndone(c: PoolClient, id: string, userId: string) {
  await c.query(`UPDATE person_merges SET undone_at = now(), undone_by = $2 WHERE id = $1`, [id, userId]);
}
