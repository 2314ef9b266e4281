import type { Queryable } from '../../platform/db.js';
import type { Role } from '../../platform/policy.js';
import { AppError } from '../../platform/errors.js';

export interface StaffRow {
  id: string;
  username: string;
  display_name: string;
  active: boolean;
  is_superadmin: boolean;
  mfa_enrolled: boolean;
  must_change_password: boolean;
  created_at: Date;
  roles: Role[];
}

export interface GrantRow {
  id: number;
  role: Role;
  district_id: number | null;
  district_name: string | null;
  agency_id: number | null;
  agency_name: string | null;
  created_at: Date;
}

const SORTS = { name: 'u.display_name COLLATE "uk-UA-x-icu"', username: 'u.username' } as const;

const STAFF_COLUMNS = `u.id, u.username, u.display_name, u.active, u.is_superadmin,
  u.totp_enabled_at IS NOT NULL AS mfa_enrolled, u.must_change_password, u.created_at,
  coalesce(array_agg(DISTINCT g.role) FILTER (WHERE g.id IS NOT NULL), '{}') AS roles`;

/**
 * Staff of a hromada: everyone holding a grant in it, or created in it (home hromada).
 * Runs in the hromada's transaction, so RLS limits `grants` to this hromada as well.
 */
const STAFF_FROM = `FROM users u LEFT JOIN grants g ON g.user_id = u.id AND g.hromada_id = $1
  WHERE u.kind = 'staff' AND (g.id IS NOT NULL OR u.home_hromada_id = $1)`;

export async function listStaff(
  c: Queryable,
  hromadaId: number,
  o: {
    sort: keyof typeof SORTS;
    dir: 'asc' | 'desc';
    limit: number;
    offset: number;
  },
): Promise<{ rows: StaffRow[]; total: number }> {
  const order = `${SORTS[o.sort]} ${o.dir === 'desc' ? 'DESC' : 'ASC'}, u.id`;
  const { rows } = await c.query<StaffRow>(
    `SELECT ${STAFF_COLUMNS} ${STAFF_FROM} GROUP BY u.id ORDER BY ${order} LIMIT $2 OFFSET $3`,
    [hromadaId, o.limit, o.offset],
  );
  const count = await c.query<{ n: string }>(`SELECT count(DISTINCT u.id) AS n ${STAFF_FROM}`, [hromadaId]);
  return { rows, total: Number(count.rows[0].n) };
}

/** One staff member of this hromada, or `not_found` (a user of another hromada is invisible). */
export async function requireStaff(c: Queryable, hromadaId: number, userId: string): Promise<StaffRow> {
  const { rows } = await c.query<StaffRow>(`SELECT ${STAFF_COLUMNS} ${STAFF_FROM} AND u.id = $2 GROUP BY u.id`, [
    hromadaId,
    userId,
  ]);
  if (!rows[0]) throw new AppError('not_found');
  return rows[0];
}

export async function listGrantsOf(c: Queryable, hromadaId: number, userId: string): Promise<GrantRow[]> {
  const { rows } = await c.query<GrantRow>(
    `SELECT g.id, g.role, g.district_id, d.name AS district_name, g.agency_id, a.name AS agency_name, g.created_at
       FROM grants g LEFT JOIN districts d ON d.id = g.district_id LEFT JOIN agencies a ON a.id = g.agency_id
      WHERE g.hromada_id = $1 AND g.user_id = $2 ORDER BY g.role, g.id`,
    [hromadaId, userId],
  );
  return rows;
}

export async function usernameTaken(c: Queryable, username: string): Promise<boolean> {
  const { rowCount } = await c.query('SELECT 1 FROM users WHERE username = $1', [username]);
  return (rowCount ?? 0) > 0;
}

export async function insertStaffUser(
  c: Queryable,
  u: {
    username: string;
    displayName: string;
    passwordHash: string;
    hromadaId: number;
  },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO users (kind, username, display_name, password_hash, home_hromada_id, must_change_password,
       password_changed_at) VALUES ('staff', $1, $2, $3, $4, true, now()) RETURNING id`,
    [u.username, u.displayName, u.passwordHash, u.hromadaId],
  );
  return rows[0].id;
}

export async function insertGrant(
  c: Queryable,
  g: {
    hromadaId: number;
    userId: string;
    role: Role;
    districtId: number | null;
    agencyId: number | null;
    createdBy: string;
  },
): Promise<number> {
  const { rows } = await c.query<{ id: number }>(
    `INSERT INTO grants (hromada_id, user_id, role, district_id, agency_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
    [g.hromadaId, g.userId, g.role, g.districtId, g.agencyId, g.createdBy],
  );
  return rows[0]?.id ?? 0;
}

/** Ends every session of a user inside the transaction of the change that requires it. */
export async function endSessions(c: Queryable, userId: string): Promise<number> {
  const { rowCount } = await c.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
  return rowCount ?? 0;
}

export async function districtInHromada(c: Queryable, hromadaId: number, id: number): Promise<boolean> {
  const { rowCount } = await c.query('SELECT 1 FROM districts WHERE id = $1 AND hromada_id = $2', [id, hromadaId]);
  return (rowCount ?? 0) > 0;
}

export async function agencyInHromada(c: Queryable, hromadaId: number, id: number): Promise<boolean> {
  const { rowCount } = await c.query('SELECT 1 FROM agencies WHERE id = $1 AND hromada_id = $2', [id, hromadaId]);
  return (rowCount ?? 0) > 0;
}

export async function scopeOptions(c: Queryable, hromadaId: number) {
  const d = await c.query<{ id: number; name: string }>(
    'SELECT id, name FROM districts WHERE hromada_id = $1 ORDER BY name COLLATE "uk-UA-x-icu"',
    [hromadaId],
  );
  const a = await c.query<{ id: number; name: string }>(
    'SELECT id, name FROM agencies WHERE hromada_id = $1 ORDER BY name COLLATE "uk-UA-x-icu"',
    [hromadaId],
  );
  return { districts: d.rows, agencies: a.rows };
}

export async function updateDisplayName(c: Queryable, userId: string, displayName: string): Promise<void> {
  await c.query('UPDATE users SET display_name = $2, updated_at = now() WHERE id = $1', [userId, displayName]);
}

/** A temporary password set by an administrator: to be changed at the next login; a lockout is cleared. */
export async function setTemporaryPassword(c: Queryable, userId: string, passwordHash: string): Promise<void> {
  await c.query(
    `UPDATE users SET password_hash = $2, must_change_password = true, password_changed_at = now(),
       failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1`,
    [userId, passwordHash],
  );
}

/** Marks the user's unused one-time tokens (e-mail links) as used. */
export async function useUpUserTokens(c: Queryable, userId: string): Promise<void> {
  await c.query(`UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [userId]);
}

export async function setActive(c: Queryable, userId: string, active: boolean): Promise<void> {
  await c.query(
    `UPDATE users SET active = $2, updated_at = now(), failed_logins = 0, locked_until = NULL WHERE id = $1`,
    [userId, active],
  );
}

export async function deleteGrant(c: Queryable, hromadaId: number, userId: string, grantId: number): Promise<void> {
  await c.query('DELETE FROM grants WHERE id = $1 AND hromada_id = $2 AND user_id = $3', [grantId, hromadaId, userId]);
}
