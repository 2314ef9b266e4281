import type { Queryable } from '../../platform/db.js';
import type { RowIssue, SettlementIndex } from './import.rows.js';
import { settlementKey } from './import.values.js';
import type { FileInfo } from './import.files.js';
import type { Mapping } from './import.fields.js';
import type { HouseholdCounts } from './import.households.js';

export type ImportStatus = 'uploaded' | 'queued' | 'running' | 'done' | 'failed';

export interface ImportRow {
  id: string; hromada_id: number; created_by: string; file_sha256: string; file_size: string; format: 'csv' | 'xlsx';
  encoding: 'utf8' | 'cp1251' | null; delimiter: string | null; header: string[]; mapping: Mapping | null;
  confirm_similar: boolean; dry_run: boolean; status: ImportStatus; failure: string | null; total_rows: number;
  processed_rows: number; created_count: number; duplicate_count: number; invalid_count: number; warning_count: number;
  household_created_count: number; household_existing_count: number; household_rejected_count: number; created_at: Date; started_at: Date | null; finished_at: Date | null;
}

const COLUMNS = `id, hromada_id, created_by, file_sha256, file_size, format, encoding, delimiter, header, mapping,
  confirm_similar, dry_run, status, failure, total_rows, processed_rows, created_count, duplicate_count, invalid_count,
  warning_count, household_created_count, household_existing_count, household_rejected_count, created_at, started_at, finished_at`;

export async function insertImport(c: Queryable, o: { hromadaId: number; userId: string; sha256: string; size: number; info: FileInfo })
  : Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO person_imports (hromada_id, created_by, file_sha256, file_size, format, encoding, delimiter, header, total_rows)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [o.hromadaId, o.userId, o.sha256, o.size, o.info.format, o.info.encoding, o.info.delimiter, JSON.stringify(o.info.header),
      o.info.totalRows]);
  return rows[0].id;
}

export async function findImport(c: Queryable, hromadaId: number, id: string, lock = false): Promise<ImportRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await c.query<ImportRow>(
    `SELECT ${COLUMNS} FROM person_imports WHERE id = $1 AND hromada_id = $2${lock ? ' FOR UPDATE' : ''}`, [id, hromadaId]);
  return rows[0] ?? null;
}

/** Queues a run: clears the counters and issues of an earlier (dry) run. */
export async function queueImport(c: Queryable, id: string, o: { mapping: Mapping; dryRun: boolean; confirm: boolean }) {
  await c.query('DELETE FROM person_import_issues WHERE import_id = $1', [id]);
  await c.query(
    `UPDATE person_imports SET mapping = $2, dry_run = $3, confirm_similar = $4, status = 'queued', failure = NULL,
       processed_rows = 0, created_count = 0, duplicate_count = 0, invalid_count = 0, warning_count = 0,
       household_created_count = 0, household_existing_count = 0, household_rejected_count = 0, started_at = NULL, finished_at = NULL WHERE id = $1`,
    [id, JSON.stringify(o.mapping), o.dryRun, o.confirm]);
}

export async function markRunning(c: Queryable, id: string) {
  await c.query(`UPDATE person_imports SET status = 'running', started_at = coalesce(started_at, now()) WHERE id = $1`, [id]);
}

export interface BatchCounts { processed: number; created: number; duplicates: number; invalid: number; warnings: number }

async function insertIssues(c: Queryable, imp: { id: string; hromadaId: number }, issues: RowIssue[], header: string[]) {
  if (issues.length) {
    await c.query(
      `INSERT INTO person_import_issues (hromada_id, import_id, row_no, column_index, column_name, kind, message, params)
       SELECT $1, $2, r, ci, cn, k, m, p::jsonb FROM unnest($3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS u(r, ci, cn, k, m, p)`,
      [imp.hromadaId, imp.id, issues.map((i) => i.rowNo), issues.map((i) => i.column),
        issues.map((i) => (i.column === null ? null : header[i.column] ?? null)), issues.map((i) => i.kind),
        issues.map((i) => i.message), issues.map((i) => JSON.stringify(i.params ?? {}))]);
  }
}

/** Records one committed batch: its issues and the counters, in the batch's own transaction. */
export async function recordBatch(c: Queryable, imp: { id: string; hromadaId: number }, counts: BatchCounts, issues: RowIssue[],
  header: string[]) {
  await insertIssues(c, imp, issues, header);
  await c.query(
    `UPDATE person_imports SET processed_rows = processed_rows + $2, created_count = created_count + $3,
       duplicate_count = duplicate_count + $4, invalid_count = invalid_count + $5, warning_count = warning_count + $6
     WHERE id = $1`,
    [imp.id, counts.processed, counts.created, counts.duplicates, counts.invalid, counts.warnings]);
}

/** Records the households step: its issues and counters, in its own transaction. */
export async function recordHouseholds(c: Queryable, imp: { id: string; hromadaId: number }, counts: HouseholdCounts, issues: RowIssue[],
  header: string[]) {
  await insertIssues(c, imp, issues, header);
  await c.query(
    `UPDATE person_imports SET household_created_count = $2, household_existing_count = $3, household_rejected_count = $4 WHERE id = $1`,
    [imp.id, counts.created, counts.existing, counts.rejected]);
}

export async function finishImport(c: Queryable, id: string, failure: string | null) {
  await c.query(
    `UPDATE person_imports SET status = $2, failure = $3, finished_at = now() WHERE id = $1`,
    [id, failure ? 'failed' : 'done', failure]);
}

export interface IssueRow { row_no: number; column_index: number | null; column_name: string | null; kind: RowIssue['kind']; message: string; params: Record<string, unknown> }

export async function listIssues(c: Queryable, importId: string, limit: number, offset: number): Promise<IssueRow[]> {
  const { rows } = await c.query<IssueRow>(
    `SELECT row_no, column_index, column_name, kind, message, params FROM person_import_issues
     WHERE import_id = $1 ORDER BY row_no, id LIMIT $2 OFFSET $3`, [importId, limit, offset]);
  return rows;
}

export async function countIssues(c: Queryable, importId: string): Promise<number> {
  const { rows } = await c.query<{ n: string }>('SELECT count(*) AS n FROM person_import_issues WHERE import_id = $1', [importId]);
  return Number(rows[0].n);
}

/** The hromada's settlements by code and by name (for rows that name the village instead of its code). */
export async function settlementIndex(c: Queryable, hromadaId: number): Promise<SettlementIndex> {
  const { rows } = await c.query<{ code: string; name: string; district_id: number | null }>(
    `SELECT s.code, s.name, ds.district_id FROM settlements s JOIN hromadas h ON h.code = s.hromada_code
     LEFT JOIN district_settlements ds ON ds.settlement_code = s.code AND ds.hromada_id = h.id WHERE h.id = $1`, [hromadaId]);
  const byName = new Map<string, string[]>();
  for (const r of rows) {
    const k = settlementKey(r.name);
    byName.set(k, [...(byName.get(k) ?? []), r.code]);
  }
  return { codes: new Set(rows.map((r) => r.code)), byName, district: new Map(rows.map((r) => [r.code, r.district_id])) };
}

/** Registered persons by these РНОКПП (or УНЗР) hashes: hash → person id. */
export async function registeredByHash(c: Queryable, hromadaId: number, kind: 'rnokpp' | 'unzr', hashes: string[])
  : Promise<Map<string, string>> {
  if (hashes.length === 0) return new Map();
  const { rows } = await c.query<{ h: string; id: string }>(
    // One index probe per hash (a plan that does not depend on fresh statistics while a big import grows the table).
    `SELECT x.h, p.id FROM unnest($2::text[]) AS x(h) CROSS JOIN LATERAL (
       SELECT id FROM persons p WHERE p.hromada_id = $1 AND p.${kind}_hash = x.h AND p.merged_into IS NULL LIMIT 1) p`,
    [hromadaId, hashes]);
  return new Map(rows.map((r) => [r.h, r.id]));
}

/** What the registry holds on a row's birth date: a person with exactly its name tokens, and how many similar persons. */
export interface RegistryMatch { sameName: string | null; similar: number }

/** Levenshtein distance of two short strings. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** A surname token one letter off (SURNAME_EDITS_SQL of persons.queries: two Latin edits for long ones). */
export const surnameNear = (a: string | undefined, b: string) =>
  !!a && a.length >= 3 && b.length >= 3 && editDistance(a, b) <= (Math.min(a.length, b.length) >= 6 ? 2 : 1);

/**
 * The registry's rule for similar persons (findSimilar): the surname token, a surname one letter off
 * (the registry person's first token is its surname), or two name tokens in common.
 */
export const isSimilar = (other: string[], tokens: string[], surname: string) =>
  other.includes(surname) || other.filter((tok) => tokens.includes(tok)).length >= 2 || surnameNear(other[0], surname);

/**
 * For each (birth date, name tokens, surname token): a registered person with the same birth date
 * and the same tokens, and how many (up to 10) are similar — also with the birth year one off. The database returns only the persons
 * of that date who share a name token (both rules need one), one index probe per date.
 */
export async function registryMatches(c: Queryable, hromadaId: number, rows: { birthDate: string; tokens: string[]; surname: string }[])
  : Promise<RegistryMatch[]> {
  if (rows.length === 0) return [];
  // The same birth date, or the same day and month a year off (a typo in the year of a source list).
  const { rows: found } = await c.query<{ n: string; id: string; tokens: string[]; same_date: boolean }>(
    `SELECT u.n, p.id, p.name_tokens AS tokens, p.birth_date = u.d AS same_date
     FROM unnest($2::date[], $3::text[]) WITH ORDINALITY AS u(d, tk, n)
     CROSS JOIN LATERAL (SELECT id, name_tokens, birth_date FROM persons p WHERE p.hromada_id = $1
       AND p.birth_date IN (u.d, (u.d - interval '1 year')::date, (u.d + interval '1 year')::date)
       AND p.merged_into IS NULL AND p.name_tokens && string_to_array(u.tk, ' ') LIMIT 5000) p`,
    [hromadaId, rows.map((r) => r.birthDate), rows.map((r) => r.tokens.join(' '))]);
  const out: RegistryMatch[] = rows.map(() => ({ sameName: null, similar: 0 }));
  for (const f of found) {
    const i = Number(f.n) - 1;
    const r = rows[i];
    const sameTokens = f.tokens.join(' ') === r.tokens.join(' ');
    if (f.same_date && out[i].sameName === null && sameTokens) out[i].sameName = f.id;
    const similar = f.same_date ? isSimilar(f.tokens, r.tokens, r.surname) : sameTokens || isSimilar(f.tokens, r.tokens, r.surname);
    if (similar) out[i].similar = Math.min(10, out[i].similar + 1);
  }
  return out;
}
