import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { findLink, keyObject, personLinks } from './persons-merge.links.js';
import type { FilledField, PersonJson } from './persons-merge.fill.js';

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
    [hromadaId, ids]);
  return new Map(rows.map((r) => [r.id, r.j]));
}

/** Moves every registered link from `mergedId` to `survivorId`; returns what moved. */
export async function moveLinks(c: PoolClient, hromadaId: number, survivorId: string, mergedId: string): Promise<MovedLink[]> {
  const out: MovedLink[] = [];
  for (const link of personLinks()) {
    const { table: t, column: col } = link;
    let removed: Record<string, unknown>[] = [];
    if (link.unique) {
      const same = link.key.map((k) => `s.${k} = m.${k}`).join(' AND ');
      const del = await c.query<{ row: Record<string, unknown> }>(
        `DELETE FROM ${t} m WHERE m.hromada_id = $1 AND m.${col} = $2
           AND EXISTS (SELECT 1 FROM ${t} s WHERE s.hromada_id = $1 AND s.${col} = $3 AND ${same})
         RETURNING to_jsonb(m) AS row`, [hromadaId, mergedId, survivorId]);
      removed = del.rows.map((r) => r.row);
    }
    const upd = await c.query<{ key: Record<string, unknown> }>(
      `UPDATE ${t} m SET ${col} = $3 WHERE m.hromada_id = $1 AND m.${col} = $2 RETURNING ${keyObject(link, 'm')} AS key`,
      [hromadaId, mergedId, survivorId]);
    if (upd.rows.length || removed.length) out.push({ table: t, column: col, rows: upd.rows.map((r) => r.key), removed });
  }
  return out;
}

/**
 * Moves the remembered rows back to the merged record and re-inserts removed ones. Refuses
 * (409) when a moved row no longer belongs to the survivor or a removed row cannot come back.
 */
export async function restoreLinks(c: PoolClient, hromadaId: number, survivorId: string, mergedId: string, links: MovedLink[]) {
  for (const m of [...links].reverse()) {
    const link = findLink(m.table, m.column);
    if (!link) throw new AppError('conflict', { messageKey: 'personsMerge.errors.unknownLink' });
    if (m.rows.length) {
      const upd = await c.query(
        `UPDATE ${link.table} m SET ${link.column} = $3 WHERE m.hromada_id = $1 AND m.${link.column} = $2
           AND ${keyObject(link, 'm')} IN (SELECT jsonb_array_elements($4::jsonb))`,
        [hromadaId, survivorId, mergedId, JSON.stringify(m.rows)]);
      if (upd.rowCount !== m.rows.length) throw new AppError('conflict', { messageKey: 'personsMerge.errors.rowsChanged' });
    }
    if (m.removed.length) {
      try {
        await c.query(`INSERT INTO ${link.table} SELECT * FROM jsonb_populate_recordset(NULL::${link.table}, $1::jsonb)`,
          [JSON.stringify(m.removed)]);
      } catch (e) {
        // The row is back already (unique) or what it pointed at is gone (foreign key).
        const code = (e as { code?: string }).code;
        if (code === '23505' || code === '23503') throw new AppError('conflict', { messageKey: 'personsMerge.errors.rowsChanged' });
        throw e;
      }
    }
  }
}

/** Sets survivor columns from a JSON object (types follow the `persons` table). */
export async function setPersonColumns(c: PoolClient, o: {
  hromadaId: number; id: string; values: Record<string, unknown>; tokens: string[]; userId: string;
}) {
  const columns = Object.keys(o.values).filter((k) => /^[a-z_]+$/.test(k));
  const sets = [...columns.map((k) => `${k} = r.${k}`), 'name_tokens = $3', 'version = p.version + 1', 'updated_at = now()',
    'updated_by = $4'];
  await c.query(
    `UPDATE persons p SET ${sets.join(', ')} FROM jsonb_populate_record(NULL::persons, $5::jsonb) r
     WHERE p.id = $1 AND p.hromada_id = $2`,
    [o.id, o.hromadaId, o.tokens, o.userId, JSON.stringify(o.values)]);
}
