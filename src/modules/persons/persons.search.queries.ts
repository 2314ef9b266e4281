/**
 * The registry search's SQL (decision 0007). What to look for — identifiers, name words and their
 * spellings, which similar names stay candidates — is decided in `persons.search.ts`.
 */
import type { PoolClient } from 'pg';
import { prepared } from '../../platform/db.js';
import { hiddenForMe, unlessHidden } from '../../platform/hidden-contacts.js';

export interface SearchFilters {
  birthDate?: string;
  birthYear?: number;
  settlementCode?: string;
  districtId?: number;
  category?: string;
}

/** Limits from the actor's grants: a starosta sees one district, a provider its clients. */
export interface SearchReach {
  districtId?: number | null;
  agencyId?: number | null;
}

export interface PersonListRow {
  id: string;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string | null;
  sex: 'female' | 'male' | null;
  rnokpp_mask: string | null;
  unzr_mask: string | null;
  /** The subject of a restricted case, and the reader not on its team: no settlement is shown. */
  contacts_hidden: boolean;
  reg_settlement_code: string | null;
  settlement_name: string | null;
  district_id: number | null;
  score: number;
  /** Codes of the categories in force today. */
  categories: string[];
}

export interface SearchPage {
  items: PersonListRow[];
  total: number;
  capped: boolean;
}

/** Broad queries stop counting here: the user is asked to refine instead. */
export const SEARCH_CAP = 2000;
export type IdentifierKind = 'rnokpp' | 'unzr' | 'document';

// A page's rows as the searches select them; `page` hides the settlement of a restricted case's subject from a reader
// outside that case's team (migration 0056).
const LIST_COLUMNS = `p.id, p.last_name, p.first_name, p.patronymic, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.sex,
  p.rnokpp_mask, p.unzr_mask, p.reg_settlement_code, s.name AS settlement_name, p.district_id`;

/** Active category codes of a person, as an array expression. */
export const CATEGORIES_OF = (id: string) => `ARRAY(SELECT pc.code FROM person_categories pc WHERE pc.person_id = ${id}
  AND pc.ended_at IS NULL AND (pc.valid_to IS NULL OR pc.valid_to >= current_date)
  AND (pc.valid_from IS NULL OR pc.valid_from <= current_date) ORDER BY pc.code)`;

interface Built {
  where: string[];
  params: unknown[];
}

/** Filters and reach as the `registry_match` function takes them. */
function matchFilters(f: SearchFilters, reach: SearchReach): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (f.birthDate) out.birthDate = f.birthDate;
  if (f.birthYear) out.birthYear = f.birthYear;
  if (f.settlementCode) out.settlementCode = f.settlementCode;
  if (f.districtId) out.districtId = f.districtId;
  if (f.category) out.category = f.category;
  if (reach.districtId) out.reachDistrictId = reach.districtId;
  if (reach.agencyId) out.reachAgencyId = reach.agencyId;
  return out;
}

function filterSql(hromadaId: number, f: SearchFilters, reach: SearchReach): Built {
  const params: unknown[] = [hromadaId];
  const where = ['p.hromada_id = $1', 'p.merged_into IS NULL'];
  const add = (sql: (n: string) => string, v: unknown) => {
    params.push(v);
    where.push(sql(`$${params.length}`));
  };
  if (f.birthDate) add((n) => `p.birth_date = ${n}::date`, f.birthDate);
  if (f.birthYear)
    add(
      (n) => `p.birth_date >= make_date(${n}::int, 1, 1) AND p.birth_date < make_date(${n}::int + 1, 1, 1)`,
      f.birthYear,
    );
  // A search by settlement must not tell where a protected person lives: they match only for their case's team.
  if (f.settlementCode)
    add(
      (n) => `(p.reg_settlement_code = ${n} OR p.act_settlement_code = ${n}) AND NOT contacts_hidden_for_me(p.id)`,
      f.settlementCode,
    );
  if (f.districtId) add((n) => `p.district_id = ${n}`, f.districtId);
  if (f.category) {
    add(
      (
        n,
      ) => `EXISTS (SELECT 1 FROM person_categories c WHERE c.person_id = p.id AND c.code = ${n} AND c.ended_at IS NULL
      AND (c.valid_to IS NULL OR c.valid_to >= current_date))`,
      f.category,
    );
  }
  if (reach.districtId) add((n) => `p.district_id = ${n}`, reach.districtId);
  if (reach.agencyId)
    add(
      (n) => `EXISTS (SELECT 1 FROM person_agencies pa WHERE pa.person_id = p.id AND pa.agency_id = ${n})`,
      reach.agencyId,
    );
  return { where, params };
}

/**
 * Runs a search and shapes its page. `prepare`: the statement is planned once per connection
 * (exact lookups, whose plan is always the same index scan and whose planning cost more than the
 * lookup); name and filter searches are planned for their actual values.
 */
async function page(
  client: PoolClient,
  sql: string,
  params: unknown[],
  limit: number,
  offset: number,
  prepare = false,
): Promise<SearchPage> {
  params.push(SEARCH_CAP + 1, limit, offset);
  const n = params.length;
  // The page's rows (already ordered and limited) get their categories in the same round trip, and whether their
  // contacts are hidden, checked once per row of the page. A scan of an ordered subquery keeps its order.
  const text = `SELECT r.id, r.last_name, r.first_name, r.patronymic, r.birth_date, r.sex, r.rnokpp_mask, r.unzr_mask,
       x.hidden AS contacts_hidden, ${unlessHidden('r.reg_settlement_code')} AS reg_settlement_code,
       ${unlessHidden('r.settlement_name')} AS settlement_name, r.district_id, r.score, r.total,
       ${CATEGORIES_OF('r.id')} AS categories
     FROM (${sql
       .replace('$CAP', `$${n - 2}`)
       .replace('$LIMIT', `$${n - 1}`)
       .replace('$OFFSET', `$${n}`)}) r ${hiddenForMe('r.id')}`;
  const { rows } = await client.query<Omit<PersonListRow, 'score'> & { total: string; score: number | string }>(
    prepare ? prepared(text, params) : { text, values: params },
  );
  const total = rows.length ? Number(rows[0].total) : 0;
  return {
    items: rows.map(({ total: _t, ...r }) => ({ ...r, score: Number(r.score) })),
    total: Math.min(total, SEARCH_CAP),
    capped: total > SEARCH_CAP,
  };
}

/**
 * Each key's similar name tokens from the hromada's vocabulary (`i` is the key's 1-based position),
 * at most `perKey` of them. Numbers as the driver may give them (text for some types): read with Number().
 */
export async function nameCandidates(
  client: PoolClient,
  keys: string[],
  perKey: number,
): Promise<{ i: number | string; token: string; s: number | string }[]> {
  const { rows } = await client.query<{ i: number | string; token: string; s: number | string }>(
    'SELECT i, token, s FROM registry_name_candidates($1::text[], $2)',
    [keys, perKey],
  );
  return rows;
}

/**
 * Persons holding a candidate token for every query word (`perToken`: each word's candidates with
 * their similarity), through the GIN index on `name_tokens`, scored by the sum of the best
 * similarities and sorted by score, then name.
 */
export async function matchNames(
  client: PoolClient,
  perToken: { token: string; s: number }[][],
  f: SearchFilters,
  reach: SearchReach,
  limit: number,
  offset: number,
): Promise<SearchPage> {
  const params: unknown[] = [
    JSON.stringify(perToken.map((c) => c.map((r) => r.token))),
    JSON.stringify(matchFilters(f, reach)),
  ];
  const scoreParts: string[] = [];
  for (const c of perToken) {
    params.push(
      c.map((r) => r.token),
      c.map((r) => r.s),
    );
    scoreParts.push(`coalesce((SELECT max(x.s) FROM unnest($${params.length - 1}::text[], $${params.length}::real[]) AS x(t, s)
      WHERE x.t = ANY(m.name_tokens)), 0)`);
  }
  // Scored and sorted on what the index scan returns; only the page's rows are fetched in full.
  const sql = `WITH ids AS MATERIALIZED (SELECT * FROM registry_match_rows($1::jsonb, $2::jsonb, $CAP)),
    top AS MATERIALIZED (
      SELECT m.id, (${scoreParts.join(' + ')})::real AS score FROM ids m
      ORDER BY score DESC, m.last_name COLLATE "uk-UA-x-icu", m.first_name COLLATE "uk-UA-x-icu", m.birth_date
      LIMIT $LIMIT OFFSET $OFFSET)
    SELECT ${LIST_COLUMNS}, top.score, (SELECT count(*) FROM ids) AS total
    FROM top JOIN persons p ON p.id = top.id LEFT JOIN settlements s ON s.code = p.reg_settlement_code
    ORDER BY top.score DESC, p.last_name COLLATE "uk-UA-x-icu", p.first_name COLLATE "uk-UA-x-icu", p.birth_date`;
  return page(client, sql, params, limit, offset);
}

/** Without a name: the filters alone, sorted by name. */
export async function listByFilters(
  client: PoolClient,
  hromadaId: number,
  f: SearchFilters,
  reach: SearchReach,
  limit: number,
  offset: number,
): Promise<SearchPage> {
  const b = filterSql(hromadaId, f, reach);
  const sql = `WITH m AS MATERIALIZED (
      SELECT ${LIST_COLUMNS} FROM persons p LEFT JOIN settlements s ON s.code = p.reg_settlement_code
      WHERE ${b.where.join(' AND ')}
      ORDER BY p.last_name COLLATE "uk-UA-x-icu", p.first_name COLLATE "uk-UA-x-icu" LIMIT $CAP)
    SELECT m.*, 1::real AS score, (SELECT count(*) FROM m) AS total FROM m
    ORDER BY m.last_name COLLATE "uk-UA-x-icu", m.first_name COLLATE "uk-UA-x-icu", m.birth_date LIMIT $LIMIT OFFSET $OFFSET`;
  return page(client, sql, b.params, limit, offset);
}

/** Exact lookup by the keyed hash of an identifier. */
export async function searchByIdentifier(
  client: PoolClient,
  hromadaId: number,
  kind: IdentifierKind,
  hash: string,
  f: SearchFilters,
  reach: SearchReach,
  limit: number,
  offset: number,
): Promise<SearchPage> {
  const b = filterSql(hromadaId, f, reach);
  b.params.push(hash);
  const h = `$${b.params.length}`;
  b.where.push(
    kind === 'rnokpp'
      ? `p.rnokpp_hash = ${h}`
      : kind === 'unzr'
        ? `p.unzr_hash = ${h}`
        : `EXISTS (SELECT 1 FROM person_documents d WHERE d.person_id = p.id AND d.hromada_id = p.hromada_id AND d.number_hash = ${h})`,
  );
  const sql = `WITH m AS MATERIALIZED (
      SELECT ${LIST_COLUMNS} FROM persons p LEFT JOIN settlements s ON s.code = p.reg_settlement_code
      WHERE ${b.where.join(' AND ')} LIMIT $CAP)
    SELECT m.*, 1::real AS score, (SELECT count(*) FROM m) AS total FROM m ORDER BY m.last_name LIMIT $LIMIT OFFSET $OFFSET`;
  return page(client, sql, b.params, limit, offset, true);
}
