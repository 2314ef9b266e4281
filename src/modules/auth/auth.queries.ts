import type { Db } from '../../platform/db.js';

/** The pool (outside a tenant) or a transaction's client. */
export type Queryable = Pick<Db, 'query'>;

/** What the login steps need to know about a staff account (never shown to the user). */
export interface AuthUser {
  id: string;
  kind: 'staff' | 'resident';
  username: string | null;
  displayName: string;
  passwordHash: string | null;
  totpSecret: string | null;
  totpEnabled: boolean;
  active: boolean;
  locked: boolean;
  homeHromadaId: number | null;
  mustChangePassword: boolean;
  recoveryCodesLeft: number;
}

interface AuthUserRow {
  id: string;
  kind: 'staff' | 'resident';
  username: string | null;
  display_name: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: boolean;
  active: boolean;
  locked: boolean;
  home_hromada_id: number | null;
  must_change_password: boolean;
  recovery_codes_left: number;
}

const COLUMNS = `id, kind, username, display_name, password_hash, totp_secret, totp_enabled_at IS NOT NULL AS totp_enabled,
  active, coalesce(locked_until > now(), false) AS locked, home_hromada_id, must_change_password,
  jsonb_array_length(recovery_codes) AS recovery_codes_left`;

const toUser = (r: AuthUserRow): AuthUser => ({
  id: r.id,
  kind: r.kind,
  username: r.username,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  totpSecret: r.totp_secret,
  totpEnabled: r.totp_enabled,
  active: r.active,
  locked: r.locked,
  homeHromadaId: r.home_hromada_id,
  mustChangePassword: r.must_change_password,
  recoveryCodesLeft: r.recovery_codes_left,
});

/** A staff account by login name; the exact spelling wins over a case-insensitive match. */
export async function findStaffByUsername(q: Queryable, username: string): Promise<AuthUser | null> {
  const { rows } = await q.query<AuthUserRow>(
    `SELECT ${COLUMNS} FROM users WHERE kind = 'staff' AND lower(username) = lower($1)
     ORDER BY (username = $1) DESC LIMIT 1`,
    [username],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findUserById(q: Queryable, id: string): Promise<AuthUser | null> {
  const { rows } = await q.query<AuthUserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

/**
 * Counts one failed attempt; the failure that reaches `max` locks the account for
 * `lockMinutes` and starts the count again. A locked account is not counted further.
 */
export async function recordFailure(q: Queryable, userId: string, max: number, lockMinutes: number) {
  const { rows } = await q.query<{ just_locked: boolean }>(
    `UPDATE users SET
       locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END,
       failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
       updated_at = now()
     WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
     RETURNING (failed_logins = 0 AND locked_until > now()) AS just_locked`,
    [userId, max, lockMinutes],
  );
  return { justLocked: rows[0]?.just_locked ?? false };
}

export async function resetFailures(q: Queryable, userId: string) {
  await q.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [userId]);
}

/** Marks a TOTP time-step used; false when it (or a later one) was used already — a replay. */
export async function useTotpStep(q: Queryable, userId: string, step: number): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`,
    [userId, step],
  );
  return rowCount === 1;
}

/** Removes a recovery code's hash; true only for the one request that removed it. */
export async function consumeRecoveryCode(q: Queryable, userId: string, hash: string): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE users SET recovery_codes = recovery_codes - $2::text WHERE id = $1 AND recovery_codes ? $2::text`,
    [userId, hash],
  );
  return rowCount === 1;
}

/** Stores a new (sealed) TOTP secret unless one is already pending or enabled. */
export async function setPendingTotpSecret(q: Queryable, userId: string, sealed: string) {
  await q.query(
    `UPDATE users SET totp_secret = $2, updated_at = now()
     WHERE id = $1 AND totp_secret IS NULL AND totp_enabled_at IS NULL`,
    [userId, sealed],
  );
}

/** Turns the pending secret on; false when another request enabled it first. */
export async function enableTotp(
  q: Queryable,
  userId: string,
  step: number,
  recoveryHashes: string[],
): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE users SET totp_enabled_at = now(), totp_last_step = $2, recovery_codes = $3::jsonb, updated_at = now()
     WHERE id = $1 AND totp_enabled_at IS NULL AND totp_secret IS NOT NULL`,
    [userId, step, JSON.stringify(recoveryHashes)],
  );
  return rowCount === 1;
}

export async function setRecoveryCodes(q: Queryable, userId: string, hashes: string[]) {
  await q.query('UPDATE users SET recovery_codes = $2::jsonb, updated_at = now() WHERE id = $1', [
    userId,
    JSON.stringify(hashes),
  ]);
}

export async function setPassword(q: Queryable, userId: string, hash: string) {
  await q.query(
    `UPDATE users SET password_hash = $2, password_changed_at = now(), must_change_password = false, updated_at = now()
     WHERE id = $1`,
    [userId, hash],
  );
}

export async function deleteSessionsOfUser(q: Queryable, userId: string) {
  await q.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}

export async function deleteSession(q: Queryable, idHash: string) {
  await q.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
}

export async function setSessionHromada(q: Queryable, idHash: string, hromadaId: number) {
  await q.query('UPDATE sessions SET hromada_id = $2 WHERE id_hash = $1', [idHash, hromadaId]);
}
