import type { PoolClient } from 'pg';

/** The settlement's district in this hromada, or `undefined` when the settlement is not in it. */
export async function settlementPlace(client: PoolClient, hromadaId: number, code: string)
  : Promise<{ districtId: number | null } | undefined> {
  const { rows } = await client.query<{ district_id: number | null }>(
    `SELECT ds.district_id FROM settlements s JOIN hromadas h ON h.code = s.hromada_code
     LEFT JOIN district_settlements ds ON ds.settlement_code = s.code AND ds.hromada_id = h.id
     WHERE s.code = $1 AND h.id = $2`, [code, hromadaId]);
  return rows[0] ? { districtId: rows[0].district_id } : undefined;
}

export async function findByIdentifierHash(client: PoolClient, hromadaId: number, column: 'rnokpp_hash' | 'unzr_hash',
  hash: string, exceptId?: string): Promise<string | null> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM persons WHERE hromada_id = $1 AND ${column} = $2 AND merged_into IS NULL AND id IS DISTINCT FROM $3::uuid LIMIT 1`,
    [hromadaId, hash, exceptId ?? null]);
  return rows[0]?.id ?? null;
}

export interface SimilarRow { id: string; last_name: string; first_name: string; patronymic: string | null; birth_date: string | null }

/**
 * How far two surname tokens may be apart to be «one letter off»: tokens are Latin (КМУ №55), where
 * one Cyrillic letter may be two or four Latin ones (ш → sh, щ → shch), so long surnames get two edits.
 */
export const SURNAME_EDITS_SQL = (a: string, b: string) =>
  `levenshtein(${a}, ${b}) <= CASE WHEN least(length(${a}), length(${b})) >= 6 THEN 2 ELSE 1 END`;

/**
 * Persons with the same birth date sharing the surname, a surname one letter off, or at least two
 * name tokens (possible duplicates).
 */
export async function findSimilar(client: PoolClient, hromadaId: number, tokens: string[], surnameToken: string,
  birthDate: string, exceptId?: string): Promise<SimilarRow[]> {
  const { rows } = await client.query<SimilarRow>(
    `SELECT id, last_name, first_name, patronymic, to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM persons
     WHERE hromada_id = $1 AND merged_into IS NULL AND birth_date = $2::date AND id IS DISTINCT FROM $5::uuid
       AND (name_tokens @> ARRAY[$4]::text[] OR cardinality(ARRAY(SELECT unnest(name_tokens) INTERSECT SELECT unnest($3::text[]))) >= 2
         OR (length($4) >= 3 AND ${SURNAME_EDITS_SQL('name_tokens[1]', '$4')}))
     ORDER BY last_name COLLATE "uk-UA-x-icu" LIMIT 10`,
    [hromadaId, birthDate, tokens, surnameToken, exceptId ?? null]);
  return rows;
}

/** Adds a person's name tokens to the hromada's search vocabulary. */
export async function addVocabulary(client: PoolClient, hromadaId: number, tokens: string[]) {
  if (tokens.length === 0) return;
  await client.query(
    `INSERT INTO name_tokens (hromada_id, token) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [hromadaId, tokens]);
}
