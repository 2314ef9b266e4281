import type { Metric, Period } from '../metrics/metric.js';
import type { PoolClient } from 'pg';

export interface Option {
  value: string;
  text: string;
}

/** The hromada's settlements (КАТОТТГ), sorted the Ukrainian way. */
export async function settlementOptions(c: PoolClient, hromadaId: number): Promise<Option[]> {
  const { rows } = await c.query<{ code: string; name: string }>(
    `SELECT s.code, s.name FROM settlements s JOIN hromadas h ON h.code = s.hromada_code
     WHERE h.id = $1 ORDER BY s.name COLLATE "uk-UA-x-icu", s.code`,
    [hromadaId],
  );
  return rows.map((r) => ({ value: r.code, text: r.name }));
}

/** The hromada's settlements with the starosta district each belongs to (null: none), sorted the Ukrainian way. */
export async function settlementDistricts(
  c: PoolClient,
  hromadaId: number,
): Promise<(Option & { districtId: number | null })[]> {
  const { rows } = await c.query<{ code: string; name: string; district_id: number | null }>(
    `SELECT s.code, s.name, ds.district_id FROM settlements s JOIN hromadas h ON h.code = s.hromada_code
     LEFT JOIN district_settlements ds ON ds.hromada_id = h.id AND ds.settlement_code = s.code
     WHERE h.id = $1 ORDER BY s.name COLLATE "uk-UA-x-icu", s.code`,
    [hromadaId],
  );
  return rows.map((r) => ({ value: r.code, text: r.name, districtId: r.district_id }));
}

export async function districtOptions(c: PoolClient, hromadaId: number): Promise<Option[]> {
  const { rows } = await c.query<{ id: number; name: string }>(
    `SELECT id, name FROM districts WHERE hromada_id = $1 ORDER BY name COLLATE "uk-UA-x-icu"`,
    [hromadaId],
  );
  return rows.map((r) => ({ value: String(r.id), text: r.name }));
}

export interface CategoryType {
  code: string;
  name_uk: string;
  name_en: string;
  needs_details: boolean;
}

/** Category types in use in this hromada: the built-in ones and its own. */
export async function categoryTypes(c: PoolClient, hromadaId: number): Promise<CategoryType[]> {
  const { rows } = await c.query<CategoryType>(
    `SELECT code, name_uk, name_en, needs_details FROM category_types
     WHERE active AND (hromada_id IS NULL OR hromada_id = $1) ORDER BY sort, name_uk COLLATE "uk-UA-x-icu"`,
    [hromadaId],
  );
  return rows;
}

export interface Reference {
  settlements: Option[];
  districts: Option[];
  categories: CategoryType[];
}

export async function loadReference(c: PoolClient, hromadaId: number): Promise<Reference> {
  return {
    settlements: await settlementOptions(c, hromadaId),
    districts: await districtOptions(c, hromadaId),
    categories: await categoryTypes(c, hromadaId),
  };
}

/** Adds a category to a person; its id. */
export async function insertCategory(
  c: PoolClient,
  o: {
    hromadaId: number;
    personId: string;
    code: string;
    validFrom?: string;
    validTo?: string;
    evidence?: string;
    details?: string;
    userId: string;
  },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO person_categories (hromada_id, person_id, code, valid_from, valid_to, evidence, details, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      o.hromadaId,
      o.personId,
      o.code,
      o.validFrom ?? null,
      o.validTo ?? null,
      o.evidence ?? null,
      o.details ?? null,
      o.userId,
    ],
  );
  return rows[0].id;
}

export interface CategoryToEnd {
  id: string;
  name_uk: string;
  name_en: string;
  valid_from: string | null;
  valid_to: string | null;
}

/** A person's category still in force (not ended), or null. */
export async function openCategory(c: PoolClient, personId: string, categoryId: string): Promise<CategoryToEnd | null> {
  const { rows } = await c.query<CategoryToEnd>(
    `SELECT pc.id, coalesce(ct.name_uk, pc.code) AS name_uk, coalesce(ct.name_en, pc.code) AS name_en,
       to_char(pc.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(pc.valid_to, 'YYYY-MM-DD') AS valid_to
     FROM person_categories pc LEFT JOIN category_types ct ON ct.code = pc.code
       AND (ct.hromada_id IS NULL OR ct.hromada_id = pc.hromada_id)
     WHERE pc.id = $1 AND pc.person_id = $2 AND pc.ended_at IS NULL`,
    [categoryId, personId],
  );
  return rows[0] ?? null;
}

/** Ends a person's category in force; its code, or null when there is none. */
export async function closeCategory(
  c: PoolClient,
  personId: string,
  categoryId: string,
  userId: string,
): Promise<string | null> {
  const { rows } = await c.query<{ code: string }>(
    `UPDATE person_categories SET ended_at = now(), ended_by = $3
     WHERE id = $1 AND person_id = $2 AND ended_at IS NULL RETURNING code`,
    [categoryId, personId, userId],
  );
  return rows[0]?.code ?? null;
}

/** Records a person's identity document (number sealed, hashed and masked). */
export async function insertPersonDocument(
  c: PoolClient,
  hromadaId: number,
  personId: string,
  kind: 'id_card' | 'passport_book',
  doc: { sealed: string; hash: string; mask: string },
): Promise<void> {
  await c.query(
    `INSERT INTO person_documents (hromada_id, person_id, kind, number_sealed, number_hash, number_mask)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [hromadaId, personId, kind, doc.sealed, doc.hash, doc.mask],
  );
}

export interface MetricPersonRow {
  id: string;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string | null;
}

/**
 * The persons behind a metric's figure for a period (each once), in the order of the registry — a page of them and how
 * many in all; `districtId` narrows to one starosta district (a starosta's reach).
 */
export async function metricPersons(
  c: PoolClient,
  metric: Metric,
  hromadaId: number,
  period: Period,
  districtId: number | null,
  limit: number,
  offset: number,
): Promise<{ total: number; rows: MetricPersonRow[] }> {
  const r = await c.query<MetricPersonRow & { total: string }>(
    `WITH b AS (${metric.baseSql}), ids AS (SELECT DISTINCT person_id FROM b WHERE person_id IS NOT NULL)
     SELECT p.id, p.last_name, p.first_name, p.patronymic, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
       count(*) OVER () AS total
     FROM ids JOIN persons p ON p.hromada_id = $1 AND p.id = ids.person_id
     WHERE $4::int IS NULL OR p.district_id = $4
     ORDER BY p.last_name COLLATE "uk-UA-x-icu", p.first_name COLLATE "uk-UA-x-icu", p.birth_date, p.id
     LIMIT $5 OFFSET $6`,
    [hromadaId, period.from, period.to, districtId, limit, offset],
  );
  return { total: Number(r.rows[0]?.total ?? 0), rows: r.rows.map(({ total: _, ...x }) => x) };
}
