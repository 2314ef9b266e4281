import type { PoolClient } from 'pg';
import { parseNameQuery } from './persons.spelling.js';
import {
  listByFilters,
  matchNames,
  nameCandidates,
  type IdentifierKind,
  type SearchFilters,
  type SearchPage,
  type SearchReach,
} from './persons.search.queries.js';

export {
  SEARCH_CAP,
  searchByIdentifier,
  type PersonListRow,
  type SearchFilters,
  type SearchPage,
  type SearchReach,
} from './persons.search.queries.js';

const CANDIDATES_PER_TOKEN = 25;

export type IdentifierQuery = { kind: IdentifierKind; value: string };

/** A query that is an identifier (РНОКПП, УНЗР, document number) is looked up exactly. */
export function identifierQuery(q: string): IdentifierQuery | null {
  const v = q.trim().toUpperCase().replace(/\s+/g, '');
  if (/^\d{10}$/.test(v)) return { kind: 'rnokpp', value: v };
  if (/^\d{8}-?\d{5}$/.test(v)) return { kind: 'unzr', value: v };
  if (/^\d{9}$/.test(v) || /^[A-ZА-ЯІЇЄҐ]{2}\d{6}$/.test(v)) return { kind: 'document', value: v };
  return null;
}

/**
 * True when a query holds an identifier (the whole query, one of its words, or a run of nine or more
 * digits however spaced): such a query must not travel in a URL, where proxies log it.
 */
export function containsIdentifier(q: string): boolean {
  if (identifierQuery(q)) return true;
  if (q.split(/[\s,;]+/).some((w) => w && identifierQuery(w))) return true;
  return /\d{9,}/.test(q.replace(/(?<=\d)[\s-]+(?=\d)/g, ''));
}

/**
 * A word found as it was typed is taken to mean that name: of the similar names only the close
 * ones stay (longer names it is the start of, one letter off, two in a long name), not every name
 * that shares some trigrams («Шевченко» no longer brings Шевчук, Шелченко, …). A word not in the
 * vocabulary keeps all its candidates: that is a typo to be forgiven. Measured at 1M persons on
 * 1,000 of the benchmark's queries: p95 of the search SQL 40.8 → 27.8 ms, the intended person on
 * page 1 in 791 instead of 795 (keeping only ≥ 0.85 gave 26.3 ms but 782).
 */
export function narrowCandidates<C extends { s: number | string }>(candidates: C[]): C[] {
  return candidates.some((c) => Number(c.s) >= EXACT) ? candidates.filter((c) => Number(c.s) >= CLOSE) : candidates;
}
const EXACT = 0.999;
const CLOSE = 0.8;

/**
 * Finds persons by name with typos, in any word order, in Cyrillic or Latin: each query token
 * is matched against the hromada's small vocabulary of name tokens by trigram similarity, then
 * persons holding a candidate token for every query token are found through the GIN index on
 * `name_tokens`, scored by the sum of the best similarities and sorted by score, then name.
 */
export async function searchByName(
  client: PoolClient,
  hromadaId: number,
  q: string,
  filters: SearchFilters,
  reach: SearchReach,
  limit: number,
  offset: number,
): Promise<SearchPage> {
  // Each word with its spelling variants (Russian forms, Г for Ґ); a year among the words is the
  // birth-year filter unless a birth date or year was given as a filter (persons.spelling.ts).
  const { words, birthYear } = parseNameQuery(q);
  const f = birthYear && !filters.birthYear && !filters.birthDate ? { ...filters, birthYear } : filters;
  if (words.length === 0) return listByFilters(client, hromadaId, f, reach, limit, offset);
  const keys = words.flatMap((w) => w.keys);
  const wordOf = words.flatMap((w, idx) => w.keys.map(() => idx));
  // The index-driven steps run in SECURITY DEFINER functions (migration 0014): under row-level
  // security PostgreSQL will not use an index for `%` or `&&`; the functions apply the tenant themselves.
  const cand = await nameCandidates(client, keys, CANDIDATES_PER_TOKEN);
  // A word's candidates are those of all its spellings, each spelling narrowed on its own (a spelling
  // found exactly keeps its close variants, another spelling of the word still forgives a typo),
  // each token with its best similarity.
  const merged = words.map(() => new Map<string, number>());
  keys.forEach((_, k) => {
    const m = merged[wordOf[k]];
    for (const r of narrowCandidates(cand.filter((x) => Number(x.i) === k + 1)))
      m.set(r.token, Math.max(m.get(r.token) ?? 0, Number(r.s)));
  });
  const perToken = merged.map((m) => [...m].map(([token, s]) => ({ token, s })));
  if (perToken.some((c) => c.length === 0)) return { items: [], total: 0, capped: false };
  return matchNames(client, perToken, f, reach, limit, offset);
}
