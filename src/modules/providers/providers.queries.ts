import type { Queryable } from '../../platform/db.js';
import type { Ownership, Setting } from './provider-rules.js';

export const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

export interface ProviderListFilter {
  ownership: Ownership | null;
  /** Only active (true) or only inactive (false) providers; null: all. */
  active: boolean | null;
}

export interface ProviderListRow {
  id: number;
  name: string;
  ownership: Ownership;
  code: string | null;
  active: boolean;
  services: number;
}

/** A page of the hromada's providers (its agencies) by name, with how many catalogue services each delivers. */
export async function providersPage(
  c: Queryable,
  hromadaId: number,
  f: ProviderListFilter,
  limit: number,
  offset: number,
): Promise<{ rows: ProviderListRow[]; total: number }> {
  const where = `a.hromada_id = $1 AND ($2::text IS NULL OR a.ownership = $2) AND ($3::boolean IS NULL OR a.active = $3)`;
  const params = [hromadaId, f.ownership, f.active];
  const { rows } = await c.query<ProviderListRow>(
    `SELECT a.id, a.name, a.ownership, a.code, a.active,
            (SELECT count(*)::int FROM service_providers sp
              WHERE sp.hromada_id = a.hromada_id AND sp.agency_id = a.id) AS services
     FROM agencies a WHERE ${where}
     ORDER BY a.name COLLATE "uk-UA-x-icu", a.id LIMIT $4 OFFSET $5`,
    [...params, limit, offset],
  );
  const total = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM agencies a WHERE ${where}`, params);
  return { rows, total: total.rows[0]?.n ?? 0 };
}

export interface ProviderRow {
  id: number;
  name: string;
  kind: string;
  ownership: Ownership;
  code: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  licence: string | null;
  places: number | null;
  hours_per_month: number | null;
  staff_count: number | null;
  active: boolean;
  agreement_number: string | null;
  agreement_date: string | null;
}

export async function loadProvider(c: Queryable, hromadaId: number, id: number): Promise<ProviderRow | null> {
  const { rows } = await c.query<ProviderRow>(
    `SELECT id, name, kind, ownership, code, address, phone, email, licence, places, hours_per_month, staff_count,
            active, agreement_number, to_char(agreement_date, 'YYYY-MM-DD') AS agreement_date
     FROM agencies WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id],
  );
  return rows[0] ?? null;
}

/** A provider's registry data, as the form gives it. */
export interface ProviderData {
  name: string;
  ownership: Ownership;
  code: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  licence: string | null;
  places: number | null;
  hoursPerMonth: number | null;
  staffCount: number | null;
  active: boolean;
  agreementNumber: string | null;
  agreementDate: string | null;
}

const values = (d: ProviderData) => [
  d.name,
  d.ownership,
  d.code,
  d.address,
  d.phone,
  d.email,
  d.licence,
  d.places,
  d.hoursPerMonth,
  d.staffCount,
  d.active,
  d.agreementNumber,
  d.agreementDate,
];

export async function insertProvider(c: Queryable, hromadaId: number, d: ProviderData, by: string): Promise<number> {
  const { rows } = await c.query<{ id: number }>(
    `INSERT INTO agencies (name, ownership, code, address, phone, email, licence, places, hours_per_month, staff_count,
                           active, agreement_number, agreement_date, hromada_id, kind, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'provider', now(), $15) RETURNING id`,
    [...values(d), hromadaId, by],
  );
  return rows[0]?.id ?? 0;
}

export async function updateProvider(
  c: Queryable,
  hromadaId: number,
  id: number,
  d: ProviderData,
  by: string,
): Promise<void> {
  await c.query(
    `UPDATE agencies SET name = $1, ownership = $2, code = $3, address = $4, phone = $5, email = $6, licence = $7,
            places = $8, hours_per_month = $9, staff_count = $10, active = $11, agreement_number = $12,
            agreement_date = $13, updated_at = now(), updated_by = $16
     WHERE hromada_id = $14 AND id = $15`,
    [...values(d), hromadaId, id, by],
  );
}

export interface ProviderServiceRow {
  service_id: string;
  name: string;
  /** Null: the catalogue names the provider for the service, but where it delivers it is not recorded. */
  setting: Setting | null;
}

/**
 * The catalogue services a provider delivers — the catalogue's own list (`service_providers`, which the hand-over
 * offers providers from) — each with where it is delivered (one row per setting recorded).
 */
export async function providerServices(c: Queryable, hromadaId: number, id: number): Promise<ProviderServiceRow[]> {
  const { rows } = await c.query<ProviderServiceRow>(
    `SELECT sp.service_id, s.name, ps.setting FROM service_providers sp
     JOIN services s ON s.hromada_id = sp.hromada_id AND s.id = sp.service_id
     LEFT JOIN provider_services ps
       ON ps.hromada_id = sp.hromada_id AND ps.agency_id = sp.agency_id AND ps.service_id = sp.service_id
     WHERE sp.hromada_id = $1 AND sp.agency_id = $2
     ORDER BY s.name COLLATE "uk-UA-x-icu", s.id,
              array_position(ARRAY['home', 'day_centre', 'residential', 'remote'], ps.setting)`,
    [hromadaId, id],
  );
  return rows;
}

/** The hromada's active catalogue services, to choose one a provider delivers. */
export async function serviceChoices(c: Queryable, hromadaId: number): Promise<{ id: string; name: string }[]> {
  const { rows } = await c.query<{ id: string; name: string }>(
    `SELECT id, name FROM services WHERE hromada_id = $1 AND active ORDER BY name COLLATE "uk-UA-x-icu", id`,
    [hromadaId],
  );
  return rows;
}

export async function serviceExists(c: Queryable, hromadaId: number, id: string): Promise<boolean> {
  const { rowCount } = await c.query('SELECT 1 FROM services WHERE hromada_id = $1 AND id = $2 AND active', [
    hromadaId,
    id,
  ]);
  return (rowCount ?? 0) > 0;
}

/** Adds the settings of a service a provider delivers; those already recorded stay. Returns the settings added. */
export async function insertProviderServices(
  c: Queryable,
  hromadaId: number,
  id: number,
  serviceId: string,
  settings: Setting[],
  by: string,
): Promise<Setting[]> {
  // The catalogue's list of who delivers the service is the one the hand-over reads: the provider joins it.
  await c.query(
    'INSERT INTO service_providers (hromada_id, service_id, agency_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [hromadaId, serviceId, id],
  );
  const { rows } = await c.query<{ setting: Setting }>(
    `INSERT INTO provider_services (hromada_id, agency_id, service_id, setting, created_by)
     SELECT $1, $2, $3, s, $5 FROM unnest($4::text[]) s
     ON CONFLICT DO NOTHING RETURNING setting`,
    [hromadaId, id, serviceId, settings, by],
  );
  return rows.map((r) => r.setting);
}

export async function deleteProviderService(
  c: Queryable,
  hromadaId: number,
  id: number,
  serviceId: string,
  setting: Setting,
): Promise<boolean> {
  const { rowCount } = await c.query(
    'DELETE FROM provider_services WHERE hromada_id = $1 AND agency_id = $2 AND service_id = $3 AND setting = $4',
    [hromadaId, id, serviceId, setting],
  );
  // With its last setting gone the provider no longer delivers the service: it leaves the catalogue's list too.
  await c.query(
    `DELETE FROM service_providers sp WHERE sp.hromada_id = $1 AND sp.agency_id = $2 AND sp.service_id = $3
       AND NOT EXISTS (SELECT 1 FROM provider_services ps
         WHERE ps.hromada_id = $1 AND ps.agency_id = $2 AND ps.service_id = $3)`,
    [hromadaId, id, serviceId],
  );
  return (rowCount ?? 0) > 0;
}

export interface ProviderStaffRow {
  user_id: string;
  display_name: string;
  role: string;
  active: boolean;
}

/** The staff users of the provider: the accounts with a grant scoped to its agency. */
export async function providerStaff(c: Queryable, hromadaId: number, id: number): Promise<ProviderStaffRow[]> {
  const { rows } = await c.query<ProviderStaffRow>(
    `SELECT u.id AS user_id, u.display_name, g.role, u.active FROM grants g JOIN users u ON u.id = g.user_id
     WHERE g.hromada_id = $1 AND g.agency_id = $2
     ORDER BY u.display_name COLLATE "uk-UA-x-icu", g.role`,
    [hromadaId, id],
  );
  return rows;
}
