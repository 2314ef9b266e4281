import type { Db } from '../../platform/db.js';

/** A pool or a transaction's client: both run these statements. */
export type Queryable = Pick<Db, 'query'>;

/** Reads and writes of the residents module, with explicit column lists. */

export interface UserRow {
  id: string;
  kind: 'staff' | 'resident';
  email: string | null;
  display_name: string;
  password_hash: string | null;
  email_verified_at: Date | null;
  locale: string;
  active: boolean;
  failed_logins: number;
  locked_until: Date | null;
}
const USER_COLUMNS = `id, kind, email, display_name, password_hash, email_verified_at, locale, active, failed_logins, locked_until`;

export async function findUserByEmail(q: Queryable, email: string): Promise<UserRow | null> {
  const { rows } = await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE lower(email) = lower($1)`, [email]);
  return rows[0] ?? null;
}

export async function findUserById(q: Queryable, id: string): Promise<UserRow | null> {
  const { rows } = await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/** Inserts a resident; null when the e-mail is already taken (unique index on lower(email)). */
export async function insertResident(
  q: Queryable,
  r: { email: string; displayName: string; passwordHash: string | null; locale: string; verified: boolean },
): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO users (kind, email, display_name, password_hash, locale, email_verified_at, password_changed_at)
     VALUES ('resident', $1, $2, $3, $4, CASE WHEN $5 THEN now() END, CASE WHEN $3::text IS NOT NULL THEN now() END)
     ON CONFLICT ((lower(email))) WHERE email IS NOT NULL DO NOTHING
     RETURNING id`,
    [r.email, r.displayName, r.passwordHash, r.locale, r.verified],
  );
  return rows[0]?.id ?? null;
}

export async function markEmailVerified(q: Queryable, userId: string) {
  await q.query(
    'UPDATE users SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now() WHERE id = $1',
    [userId],
  );
}

export async function setPassword(q: Queryable, userId: string, passwordHash: string | null) {
  await q.query(
    `UPDATE users SET password_hash = $2, password_changed_at = now(), failed_logins = 0, locked_until = NULL,
       updated_at = now() WHERE id = $1`,
    [userId, passwordHash],
  );
}

/** Counts a failed password; locks the account for `lockMinutes` at `maxFailures`. Returns true when now locked. */
export async function recordFailedLogin(
  q: Queryable,
  userId: string,
  maxFailures: number,
  lockMinutes: number,
): Promise<boolean> {
  const { rows } = await q.query<{ locked: boolean }>(
    `UPDATE users SET
       locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END,
       failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END
     WHERE id = $1 RETURNING coalesce(locked_until > now(), false) AS locked`,
    [userId, maxFailures, lockMinutes],
  );
  return rows[0]?.locked ?? false;
}

export async function clearFailedLogins(q: Queryable, userId: string) {
  await q.query(
    'UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND (failed_logins > 0 OR locked_until IS NOT NULL)',
    [userId],
  );
}

/**
 * Records an event under a hashed key (never the e-mail itself) and returns how many happened within
 * `minutes`, this one included. Used for the lockout of unknown addresses and for mail throttling.
 */
export async function recordAttempt(q: Queryable, keyHash: string, minutes: number): Promise<number> {
  await q.query('INSERT INTO login_attempts (key_hash) VALUES ($1)', [keyHash]);
  return countAttempts(q, keyHash, minutes);
}

export async function countAttempts(q: Queryable, keyHash: string, minutes: number): Promise<number> {
  const { rows } = await q.query<{ n: string }>(
    'SELECT count(*) AS n FROM login_attempts WHERE key_hash = $1 AND at > now() - make_interval(mins => $2)',
    [keyHash, minutes],
  );
  return Number(rows[0].n);
}

export interface IdentityRow {
  id: string;
  user_id: string;
  issuer: string;
  subject: string;
  created_at: Date;
}

export async function findIdentity(q: Queryable, issuer: string, subject: string): Promise<IdentityRow | null> {
  const { rows } = await q.query<IdentityRow>(
    'SELECT id, user_id, issuer, subject, created_at FROM user_identities WHERE issuer = $1 AND subject = $2',
    [issuer, subject],
  );
  return rows[0] ?? null;
}

export async function insertIdentity(
  q: Queryable,
  i: { userId: string; issuer: string; subject: string; claims: object },
) {
  await q.query('INSERT INTO user_identities (user_id, issuer, subject, claims) VALUES ($1, $2, $3, $4)', [
    i.userId,
    i.issuer,
    i.subject,
    i.claims,
  ]);
}

export async function updateIdentityClaims(q: Queryable, id: string, claims: object) {
  await q.query('UPDATE user_identities SET claims = $2 WHERE id = $1', [id, claims]);
}

export async function listIdentities(q: Queryable, userId: string): Promise<IdentityRow[]> {
  const { rows } = await q.query<IdentityRow>(
    'SELECT id, user_id, issuer, subject, created_at FROM user_identities WHERE user_id = $1 ORDER BY created_at',
    [userId],
  );
  return rows;
}

export async function updateProfile(
  q: Queryable,
  userId: string,
  p: { displayName: string; locale: string },
): Promise<string[]> {
  const { rows } = await q.query<{ display_name: string; locale: string }>(
    'SELECT display_name, locale FROM users WHERE id = $1 FOR UPDATE',
    [userId],
  );
  const before = rows[0];
  if (!before) return [];
  const changed = [
    ...(before.display_name !== p.displayName ? ['display_name'] : []),
    ...(before.locale !== p.locale ? ['locale'] : []),
  ];
  if (changed.length) {
    await q.query('UPDATE users SET display_name = $2, locale = $3, updated_at = now() WHERE id = $1', [
      userId,
      p.displayName,
      p.locale,
    ]);
  }
  return changed;
}

/** Stores a one-time token's hash, valid for `minutes` (tokens.ts makes and checks the tokens). */
export async function insertToken(q: Queryable, t: { hash: string; userId: string; purpose: string; minutes: number }) {
  await q.query(
    `INSERT INTO user_tokens (token_hash, user_id, purpose, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
    [t.hash, t.userId, t.purpose, t.minutes],
  );
}

/** Marks an unused, unexpired token used; its user's id, or null. */
export async function useToken(q: Queryable, hash: string, purpose: string): Promise<string | null> {
  const { rows } = await q.query<{ user_id: string }>(
    `UPDATE user_tokens SET used_at = now()
     WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
    [hash, purpose],
  );
  return rows[0]?.user_id ?? null;
}

/** Marks every other open token of the purpose used. */
export async function retireTokens(q: Queryable, userId: string, purpose: string) {
  await q.query('UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL', [
    userId,
    purpose,
  ]);
}

/** Whether the token is unused and unexpired. */
export async function tokenOpen(q: Queryable, hash: string, purpose: string): Promise<boolean> {
  const { rows } = await q.query(
    'SELECT 1 FROM user_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()',
    [hash, purpose],
  );
  return rows.length > 0;
}

/** Ends every session of the user. */
export async function deleteSessionsOfUser(q: Queryable, userId: string) {
  await q.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}

/** The e-mail written on a registry person's record (to find their resident account). */
export async function personEmail(c: Queryable, personId: string): Promise<string | null> {
  const { rows } = await c.query<{ email: string | null }>('SELECT email FROM persons WHERE id = $1', [personId]);
  return rows[0]?.email ?? null;
}

/** The sign-in e-mail of an account. */
export async function loginEmail(c: Queryable, userId: string): Promise<string | null> {
  const { rows } = await c.query<{ email: string | null }>('SELECT email FROM users WHERE id = $1', [userId]);
  return rows[0]?.email ?? null;
}
