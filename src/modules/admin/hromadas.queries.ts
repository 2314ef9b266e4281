import type { Queryable } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';

export interface HromadaRow {
  id: number;
  code: string;
  name: string;
  active: boolean;
  activated_at: Date | null;
  raion: string;
  oblast: string;
}
export interface DistrictRow {
  id: number;
  name: string;
  settlements: number;
  grants: number;
}
export interface AgencyRow {
  id: number;
  name: string;
  kind: string;
  grants: number;
}
export interface SettlementRow {
  code: string;
  name: string;
  category: string;
  district_id: number | null;
  district_name: string | null;
}

const HROMADA_COLUMNS = `h.id, h.code, h.name, h.active, h.activated_at, r.name AS raion, o.name AS oblast
  FROM hromadas h JOIN raions r ON r.code = h.raion_code JOIN oblasts o ON o.code = h.oblast_code`;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** Hromadas of the codifier by name (all active ones when no name is given). */
export async function searchHromadas(c: Queryable, q: string, limit: number, offset: number) {
  const where = q ? 'h.name ILIKE $1' : '($1::text IS NULL AND h.active)';
  const values = [q ? likePattern(q) : null];
  const { rows } = await c.query<HromadaRow>(
    `SELECT ${HROMADA_COLUMNS} WHERE ${where} ORDER BY h.active DESC, h.name COLLATE "uk-UA-x-icu", h.id LIMIT $2 OFFSET $3`,
    [...values, limit, offset],
  );
  const count = await c.query<{ n: string }>(`SELECT count(*) AS n FROM hromadas h WHERE ${where}`, values);
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
     FROM districts d WHERE d.hromada_id = $1 ORDER BY d.name COLLATE "uk-UA-x-icu"`,
    [hromadaId],
  );
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
     FROM agencies a WHERE a.hromada_id = $1 ORDER BY a.name COLLATE "uk-UA-x-icu"`,
    [hromadaId],
  );
  return rows;
}

/** Settlements of the hromada with the district each belongs to (if any). */
export async function listSettlements(c: Queryable, hromadaId: number): Promise<SettlementRow[]> {
  const { rows } = await c.query<SettlementRow>(
    `SELECT s.code, s.name, s.category, ds.district_id, d.name AS district_name
       FROM settlements s JOIN hromadas h ON h.code = s.hromada_code
       LEFT JOIN district_settlements ds ON ds.settlement_code = s.code AND ds.hromada_id = h.id
       LEFT JOIN districts d ON d.id = ds.district_id
      WHERE h.id = $1 ORDER BY s.category = 'M' DESC, s.name COLLATE "uk-UA-x-icu", s.code`,
    [hromadaId],
  );
  return rows;
}

/** A unique constraint refused the row (a name or username already taken). */
export const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

export async function markHromadaActive(c: Queryable, id: number): Promise<void> {
  await c.query('UPDATE hromadas SET active = true, activated_at = now() WHERE id = $1 AND NOT active', [id]);
}

export async function insertDistrict(c: Queryable, hromadaId: number, name: string): Promise<number> {
  const { rows } = await c.query<{ id: number }>(
    'INSERT INTO districts (hromada_id, name) VALUES ($1, $2) RETURNING id',
    [hromadaId, name],
  );
  return rows[0].id;
}

export async function updateDistrictName(c: Queryable, hromadaId: number, id: number, name: string): Promise<void> {
  await c.query('UPDATE districts SET name = $3 WHERE id = $1 AND hromada_id = $2', [id, hromadaId, name]);
}

export async function deleteDistrictRow(c: Queryable, hromadaId: number, id: number): Promise<void> {
  await c.query('DELETE FROM districts WHERE id = $1 AND hromada_id = $2', [id, hromadaId]);
}

export async function insertAgency(c: Queryable, hromadaId: number, name: string, kind: string): Promise<number> {
  const { rows } = await c.query<{ id: number }>(
    'INSERT INTO agencies (hromada_id, name, kind) VALUES ($1, $2, $3) RETURNING id',
    [hromadaId, name, kind],
  );
  return rows[0].id;
}

/** How many of `codes` are settlements of the hromada with this codifier code. */
export async function countSettlementsOf(c: Queryable, hromadaCode: string, codes: string[]): Promise<number> {
  const { rows } = await c.query<{ code: string }>(
    'SELECT code FROM settlements WHERE hromada_code = $1 AND code = ANY($2::text[])',
    [hromadaCode, codes],
  );
  return rows.length;
}

/** Makes `codes` exactly the settlements of a district; answers how many were added (or moved) and removed. */
export async function replaceDistrictSettlements(c: Queryable, hromadaId: number, districtId: number, codes: string[]) {
  const removed = await c.query(
    'DELETE FROM district_settlements WHERE hromada_id = $1 AND district_id = $2 AND settlement_code <> ALL($3::text[])',
    [hromadaId, districtId, codes],
  );
  const added = await c.query(
    `INSERT INTO district_settlements (hromada_id, district_id, settlement_code) SELECT $1, $2, unnest($3::text[])
     ON CONFLICT (hromada_id, settlement_code) DO UPDATE SET district_id = EXCLUDED.district_id
     WHERE district_settlements.district_id <> EXCLUDED.district_id`,
    [hromadaId, districtId, codes],
  );
  return { added: added.rowCount ?? 0, removed: removed.rowCount ?? 0 };
}

/** Who issues the hromada's decisions, as the decision PDF names it (hromadas.settings.issuer). */
export interface IssuerSettings {
  council: string;
  department: string;
  officialPosition: string;
}

export async function readIssuer(c: Queryable, hromadaId: number): Promise<IssuerSettings> {
  const { rows } = await c.query<{ issuer: Partial<IssuerSettings> | null }>(
    "SELECT settings -> 'issuer' AS issuer FROM hromadas WHERE id = $1",
    [hromadaId],
  );
  const i = rows[0]?.issuer ?? {};
  return { council: i.council ?? '', department: i.department ?? '', officialPosition: i.officialPosition ?? '' };
}

export async function writeIssuer(c: Queryable, hromadaId: number, issuer: IssuerSettings): Promise<void> {
  await c.query(`UPDATE hromadas SET settings = jsonb_set(settings, '{issuer}', $2::jsonb) WHERE id = $1`, [
    hromadaId,
    JSON.stringify(issuer),
  ]);
}
