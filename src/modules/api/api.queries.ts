import type pg from 'pg';
import { prepared, type Queryable } from '../../platform/db.js';
import type { GrantsInHromada } from '../../platform/actor.js';

interface TokenActorTokenRow extends GrantsInHromada {
  token_id: string;
  hromada_id: number;
  expires_at: Date;
  /** The counter of changes to tokens, users, grants and hromadas when the row was read (bigint, as text). */
  epoch: string;
}
interface TokenActorUserRow {
  id: string;
  kind: 'staff' | 'resident';
  display_name: string;
  is_superadmin: boolean;
  active: boolean;
  must_change_password: boolean;
  locale: string;
}
/** A token's row with its user, the user's grants in the token's hromada and that hromada's name if it is active. */
export type TokenActorRow = TokenActorTokenRow & TokenActorUserRow;

/**
 * One function (migration 0089, after 0038 and 0033): the token (its last use recorded at most once a minute), its
 * user, the user's grants in the token's hromada and that hromada's name if it is active, the token's expiry and the
 * counter of changes (decision 0039) as it was before the rest was read.
 */
const TOKEN_SQL = 'SELECT * FROM api_token_actor($1)';

/** The token's row by its hash (a prepared statement, outside a tenant: it tells the tenant). */
export async function selectTokenActor(db: Pick<pg.Pool, 'query'>, hash: string): Promise<TokenActorRow | undefined> {
  const { rows } = await db.query<TokenActorRow>(prepared(TOKEN_SQL, [hash]));
  return rows[0];
}

/**
 * The statement that opens a bodyless call's transaction in the same round trip as its BEGIN:
 * it looks the token up and sets the transaction's tenant from the token's own row (no row, no
 * tenant; the caller then refuses and rolls back).
 */
export const authenticatingOpening = (hash: string) =>
  prepared(
    `SELECT set_config('app.hromada_id', t.hromada_id::text, true), set_config('app.user_id', t.id::text, true), t.*
     FROM api_token_actor($1) t`,
    [hash],
  );

/**
 * The statement that opens a call by a token found valid a moment ago (decision 0039): it sets the tenant from the
 * remembered row and reads the counter of changes and whether the token is still within its expiry. The read answers
 * only when the counter is the one the row was read with and the token is live; otherwise it is made again with the
 * token looked up (`authenticatingOpening`).
 */
export const confirmingOpening = (row: Pick<TokenActorRow, 'hromada_id' | 'id' | 'expires_at'>) =>
  prepared(
    `SELECT set_config('app.hromada_id', $1, true), set_config('app.user_id', $2, true),
       (SELECT e.epoch FROM auth_epoch e) AS epoch, $3::timestamptz > now() AS live`,
    [String(row.hromada_id), row.id, row.expires_at.toISOString()],
  );

/** What `confirmingOpening` reads. */
export interface ConfirmedRow {
  epoch: string;
  live: boolean;
}

export interface TokenListRow {
  id: string;
  name: string;
  prefix: string;
  owner: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  expires_at: Date;
}

/** Tokens of the transaction's hromada (RLS), active first, newest first. */
export async function selectTokens(c: Queryable): Promise<TokenListRow[]> {
  const { rows } = await c.query<TokenListRow>(
    `SELECT t.id, t.name, t.prefix, u.display_name AS owner, t.created_at, t.last_used_at, t.revoked_at, t.expires_at
     FROM api_tokens t JOIN users u ON u.id = t.user_id
     ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC`,
  );
  return rows;
}

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  revoked_at: Date | null;
}

export async function selectToken(c: Queryable, id: string): Promise<TokenRow | null> {
  const { rows } = await c.query<TokenRow>('SELECT id, name, prefix, revoked_at FROM api_tokens WHERE id = $1', [id]);
  return rows[0] ?? null;
}

export async function insertToken(
  c: Queryable,
  t: {
    hromadaId: number;
    userId: string;
    name: string;
    hash: string;
    prefix: string;
    expiresOn: string;
  },
): Promise<{ id: string; expires_at: Date }> {
  // The token works through the whole last day, Kyiv time.
  const { rows } = await c.query<{ id: string; expires_at: Date }>(
    `INSERT INTO api_tokens (hromada_id, user_id, name, token_hash, prefix, expires_at)
     VALUES ($1, $2, $3, $4, $5, (($6::date + 1)::timestamp AT TIME ZONE 'Europe/Kyiv'))
     RETURNING id, expires_at`,
    [t.hromadaId, t.userId, t.name, t.hash, t.prefix, t.expiresOn],
  );
  return rows[0];
}

export async function markRevoked(c: Queryable, id: string): Promise<boolean> {
  const r = await c.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  return (r.rowCount ?? 0) > 0;
}

/**
 * Revokes every live token of a user: in every hromada (password reset, deactivation — the
 * account is not per hromada; SECURITY DEFINER function of migration 0038), or only in the
 * transaction's hromada (a role there removed; RLS). Returns how many stopped working.
 */
export async function revokeTokensOfUser(
  c: Queryable,
  userId: string,
  where: 'everywhere' | 'hromada',
): Promise<number> {
  if (where === 'everywhere') {
    const { rows } = await c.query<{ n: number }>('SELECT api_tokens_revoke_user($1) AS n', [userId]);
    return rows[0].n;
  }
  const r = await c.query('UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [
    userId,
  ]);
  return r.rowCount ?? 0;
}

/** What /me shows beside the actor: the hromada, the token's name and the user's API language. */
export async function selectMe(c: Queryable, o: { hromadaId: number; tokenId: string; userId: string }) {
  const h = await c.query<{ id: number; code: string; name: string }>(
    'SELECT id, code, name FROM hromadas WHERE id = $1',
    [o.hromadaId],
  );
  const tk = await c.query<{ name: string }>('SELECT name FROM api_tokens WHERE id = $1', [o.tokenId]);
  const u = await c.query<{ locale: string }>('SELECT locale FROM users WHERE id = $1', [o.userId]);
  return { hromada: h.rows[0], tokenName: tk.rows[0]?.name ?? '', locale: u.rows[0]?.locale };
}

export async function updateUserLocale(c: Queryable, userId: string, locale: string) {
  await c.query('UPDATE users SET locale = $1, updated_at = now() WHERE id = $2', [locale, userId]);
}
