import { authenticator } from 'otplib';
import { expect } from 'vitest';
import type { TestApp } from './app.js';
import type { HttpClient } from './http.js';
import { TEST_CREDS } from './env.js';
import { staffUser } from '../factories/index.js';
import type { Role } from '../../src/platform/policy.js';

export { DEMO_HROMADA } from '../factories/index.js';
const STEP_MS = 30_000;

/** The 6-digit TOTP code of `secret` for a given 30-second time-step. */
export const totpCode = (secret: string, step: number) =>
  authenticator.clone({ epoch: step * STEP_MS }).generate(secret);
export const currentStep = () => Math.floor(Date.now() / STEP_MS);

/**
 * A code the server will accept now for this user: a time-step within the window
 * (current or next) that is later than the last step the user used (codes cannot
 * be replayed). When both are used up, waits for the next step.
 */
export async function freshTotpCode(t: TestApp, userId: string, secret: string): Promise<string> {
  const r = await t.owner<{ last: string | null }>('SELECT totp_last_step AS last FROM users WHERE id = $1', [userId]);
  const last = r.rows[0]?.last === null || r.rows[0]?.last === undefined ? -1 : Number(r.rows[0].last);
  let cur = currentStep();
  if (last >= cur + 1) {
    await new Promise((res) => setTimeout(res, last * STEP_MS - Date.now() + 50));
    cur = currentStep();
  }
  return totpCode(secret, Math.max(cur, last + 1));
}

/**
 * Signs a staff member in through the real pages: password form, then the TOTP form
 * with a code computed from the secret (the demo users share TEST_CREDS.totpSecret).
 * Returns where the login sent the client.
 */
export async function loginStaff(
  t: TestApp,
  client: HttpClient,
  username: string,
  opts: { password?: string; totpSecret?: string } = {},
): Promise<{ userId: string; location: string }> {
  await client.get('/login');
  const pw = await client.post('/login', { username, password: opts.password ?? TEST_CREDS.password });
  expect(pw.status, `password step for ${username}`).toBe(303);
  expect(pw.location).toBe('/login/totp');
  const u = await t.owner<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  const userId = u.rows[0].id;
  await client.get('/login/totp');
  const code = await freshTotpCode(t, userId, opts.totpSecret ?? TEST_CREDS.totpSecret);
  const res = await client.post('/login/totp', { code });
  expect(res.status, `TOTP step for ${username}`).toBe(303);
  return { userId, location: res.location ?? '' };
}

/**
 * A new staff member of the demo hromada with the test password and a grant
 * (worker by default; a starosta's needs `districtId`, a provider's `agencyId`).
 * With `enrolled`, TOTP is on with its own random secret.
 */
export async function createStaffUser(
  t: TestApp,
  username: string,
  opts: { enrolled?: boolean; role?: string; districtId?: number; agencyId?: number } = {},
) {
  const u = await staffUser(t, {
    username,
    enrolled: opts.enrolled,
    role: opts.role as Role | undefined,
    districtId: opts.districtId ?? null,
    agencyId: opts.agencyId ?? null,
  });
  return { userId: u.userId, hromadaId: u.hromadaId, totpSecret: u.totpSecret };
}
