import crypto from 'node:crypto';
import type { TestApp } from './app.js';
import type { HttpClient } from './http.js';
import { DEMO_HROMADA } from '../factories/hromada.js';

/**
 * Signs a client in as a demo user without going through the login pages, by
 * creating a real session row (MFA passed) and giving the client its cookie.
 * Use it in tests of other modules; the auth module's own tests use the real pages.
 */
export async function signInAs(
  t: TestApp,
  client: HttpClient,
  who: { username?: string; email?: string },
  hromadaCode = DEMO_HROMADA,
): Promise<{ userId: string; hromadaId: number | null }> {
  const s = await createSession(t, who, hromadaCode);
  client.cookies.set(t.services.sessions.cookieName, s.token);
  return { userId: s.userId, hromadaId: s.hromadaId };
}

/** A real session row (MFA passed) for a demo user; returns its cookie token. */
export async function createSession(
  t: TestApp,
  who: { username?: string; email?: string },
  hromadaCode = DEMO_HROMADA,
): Promise<{ token: string; userId: string; hromadaId: number | null }> {
  const u = await t.owner<{ id: string; kind: string }>(
    who.username
      ? 'SELECT id, kind FROM users WHERE username = $1'
      : 'SELECT id, kind FROM users WHERE lower(email) = lower($1)',
    [who.username ?? who.email],
  );
  if (!u.rows[0]) throw new Error('no such user');
  const h = await t.owner<{ id: number }>('SELECT id FROM hromadas WHERE code = $1', [hromadaCode]);
  const hromadaId = u.rows[0].kind === 'staff' ? h.rows[0].id : null;
  const token = crypto.randomBytes(32).toString('base64url');
  const hash = crypto.createHash('sha256').update(token).digest('hex');
  await t.owner(
    `INSERT INTO sessions (id_hash, user_id, hromada_id, mfa_passed, expires_at) VALUES ($1, $2, $3, true, now() + interval '12 hours')`,
    [hash, u.rows[0].id, hromadaId],
  );
  return { token, userId: u.rows[0].id, hromadaId };
}
