import type { Queryable } from '../../platform/db.js';
import { isUuid } from '../../platform/ids.js';
import type { RowIssue, SettlementIndex } from './import.rows.js';
import { settlementKey } from './import.values.js';
import type { FileInfo } from './import.files.js';
import type { Mapping } from './import.fields.js';
import type { HouseholdCounts } from './import.households.js';

export type ImportStatus = 'uploaded' | 'queued' | 'running' | 'done' | 'failed';

export interface ImportRow {
  id: string;
  hromada_id: number;
  created_by: string;
  file_sha256: string;
  file_size: string;
  format: 'csv' | 'xlsx';
  encoding: 'utf8' | 'cp1251' | null;
  delimiter: string | null;
  header: string[];
  mapping: Mapping | null;
  confirm_similar: boolean;
  dry_run: boolean;
  status: ImportStatus;
  failure: string | null;
  total_rows: number;
  processed_rows: number;
  created_count: number;
  duplicate_count: number;
  invalid_count: number;
  warning_count: number;
  household_created_count: number;
  household_existing_count: number;
  household_rejected_count: number;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const COLUMNS = `id, hromada_id, created_by, file_sha256, file_size, format, encoding, delimiter, header, mapping,
  confirm_similar, dry_run, status, failure, total_rows, processed_rows, created_count, duplicate_count, invalid_count,
  warning_count, household_created_count, household_existing_count, household_rejected_count, created_at, started_at, finished_at`;

export async function insertImport(
  c: Queryable,
  o: { hromadaId: number; userId: string; sha256: string; size: number; info: FileInfo },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO person_imports (hromada_id, created_by, file_sha256, file_size, format, encoding, delimiter, header, total_rows)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      o.hromadaId,
      o.userId,
      o.sha256,
      o.size,
      o.info.format,
      o.info.encoding,
      o.info.delimiter,
      JSON.stringify(o.info.header),
      o.info.totalRows,
    ],
  );
  return rows[0].id;
}

export async function findImport(c: Queryable, hromadaId: number, id: string, lock = false): Promise<ImportRow | null> {
  if (!isUuid(id)) return null;
  const { rows } = await c.query<ImportRow>(
    `SELECT ${COLUMNS} FROM person_imports WHERE id = $1 AND hromada_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [id, hromadaId],
  );
  return rows[0] ?? null;
}

/** Queues a run: clears the counters and issues of an earlier (dry) run. */
export async function queueImport(
  c: Queryable,
  id: string,
  o: { mapping: Mapping; dryRun: boolean; confirm: boolean },
) {
  await c.query('DELETE FROM person_import_issues WHERE import_id = $1', [id]);
  await c.query(
    `UPDATE person_imports SET mapping = $2, dry_run = $3, confirm_similar = $4, status = 'queued', failure = NULL,
       processed_rows = 0, created_count = 0, duplicate_count = 0, invalid_count = 0, warning_count = 0,
       household_created_count = 0, household_existing_count = 0, household_rejected_count = 0, started_at = NULL, finished_at = NULL WHERE id = $1`,
    [id, JSON.stringify(o.mapping), o.dryRun, o.confirm],
  );
}

/** A dry run registers a batch and undoes it (the checks run as for real; the counters and issues stay). */
export async function startDryRun(c: Queryable) {
  await c.query('SAVEPOINT dry_run');
}

export async function rollbackDryRun(c: Queryable) {
  await c.query('ROLLBACK TO SAVEPOINT dry_run');
}

export async function markRunning(c: Queryable, id: string) {
  await c.query(
    `UPDATE person_imports SET status = 'running', started_at = coalesce(started_at, now()) WHERE id = $1`,
    [id],
  );
}

export interface BatchCounts {
  processed: number;
  created: number;
  duplicates: number;
  invalid: number;
  warnings: number;
}

async function insertIssues(
  c: Queryable,
  imp: { id: string; hromadaId: number },
  issues: RowIssue[],
  header: string[],
) {
  if (issues.length) {
    await c.query(
      `INSERT INTO person_import_issues (hromada_id, import_id, row_no, column_index, column_name, kind, message, params)
       SELECT $1, $2, r, ci, cn, k, m, p::jsonb FROM unnest($3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS u(r, ci, cn, k, m, p)`,
      [
        imp.hromadaId,
        imp.id,
        issues.map((i) => i.rowNo),
        issues.map((i) => i.column),
        issues.map((i) => (i.column === null ? null : (header[i.column] ?? null))),
        issues.map((i) => i.kind),
        issues.map((i) => i.message),
        issues.map((i) => JSON.stringify(i.params ?? {})),
      ],
    );
  }
}

/** Records one committed batch: its issues and the counters, in the batch's own transaction. */
export async function recordBatch(
  c: Queryable,
  imp: { id: string; hromadaId: number },
  counts: BatchCounts,
  issues: RowIssue[],
  header: string[],
) {
  await insertIssues(c, imp, issues, header);
  await c.query(
    `UPDATE person_imports SET processed_rows = processed_rows + $2, created_count = created_count + $3,
       duplicate_count = duplicate_count + $4, invalid_count = invalid_count + $5, warning_count = warning_count + $6
     WHERE id = $1`,
    [imp.id, counts.processed, counts.created, counts.duplicates, counts.invalid, counts.warnings],
  );
}

/** Records the households step: its issues and counters, in its own transaction. */
export async function recordHouseholds(
  c: Queryable,
  imp: { id: string; hromadaId: number },
  counts: HouseholdCounts,
  issues: RowIssue[],
  header: string[],
) {
  await insertIssues(c, imp, issues, header);
  await c.query(
    `UPDATE person_imports SET household_created_count = $2, household_existing_count = $3, household_rejected_count = $4 WHERE id = $1`,
    [imp.id, counts.created, counts.existing, counts.rejected],
  );
}

export async function finishImport(c: Queryable, id: string, failure: string | null) {
  await c.query(`UPDATE person_imports SET status = $2, failure = $3, finished_at = now() WHERE id = $1`, [
    id,
    failure ? 'failed' : 'done',
    failure,
  ]);
}

export interface IssueRow {
  row_no: number;
  column_index: number | null;
  column_name: string | null;
  kind: RowIssue['kind'];
  message: string;
  params: Record<string, unknown>;
}

export async function listIssues(c: Queryable, importId: string, limit: number, offset: number): Promise<IssueRow[]> {
  const { rows } = await c.query<IssueRow>(
    `SELECT row_no, column_index, column_name, kind, message, params FROM person_import_issues
     WHERE import_id = $1 ORDER BY row_no, id LIMIT $2 OFFSET $3`,
    [importId, limit, offset],
  );
  return rows;
}

export async function countIssues(c: Queryable, importId: string): Promise<number> {
  const { rows } = await c.query<{ n: string }>('SELECT count(*) AS n FROM person_import_issues WHERE import_id = $1', [
    importId,
  ]);
  return Number(rows[0].n);
}

/** The hromada's settlements by code and by name (for rows that name the village instead of its code). */
export async function settlementIndex(c: Queryable, hromadaId: number): Promise<SettlementIndex> {
  const { rows } = await c.query<{ code: string; name: string; district_id: number | null }>(
    `SELECT s.code, s.name, ds.district_id FROM settlements s JOIN hromadas h ON h.code = s.hromada_code
     LEFT JOIN district_settlements ds ON ds.settlement_code = s.code AND ds.hromada_id = h.id WHERE h.id = $1`,
    [hromadaId],
  );
  const byName = new Map<string, string[]>();
  for (const r of rows) {
    const k = settlementKey(r.name);
    byName.set(k, [...(byName.get(k) ?? []), r.code]);
  }
  return {
    codes: new Set(rows.map((r) => r.code)),
    byName,
    district: new Map(rows.map((r) => [r.code, r.district_id])),
  };
}

/** Registered persons by these РНОКПП (or УНЗР) hashes: hash → person id. */
export async function registeredByHash(
  c: Queryable,
  hromadaId: number,
  kind: 'rnokpp' | 'unzr',
  hashes: string[],
): Promise<Map<string, string>> {
  if (hashes.length === 0) return new Map();
  const { rows } = await c.query<{ h: string; id: string }>(
    // One index probe per hash (a plan that does not depend on fresh statistics while a big import grows the table).
    `SELECT x.h, p.id FROM unnest($2::text[]) AS x(h) CROSS JOIN LATERAL (
       SELECT id FROM persons p WHERE p.hromada_id = $1 AND p.${kind}_hash = x.h AND p.merged_into IS NULL LIMIT 1) p`,
    [hromadaId, hashes],
  );
  return new Map(rows.map((r) => [r.h, r.id]));
}

/** What the registry holds on a row's birth date: a person with exactly its name tokens, and how many similar persons. */
export interface RegistryMatch {
  sameName: string | null;
  similar: number;
}

/** Levenshtein distance of two short strings. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
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
export async function registryMatches(
  c: Queryable,
  hromadaId: number,
  rows: { birthDate: string; tokens: string[]; surname: string }[],
): Promise<RegistryMatch[]> {
  if (rows.length === 0) return [];
  // The same birth date, or the same day and month a year off (a typo in the year of a source list).
  const { rows: found } = await c.query<{ n: string; id: string; tokens: string[]; same_date: boolean }>(
    `SELECT u.n, p.id, p.name_tokens AS tokens, p.birth_date = u.d AS same_date
     FROM unnest($2::date[], $3::text[]) WITH ORDINALITY AS u(d, tk, n)
     CROSS JOIN LATERAL (SELECT id, name_tokens, birth_date FROM persons p WHERE p.hromada_id = $1
       AND p.birth_date IN (u.d, (u.d - interval '1 year')::date, (u.d + interval '1 year')::date)
       AND p.merged_into IS NULL AND p.name_tokens && string_to_array(u.tk, ' ') LIMIT 5000) p`,
    [hromadaId, rows.map((r) => r.birthDate), rows.map((r) => r.tokens.join(' '))],
  );
  const out: RegistryMatch[] = rows.map(() => ({ sameName: null, similar: 0 }));
  for (const f of found) {
    const i = Number(f.n) - 1;
    const r = rows[i];
    const sameTokens = f.tokens.join(' ') === r.tokens.join(' ');
    if (f.same_date && out[i].sameName === null && sameTokens) out[i].sameName = f.id;
    const similar = f.same_date
      ? isSimilar(f.tokens, r.tokens, r.surname)
      : sameTokens || isSimilar(f.tokens, r.tokens, r.surname);
    if (similar) out[i].similar = Math.min(10, out[i].similar + 1);
  }
  return out;
}

/** One batch of new persons, as one JSON document (serialised natively, parsed by the database on its own core). */
export async function insertPersonRows(c: Queryable, hromadaId: number, userId: string, rows: unknown[]) {
  await c.query(
    `INSERT INTO persons (id, hromada_id, last_name, first_name, patronymic, latin_name, birth_date, sex,
       rnokpp_sealed, rnokpp_hash, rnokpp_mask, rnokpp_absence, unzr_sealed, unzr_hash, unzr_mask, phone, email,
       reg_settlement_code, reg_street, reg_house, reg_apartment, act_settlement_code, act_street, act_house, act_apartment,
       district_id, death_date, name_tokens, created_by, updated_by)
     SELECT id, $1, ln, fn, pn, lat, bd, sx, rs, rh, rm, ra, us, uh, um, ph, em, sc, st, hs, ap, sc, st, hs, ap, di, dd, tk, $2, $2
     FROM json_to_recordset($3::json) AS u(id uuid, ln text, fn text, pn text, lat text, bd date, sx text, rs text, rh text, rm text,
       ra text, us text, uh text, um text, ph text, em text, sc text, st text, hs text, ap text, di int, dd date, tk text[])`,
    [hromadaId, userId, JSON.stringify(rows)],
  );
}

/** The hromada's name vocabulary (search suggestions) gains these tokens. */
export async function insertNameTokens(c: Queryable, hromadaId: number, tokens: string[]) {
  await c.query('INSERT INTO name_tokens (hromada_id, token) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [
    hromadaId,
    tokens,
  ]);
}

/**
 * The audit entries of an import's batch in one statement (decision 0009), in order: each names its
 * record, its fields (comma-separated) and a reason; who is the user who started the import.
 */
export async function auditImportBatch(
  c: Queryable,
  o: {
    hromadaId: number;
    actor: { userId: string; displayName: string };
    action: string;
    entityType: string;
    importId: string;
    entries: { entityId: string; fields: string; reason: string }[];
  },
) {
  await c.query(
    `INSERT INTO audit_log (chain, seq, hromada_id, actor_id, actor_label, action, operation, entity_type, entity_id, fields,
       reason, ip, request_id, prev_hash, hash)
     SELECT 0, 0, $1, $2, $3, $4, 'write', $5, e, string_to_array(f, ','), r, NULL, $6, '', ''
     FROM unnest($7::text[], $8::text[], $9::text[]) WITH ORDINALITY AS u(e, f, r, n) ORDER BY n`,
    [
      o.hromadaId,
      o.actor.userId,
      o.actor.displayName,
      o.action,
      o.entityType,
      `import:${o.importId}`,
      o.entries.map((e) => e.entityId),
      o.entries.map((e) => e.fields),
      o.entries.map((e) => e.reason),
    ],
  );
}

/** For each of these persons in a household now: the household's present members (sorted ids). */
export async function currentHouseholdsOf(c: Queryable, hromadaId: number, personIds: string[]) {
  const { rows } = await c.query<{ person_id: string; members: string[] }>(
    `SELECT m.person_id, (SELECT array_agg(x.person_id::text ORDER BY x.person_id) FROM household_members x
       WHERE x.household_id = m.household_id AND x.left_on IS NULL) AS members
     FROM household_members m WHERE m.hromada_id = $1 AND m.person_id = ANY($2::uuid[]) AND m.left_on IS NULL`,
    [hromadaId, personIds],
  );
  return rows;
}

export async function personDistricts(c: Queryable, hromadaId: number, personIds: string[]) {
  const { rows } = await c.query<{ id: string; district_id: number | null }>(
    'SELECT id, district_id FROM persons WHERE hromada_id = $1 AND id = ANY($2::uuid[])',
    [hromadaId, personIds],
  );
  return rows;
}

/** New households at their heads' registered addresses (and districts). */
export async function insertHouseholds(
  c: Queryable,
  hromadaId: number,
  userId: string,
  households: { id: string; head: string }[],
) {
  await c.query(
    `INSERT INTO households (id, hromada_id, head_person_id, settlement_code, street, house, apartment, district_id, created_by)
     SELECT u.id, p.hromada_id, p.id, p.reg_settlement_code, p.reg_street, p.reg_house, p.reg_apartment, p.district_id, $2
     FROM unnest($3::uuid[], $4::uuid[]) AS u(id, head) JOIN persons p ON p.id = u.head AND p.hromada_id = $1`,
    [hromadaId, userId, households.map((h) => h.id), households.map((h) => h.head)],
  );
}

export async function insertHouseholdMembers(
  c: Queryable,
  hromadaId: number,
  members: { household: string; personId: string; relation: string }[],
) {
  await c.query(
    `INSERT INTO household_members (hromada_id, household_id, person_id, relation)
     SELECT $1, h, p, r FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS u(h, p, r)`,
    [hromadaId, members.map((m) => m.household), members.map((m) => m.personId), members.map((m) => m.relation)],
  );
}

/** Benchmarks: the id of a user by login name, the hromadas of their grants, an import's progress. */
export async function userIdByUsername(c: Queryable, username: string): Promise<string | null> {
  const { rows } = await c.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  return rows[0]?.id ?? null;
}

export async function grantHromadas(c: Queryable, userId: string): Promise<number[]> {
  const { rows } = await c.query<{ hromada_id: number }>('SELECT hromada_id FROM user_grants($1)', [userId]);
  return rows.map((r) => r.hromada_id);
}

export async function importProgress(c: Queryable, id: string) {
  const { rows } = await c.query<{ status: string; created_count: number }>(
    'SELECT status, created_count FROM person_imports WHERE id = $1',
    [id],
  );
  return rows[0];
}
