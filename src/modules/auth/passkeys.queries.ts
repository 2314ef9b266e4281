import type { Queryable } from './auth.queries.js';

/** How long a WebAuthn challenge stays valid (the browser's own timeout is one minute). */
export const CHALLENGE_MINUTES = 5;

export interface PasskeyRow {
  id: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
}

/** A credential as the WebAuthn verification needs it. */
export interface StoredCredential {
  id: string;
  credentialId: string;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  transports: string[];
}

interface CredentialRow {
  id: string;
  credential_id: string;
  public_key: Buffer;
  counter: string;
  transports: string[];
}

const toCredential = (r: CredentialRow): StoredCredential => ({
  id: r.id,
  credentialId: r.credential_id,
  publicKey: new Uint8Array(r.public_key),
  counter: Number(r.counter),
  transports: r.transports,
});

/** The user's passkeys for the account page, oldest first. */
export async function listPasskeys(q: Queryable, userId: string): Promise<PasskeyRow[]> {
  const { rows } = await q.query<PasskeyRow>(
    'SELECT id, name, created_at, last_used_at FROM passkeys WHERE user_id = $1 ORDER BY created_at, id',
    [userId],
  );
  return rows;
}

/** One passkey of this user (another user's id gives nothing). */
export async function findPasskey(q: Queryable, userId: string, id: string): Promise<PasskeyRow | null> {
  const { rows } = await q.query<PasskeyRow>(
    'SELECT id, name, created_at, last_used_at FROM passkeys WHERE user_id = $1 AND id = $2',
    [userId, id],
  );
  return rows[0] ?? null;
}

export async function countPasskeys(q: Queryable, userId: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM passkeys WHERE user_id = $1', [userId]);
  return rows[0].n;
}

/** The user's credentials for the login ceremony (allowCredentials) and for registration (excludeCredentials). */
export async function listCredentials(q: Queryable, userId: string): Promise<StoredCredential[]> {
  const { rows } = await q.query<CredentialRow>(
    'SELECT id, credential_id, public_key, counter, transports FROM passkeys WHERE user_id = $1 ORDER BY created_at',
    [userId],
  );
  return rows.map(toCredential);
}

export async function findCredential(
  q: Queryable,
  userId: string,
  credentialId: string,
): Promise<StoredCredential | null> {
  const { rows } = await q.query<CredentialRow>(
    'SELECT id, credential_id, public_key, counter, transports FROM passkeys WHERE user_id = $1 AND credential_id = $2',
    [userId, credentialId],
  );
  return rows[0] ? toCredential(rows[0]) : null;
}

export async function insertPasskey(
  q: Queryable,
  p: {
    userId: string;
    credentialId: string;
    publicKey: Uint8Array;
    counter: number;
    transports: string[];
    deviceType: string;
    backedUp: boolean;
    name: string;
  },
): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO passkeys (user_id, credential_id, public_key, counter, transports, device_type, backed_up, name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (credential_id) DO NOTHING RETURNING id`,
    [p.userId, p.credentialId, Buffer.from(p.publicKey), p.counter, p.transports, p.deviceType, p.backedUp, p.name],
  );
  return rows[0]?.id ?? null;
}

/**
 * Records a use: the new signature counter (only forward, so two requests racing with the
 * same assertion cannot both pass) and the time. False when the counter did not move on.
 */
export async function usePasskey(q: Queryable, id: string, oldCounter: number, newCounter: number): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE passkeys SET counter = $3, last_used_at = now() WHERE id = $1 AND counter = $2`,
    [id, oldCounter, newCounter],
  );
  return rowCount === 1;
}

export async function deletePasskey(q: Queryable, userId: string, id: string): Promise<boolean> {
  const { rowCount } = await q.query('DELETE FROM passkeys WHERE user_id = $1 AND id = $2', [userId, id]);
  return rowCount === 1;
}

/** Stores a new challenge for the session (replacing an earlier one of the same purpose); expired ones are dropped. */
export async function saveChallenge(
  q: Queryable,
  c: {
    sessionHash: string;
    purpose: 'register' | 'login';
    challenge: string;
    credentialName?: string;
  },
) {
  await q.query('DELETE FROM webauthn_challenges WHERE expires_at <= now()');
  await q.query(
    `INSERT INTO webauthn_challenges (session_hash, purpose, challenge, credential_name, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))
     ON CONFLICT (session_hash, purpose) DO UPDATE
       SET challenge = EXCLUDED.challenge, credential_name = EXCLUDED.credential_name, expires_at = EXCLUDED.expires_at`,
    [c.sessionHash, c.purpose, c.challenge, c.credentialName ?? null, CHALLENGE_MINUTES],
  );
}

/** Takes (and so uses up) the session's challenge; null when there is none or it has expired. */
export async function takeChallenge(
  q: Queryable,
  sessionHash: string,
  purpose: 'register' | 'login',
): Promise<{ challenge: string; credentialName: string | null } | null> {
  const { rows } = await q.query<{ challenge: string; credential_name: string | null; live: boolean }>(
    `DELETE FROM webauthn_challenges WHERE session_hash = $1 AND purpose = $2
     RETURNING challenge, credential_name, expires_at > now() AS live`,
    [sessionHash, purpose],
  );
  const row = rows[0];
  return row?.live ? { challenge: row.challenge, credentialName: row.credential_name } : null;
}
