import type { Queryable } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';

export interface HromadaRow {
  id: number; code: string; name: string; active: boolean; activated_at: Date | null; raion: string; oblast: string;
}
export interface DistrictRow { id: number; name: string; settlements: number; grants: number }
export interface AgencyRow { id: number; name: string; kind: string; grants: number }
export interface SettlementRow { code: string; name: string; category: string; district_id: number | null; district_name: string | null }

const HROMADA_COLUMNS = `h.id, h.code, h.name, h.active, h.activated_at, r.name AS raion, o.name AS oblast
  FROM hromadas h JOIN raions r ON r.code = h.raion_code JOIN oblasts o ON o.code = h.oblast_code`;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** Hromadas of the codifier by name (all active ones when no name is given). */
export async function searchHromadas(c: Queryable, q: string, limit: number, offset: number) {
  const where = q ? 'h.name ILIKE $1' : '($1::text IS NULL AND h.active)';
  const values = [q ? likePattern(q) : null];
  const { rows } = await c.query<HromadaRow>(
    `SELECT ${HROMADA_COLUMNS} WHERE ${where} ORDER BY h.active DESC, h.name COLLATE "uk-UA-x-icu", h.id LIMIT $2 OFFSET $3`,
    [...values, limit, offset]);
  const count = await c.query<{ n: string }>(
    `SELECT count(*) AS n FROM hromadas h WHERE ${where}`, values);
  return { rows, total: Number(count.rows[0].n) };
}

export async function requireHromada(c: Queryable, id: number): Promise<HromadaRow> {
  const { rows } = await c.query<HromadaRow>(`SELECT ${HROMADA_COLUMNS} WHERE h.id = $1`, [id]);
  if (!rows[0]) throw new AppError('not_found');
  return rows[0];
}

export async function listDistricts(c: Queryable, hromadaId: number): Promise<DistrictRow[]> {
  const { rows } = await c.query<DistrictRow>(
    `SELECT d.id, d.name,
       (SELECT count(*)::int FROM district_settlements s WHERE s.district_id = d.id) AS settlements,
       (SELECT count(*)::int FROM grants g WHERE g.district_id = d.id) AS grants
     FROM districts d WHERE d.hromada_id = $1 ORDER BY d.name COLLATE "uk-UA-x-icu"`, [hromadaId]);
  return rows;
}

export async function requireDistrict(c: Queryable, hromadaId: number, id: number): Promise<DistrictRow> {
  const rows = (await listDistricts(c, hromadaId)).filter((d) => d.id === id);
  if (!rows[0]) throw new AppError('not_found');
  return rows[0];
}

export async function listAgencies(c: Queryable, hromadaId: number): Promise<AgencyRow[]> {
  const { rows } = await c.query<AgencyRow>(
    `SELECT a.id, a.name, a.kind, (SELECT count(*)::int FROM grants g WHERE g.agency_id = a.id) AS grants
     FROM agencies a WHERE a.hromada_id = $1 ORDER BY a.name COLLATE "uk-UA-x-icu"`, [hromadaId]);
  return rows;
}

/** Settlements of the hromada with the district each belongs to (if any). */
export async function listSettlements(c: Queryable, hromadaId: number): Promise<SettlementRow[]> {
  const { rows } = await c.query<SettlementRow>(
    `SELECT s.code, s.name, s.category, ds.district_id, d.name AS district_name
       FROM settlements s JOIN hromadas h ON h.code = s.hromada_code
       LEFT JOIN district_settlements ds ON ds.settlement_code = s.code AND ds.hromada_id = h.id
       LEFT JOIN districts d ON d.id = ds.district_id
      WHERE h.id = $1 ORDER BY s.category = 'M' DESC, s.name COLLATE "uk-UA-x-icu", s.code`, [hromadaId]);
  return rows;
}
