import type { Queryable } from './residents.queries.js';
import { randomToken, sha256Hex } from '../../platform/secrets.js';

export type TokenPurpose = 'verify_email' | 'reset_password';

/** Verification links live 24 hours, reset links 1 hour. */
export const TOKEN_TTL_MINUTES: Record<TokenPurpose, number> = { verify_email: 24 * 60, reset_password: 60 };

/** Issues a one-time token: 32 random bytes for the link, only its SHA-256 in the database. */
export async function issueToken(q: Queryable, userId: string, purpose: TokenPurpose): Promise<string> {
  const token = randomToken(32);
  await q.query(
    `INSERT INTO user_tokens (token_hash, user_id, purpose, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
    [sha256Hex(token), userId, purpose, TOKEN_TTL_MINUTES[purpose]],
  );
  return token;
}

/**
 * Uses a token once: atomically marks it used when it is unused and unexpired, and retires every
 * other open token of the same purpose for that user. Returns the user id, or null.
 */
export async function consumeToken(q: Queryable, token: string, purpose: TokenPurpose): Promise<string | null> {
  const { rows } = await q.query<{ user_id: string }>(
    `UPDATE user_tokens SET used_at = now()
     WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
    [sha256Hex(token), purpose],
  );
  const userId = rows[0]?.user_id ?? null;
  if (userId) {
    await q.query('UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL', [
      userId,
      purpose,
    ]);
  }
  return userId;
}

/** Whether a token could be used now (for showing the reset form before it is submitted). */
export async function tokenUsable(q: Queryable, token: string, purpose: TokenPurpose): Promise<boolean> {
  const { rows } = await q.query(
    'SELECT 1 FROM user_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()',
    [sha256Hex(token), purpose],
  );
  return rows.length > 0;
}
