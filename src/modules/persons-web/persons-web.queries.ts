import type { PoolClient } from 'pg';

export interface Option { value: string; text: string }

/** The hromada's settlements (КАТОТТГ), sorted the Ukrainian way. */
export async function settlementOptions(c: PoolClient, hromadaId: number): Promise<Option[]> {
  const { rows } = await c.query<{ code: string; name: string }>(
    `SELECT s.code, s.name FROM settlements s JOIN hromadas h ON h.code = s.hromada_code
     WHERE h.id = $1 ORDER BY s.name COLLATE "uk-UA-x-icu", s.code`, [hromadaId]);
  return rows.map((r) => ({ value: r.code, text: r.name }));
}

/** The hromada's settlements with the starosta district each belongs to (null: none), sorted the Ukrainian way. */
export async function settlementDistricts(c: PoolClient, hromadaId: number): Promise<(Option & { districtId: number | null })[]> {
  const { rows } = await c.query<{ code: string; name: string; district_id: number | null }>(
    `SELECT s.code, s.name, ds.district_id FROM settlements s JOIN hromadas h ON h.code = s.hromada_code
     LEFT JOIN district_settlements ds ON ds.hromada_id = h.id AND ds.settlement_code = s.code
     WHERE h.id = $1 ORDER BY s.name COLLATE "uk-UA-x-icu", s.code`, [hromadaId]);
  return rows.map((r) => ({ value: r.code, text: r.name, districtId: r.district_id }));
}

export async function districtOptions(c: PoolClient, hromadaId: number): Promise<Option[]> {
  const { rows } = await c.query<{ id: number; name: string }>(
    `SELECT id, name FROM districts WHERE hromada_id = $1 ORDER BY name COLLATE "uk-UA-x-icu"`, [hromadaId]);
  return rows.map((r) => ({ value: String(r.id), text: r.name }));
}

export interface CategoryType { code: string; name_uk: string; name_en: string; needs_details: boolean }

/** Category types in use in this hromada: the built-in ones and its own. */
export async function categoryTypes(c: PoolClient, hromadaId: number): Promise<CategoryType[]> {
  const { rows } = await c.query<CategoryType>(
    `SELECT code, name_uk, name_en, needs_details FROM category_types
     WHERE active AND (hromada_id IS NULL OR hromada_id = $1) ORDER BY sort, name_uk COLLATE "uk-UA-x-icu"`, [hromadaId]);
  return rows;
}

export interface Reference { settlements: Option[]; districts: Option[]; categories: CategoryType[] }

export async function loadReference(c: PoolClient, hromadaId: number): Promise<Reference> {
  return { settlements: await settlementOptions(c, hromadaId), districts: await districtOptions(c, hromadaId),
    categories: await categoryTypes(c, hromadaId) };
}
