import type { PoolClient } from 'pg';
import { hiddenForMe, unlessHidden } from '../../platform/hidden-contacts.js';
import { prepared } from '../../platform/db.js';

/** The settlement's district in this hromada, or `undefined` when the settlement is not in it. */
export async function settlementPlace(
  client: PoolClient,
  hromadaId: number,
  code: string,
): Promise<{ districtId: number | null } | undefined> {
  const { rows } = await client.query<{ district_id: number | null }>(
    `SELECT ds.district_id FROM settlements s JOIN hromadas h ON h.code = s.hromada_code
     LEFT JOIN district_settlements ds ON ds.settlement_code = s.code AND ds.hromada_id = h.id
     WHERE s.code = $1 AND h.id = $2`,
    [code, hromadaId],
  );
  return rows[0] ? { districtId: rows[0].district_id } : undefined;
}

export async function findByIdentifierHash(
  client: PoolClient,
  hromadaId: number,
  column: 'rnokpp_hash' | 'unzr_hash',
  hash: string,
  exceptId?: string,
): Promise<string | null> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM persons WHERE hromada_id = $1 AND ${column} = $2 AND merged_into IS NULL AND id IS DISTINCT FROM $3::uuid LIMIT 1`,
    [hromadaId, hash, exceptId ?? null],
  );
  return rows[0]?.id ?? null;
}

export interface SimilarRow {
  id: string;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string | null;
}

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
export async function findSimilar(
  client: PoolClient,
  hromadaId: number,
  tokens: string[],
  surnameToken: string,
  birthDate: string,
  exceptId?: string,
): Promise<SimilarRow[]> {
  const { rows } = await client.query<SimilarRow>(
    `SELECT id, last_name, first_name, patronymic, to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM persons
     WHERE hromada_id = $1 AND merged_into IS NULL AND birth_date = $2::date AND id IS DISTINCT FROM $5::uuid
       AND (name_tokens @> ARRAY[$4]::text[] OR cardinality(ARRAY(SELECT unnest(name_tokens) INTERSECT SELECT unnest($3::text[]))) >= 2
         OR (length($4) >= 3 AND ${SURNAME_EDITS_SQL('name_tokens[1]', '$4')}))
     ORDER BY last_name COLLATE "uk-UA-x-icu" LIMIT 10`,
    [hromadaId, birthDate, tokens, surnameToken, exceptId ?? null],
  );
  return rows;
}

/** Adds a person's name tokens to the hromada's search vocabulary. */
export async function addVocabulary(client: PoolClient, hromadaId: number, tokens: string[]) {
  if (tokens.length === 0) return;
  await client.query(
    `INSERT INTO name_tokens (hromada_id, token) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
    [hromadaId, tokens],
  );
}

/**
 * Where a person sits for access checks: district, merge state, agencies that serve them. This and the card's two
 * reads below are prepared statements: their plan is always the same primary-key scan, and planning them (row-level
 * security, the hidden-contacts check) cost PostgreSQL four times their run (issue 15).
 */
export async function personScopeRow(
  client: PoolClient,
  hromadaId: number,
  personId: string,
): Promise<{ district_id: number | null; merged_into: string | null; agencies: number[] } | null> {
  const { rows } = await client.query<{ district_id: number | null; merged_into: string | null; agencies: number[] }>(
    prepared(
      `SELECT p.district_id, p.merged_into,
       coalesce((SELECT array_agg(pa.agency_id) FROM person_agencies pa WHERE pa.person_id = p.id), '{}') AS agencies
     FROM persons p WHERE p.id = $1 AND p.hromada_id = $2`,
      [personId, hromadaId],
    ),
  );
  return rows[0] ?? null;
}

export interface PersonRow {
  id: string;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  latin_name: string;
  birth_date: string | null;
  sex: 'female' | 'male' | null;
  rnokpp_mask: string | null;
  rnokpp_absence: string | null;
  unzr_mask: string | null;
  /** The subject of a restricted case, and the reader not on its team: address and contacts are empty. */
  contacts_hidden: boolean;
  phone: string | null;
  email: string | null;
  reg_settlement_code: string | null;
  reg_settlement_name: string | null;
  reg_street: string | null;
  reg_house: string | null;
  reg_apartment: string | null;
  district_id: number | null;
  district_name: string | null;
  death_date: string | null;
  merged_into: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}
export interface CategoryRow {
  id: string;
  code: string;
  name_uk: string;
  name_en: string;
  valid_from: string | null;
  valid_to: string | null;
  evidence: string | null;
  details: string | null;
  ended_at: Date | null;
}

/**
 * The fields a read of the person's data shows, as its audit entry names them: a restricted case's subject seen from
 * outside its team shows no address or contacts (decision 0023).
 */
export const personReadFields = (p: PersonRow): string[] => [
  'name',
  'birthDate',
  'sex',
  'identifiersMasked',
  ...(p.contacts_hidden ? [] : ['contacts', 'address']),
  'categories',
];

/** Whether the person's address and contacts are hidden from the user of the transaction (migration 0056). */
export async function contactsHiddenForMe(c: PoolClient, id: string): Promise<boolean> {
  const { rows } = await c.query<{ hidden: boolean }>('SELECT contacts_hidden_for_me($1) AS hidden', [id]);
  return rows[0].hidden;
}

/**
 * One person as the reader of the transaction may see them: the address and contacts of a restricted case's subject
 * are empty (`contacts_hidden`) for anyone outside the team of that case.
 */
export async function loadPerson(c: PoolClient, hromadaId: number, id: string): Promise<PersonRow | null> {
  const { rows } = await c.query<PersonRow>(
    prepared(
      `SELECT p.id, p.last_name, p.first_name, p.patronymic, p.latin_name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
       p.sex, p.rnokpp_mask, p.rnokpp_absence, p.unzr_mask, x.hidden AS contacts_hidden,
       ${unlessHidden('p.phone')} AS phone, ${unlessHidden('p.email')} AS email,
       ${unlessHidden('p.reg_settlement_code')} AS reg_settlement_code, s.name AS reg_settlement_name,
       ${unlessHidden('p.reg_street')} AS reg_street, ${unlessHidden('p.reg_house')} AS reg_house,
       ${unlessHidden('p.reg_apartment')} AS reg_apartment, p.district_id, d.name AS district_name,
       to_char(p.death_date, 'YYYY-MM-DD') AS death_date, p.merged_into, p.version, p.created_at, p.updated_at
     FROM persons p ${hiddenForMe('p.id')}
       LEFT JOIN settlements s ON s.code = ${unlessHidden('p.reg_settlement_code')} LEFT JOIN districts d ON d.id = p.district_id
     WHERE p.id = $1 AND p.hromada_id = $2`,
      [id, hromadaId],
    ),
  );
  return rows[0] ?? null;
}

export async function loadCategories(c: PoolClient, personId: string): Promise<CategoryRow[]> {
  const { rows } = await c.query<CategoryRow>(
    prepared(
      `SELECT pc.id, pc.code, coalesce(ct.name_uk, pc.code) AS name_uk, coalesce(ct.name_en, pc.code) AS name_en,
       to_char(pc.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(pc.valid_to, 'YYYY-MM-DD') AS valid_to,
       pc.evidence, pc.details, pc.ended_at
     FROM person_categories pc LEFT JOIN category_types ct ON ct.code = pc.code
       AND (ct.hromada_id IS NULL OR ct.hromada_id = pc.hromada_id)
     WHERE pc.person_id = $1 ORDER BY pc.ended_at NULLS FIRST, pc.valid_from DESC NULLS LAST`,
      [personId],
    ),
  );
  return rows;
}

/** A sealed identifier of a person (to reveal it), or null. */
export async function sealedIdentifier(c: PoolClient, id: string, field: 'rnokpp' | 'unzr'): Promise<string | null> {
  const { rows } = await c.query<{ sealed: string | null }>(
    `SELECT ${field === 'rnokpp' ? 'rnokpp_sealed' : 'unzr_sealed'} AS sealed FROM persons WHERE id = $1`,
    [id],
  );
  return rows[0]?.sealed ?? null;
}

/** The columns of a new person (identifiers already sealed); the registration address is also the actual one. */
export interface NewPersonRow {
  lastName: string;
  firstName: string;
  patronymic: string | null;
  latinName: string;
  birthDate: string | null;
  sex: string | null;
  rnokpp: SealedColumns | null;
  rnokppAbsence: string | null;
  unzr: SealedColumns | null;
  phone: string | null;
  email: string | null;
  settlementCode: string | null;
  street: string | null;
  house: string | null;
  apartment: string | null;
  districtId: number | null;
  deathDate: string | null;
  tokens: string[];
}
interface SealedColumns {
  sealed: string;
  hash: string;
  mask: string;
}

export async function insertPerson(c: PoolClient, hromadaId: number, userId: string, p: NewPersonRow): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO persons (hromada_id, last_name, first_name, patronymic, latin_name, birth_date, sex,
       rnokpp_sealed, rnokpp_hash, rnokpp_mask, rnokpp_absence, unzr_sealed, unzr_hash, unzr_mask, phone, email,
       reg_settlement_code, reg_street, reg_house, reg_apartment, act_settlement_code, act_street, act_house, act_apartment,
       district_id, death_date, name_tokens, created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
       $17, $18, $19, $20, $21, $22, $23, $24, $24) RETURNING id`,
    [
      hromadaId,
      p.lastName,
      p.firstName,
      p.patronymic,
      p.latinName,
      p.birthDate,
      p.sex,
      p.rnokpp?.sealed ?? null,
      p.rnokpp?.hash ?? null,
      p.rnokpp?.mask ?? null,
      p.rnokppAbsence,
      p.unzr?.sealed ?? null,
      p.unzr?.hash ?? null,
      p.unzr?.mask ?? null,
      p.phone,
      p.email,
      p.settlementCode,
      p.street,
      p.house,
      p.apartment,
      p.districtId,
      p.deathDate,
      p.tokens,
      userId,
    ],
  );
  return rows[0].id;
}

/** A person's stored fields as an edit compares them, locked for the update. */
export interface CurrentPersonRow {
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string | null;
  sex: 'female' | 'male' | null;
  rnokpp_sealed: string | null;
  rnokpp_hash: string | null;
  rnokpp_absence: 'refused' | 'none' | null;
  unzr_sealed: string | null;
  unzr_hash: string | null;
  phone: string | null;
  email: string | null;
  reg_settlement_code: string | null;
  reg_street: string | null;
  reg_house: string | null;
  reg_apartment: string | null;
  district_id: number | null;
  death_date: string | null;
  merged_into: string | null;
  version: number;
}

export async function lockPersonForUpdate(c: PoolClient, hromadaId: number, id: string): Promise<CurrentPersonRow> {
  const { rows } = await c.query<CurrentPersonRow>(
    `SELECT last_name, first_name, patronymic, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, sex, rnokpp_sealed,
       rnokpp_hash, rnokpp_absence, unzr_sealed, unzr_hash, phone, email, reg_settlement_code, reg_street, reg_house,
       reg_apartment, district_id, to_char(death_date, 'YYYY-MM-DD') AS death_date, merged_into, version
     FROM persons WHERE id = $1 AND hromada_id = $2 FOR UPDATE`,
    [id, hromadaId],
  );
  return rows[0];
}

/**
 * Sets changed columns (names come from the use-case's fixed column map) and, when given, the name
 * tokens, if the person is still at `version`; the new version, or null when someone changed it meanwhile.
 */
export async function updatePersonColumns(
  c: PoolClient,
  o: {
    hromadaId: number;
    id: string;
    userId: string;
    version: number;
    next: Record<string, string | number | null>;
    tokens?: string[];
  },
): Promise<number | null> {
  const columns = Object.keys(o.next);
  const params: unknown[] = columns.map((k) => o.next[k]);
  const sets = columns.map((k, i) => `${k} = $${String(i + 1)}`);
  if (o.tokens) {
    params.push(o.tokens);
    sets.push(`name_tokens = $${String(params.length)}`);
  }
  params.push(o.userId, o.id, o.hromadaId, o.version);
  const n = params.length;
  const updated = await c.query<{ version: number }>(
    `UPDATE persons SET ${sets.join(', ')}, updated_by = $${String(n - 3)}, updated_at = now(), version = version + 1
     WHERE id = $${String(n - 2)} AND hromada_id = $${String(n - 1)} AND version = $${String(n)} RETURNING version`,
    params,
  );
  return updated.rowCount === 1 ? updated.rows[0].version : null;
}
