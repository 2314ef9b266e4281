import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TEST_CREDS } from '../helpers/env.js';
import { createStaffUser, freshTotpCode } from '../helpers/login.js';
import type { Res } from '../helpers/http.js';
import { throttleKeys } from '../../src/modules/auth/login-throttle.js';

// Behind a proxy (TRUST_PROXY) the client's address comes from X-Forwarded-For: attacker and user differ.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' } });
});
afterAll(async () => {
  await t.close();
});

const GENERIC = 'Неправильне ім&#39;я користувача або пароль';

/** A browser at one address: GETs and form posts (with the CSRF token of its last page) carry X-Forwarded-For. */
function browser(ip: string) {
  const c = t.client();
  const headers = { 'x-forwarded-for': ip };
  return {
    c,
    get: (path: string) => c.request('GET', path, { headers }),
    post: (path: string, fields: Record<string, string>) =>
      c.request('POST', path, {
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: c.lastCsrf ?? '', ...fields }).toString(),
      }),
  };
}

async function passwordStep(b: ReturnType<typeof browser>, username: string, password: string): Promise<Res> {
  await b.get('/login');
  return b.post('/login', { username, password });
}

/** The full sign-in of the real user from their own address; returns the last answer. */
async function signIn(
  b: ReturnType<typeof browser>,
  username: string,
  userId: string,
  totpSecret: string,
  password = TEST_CREDS.password,
) {
  const pw = await passwordStep(b, username, password);
  if (pw.status !== 303) return pw;
  await b.get('/login/totp');
  return b.post('/login/totp', { code: await freshTotpCode(t, userId, totpSecret) });
}

/** Failed attempts of one client for one name, recorded as the app records them (keyed hashes, now). */
async function moreFailures(ip: string, username: string, n: number) {
  const keys = throttleKeys(t.services, ip, username);
  for (let i = 0; i < n; i++) {
    await t.owner('INSERT INTO login_attempts (key_hash) VALUES ($1), ($2)', [keys.client, keys.clientName]);
  }
}

const sessionsOf = async (userId: string) =>
  Number((await t.owner('SELECT count(*) AS n FROM sessions WHERE user_id = $1 AND mfa_passed', [userId])).rows[0].n);

describe('nobody can lock a staff account by guessing its password', () => {
  it('throttles the attacking client while the owner still signs in with the right password and code', async () => {
    const { userId, totpSecret } = await createStaffUser(t, 'target.admin', { enrolled: true, role: 'admin' });
    const attacker = browser('203.0.113.7');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await passwordStep(attacker, 'target.admin', `Guess-${i}-pass!`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    // As after ten more wrong passwords let through one by one (1 s, 2 s, … 512 s apart: too long to sit through here).
    await moreFailures('203.0.113.7', 'target.admin', 10);
    for (let i = 0; i < 5; i++)
      expect((await passwordStep(attacker, 'target.admin', `Guess-more-${i}`)).status).toBe(429);
    const throttled = await passwordStep(attacker, 'target.admin', TEST_CREDS.password);
    expect(throttled.status).toBe(429);
    expect(throttled.text).toContain('Забагато невдалих спроб входу');
    expect((await t.owner('SELECT locked_until FROM users WHERE id = $1', [userId])).rows[0].locked_until).toBeNull();

    const owner = browser('198.51.100.20');
    const done = await signIn(owner, 'target.admin', userId, totpSecret);
    expect(done.status).toBe(303);
    expect(done.location).toBe('/staff');
    expect((await owner.get('/staff')).status).toBe(200);
    // The attacker is still waiting, and the account was never locked.
    expect((await passwordStep(attacker, 'target.admin', 'Guess-more')).status).toBe(429);
    expect((await t.owner('SELECT locked_until FROM users WHERE id = $1', [userId])).rows[0].locked_until).toBeNull();
  });

  it('under attack the password step gives no verdict: only the right password with a valid code signs in, with the generic message otherwise', async () => {
    const { userId, totpSecret } = await createStaffUser(t, 'target.two', { enrolled: true });
    for (let i = 0; i < 5; i++) await passwordStep(browser(`203.0.113.${20 + i}`), 'target.two', `Guess-${i}`);
    const before = await sessionsOf(userId);

    // Another attacker address with a wrong password: the same answer as for the right one …
    const attacker = browser('203.0.113.99');
    const wrong = await passwordStep(attacker, 'target.two', 'Not-The-Password-1');
    expect(wrong.status).toBe(303);
    expect(wrong.location).toBe('/login/totp');
    expect((await attacker.get('/login/totp')).text).toContain('name="code"');
    // … and even a valid code does not help without the right password.
    const refused = await attacker.post('/login/totp', { code: await freshTotpCode(t, userId, totpSecret) });
    expect(refused.status).toBe(401);
    expect(refused.text).toContain(GENERIC);
    expect(await sessionsOf(userId)).toBe(before);

    // An unknown name under attack answers the same way.
    for (let i = 0; i < 5; i++) await passwordStep(browser(`203.0.113.${40 + i}`), 'nobody.target', `Guess-${i}`);
    const unknown = await passwordStep(browser('203.0.113.98'), 'nobody.target', 'Whatever-1');
    expect([unknown.status, unknown.location]).toEqual([wrong.status, wrong.location]);

    // The owner: right password, right code — in.
    const owner = browser('198.51.100.30');
    const ok = await signIn(owner, 'target.two', userId, totpSecret);
    expect(ok.location).toBe('/staff');
    expect(await sessionsOf(userId)).toBe(before + 1);
    const audit = await t.owner<{ reason: string }>(
      "SELECT reason FROM audit_log WHERE actor_id = $1 AND action = 'auth.login.password' ORDER BY id DESC LIMIT 1",
      [userId],
    );
    expect(audit.rows[0].reason).toBe('under_attack');
  });

  it('a ticket cannot be replayed for a second try at the code', async () => {
    const { userId, totpSecret } = await createStaffUser(t, 'target.three', { enrolled: true });
    for (let i = 0; i < 5; i++) await passwordStep(browser(`203.0.113.${60 + i}`), 'target.three', `Guess-${i}`);
    const b = browser('198.51.100.40');
    expect((await passwordStep(b, 'target.three', TEST_CREDS.password)).status).toBe(303);
    const ticket = b.c.cookies.get('turbota_login')!;
    await b.get('/login/totp');
    expect((await b.post('/login/totp', { code: '000000' })).status).toBe(401);
    const again = browser('198.51.100.40');
    again.c.cookies.set('turbota_login', ticket);
    await again.get('/login/totp');
    const replay = await again.post('/login/totp', { code: await freshTotpCode(t, userId, totpSecret) });
    expect(replay.status).toBe(401);
    expect(await sessionsOf(userId)).toBe(0);
  });

  it('also slows one address that tries many login names', async () => {
    const other = await startTestApp({ env: { TRUST_PROXY: 'true', LOGIN_IP_MAX_FAILURES: '3' } });
    try {
      const at = (ip: string) => {
        const c = other.client();
        return async (username: string) => {
          await c.request('GET', '/login', { headers: { 'x-forwarded-for': ip } });
          return (
            await c.request('POST', '/login', {
              headers: { 'x-forwarded-for': ip, 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ _csrf: c.lastCsrf ?? '', username, password: 'Wrong-Pass-1' }).toString(),
            })
          ).status;
        };
      };
      const sprayer = at('203.0.113.150');
      expect([await sprayer('manager'), await sprayer('worker'), await sprayer('no-such-name')]).toEqual([
        401, 401, 401,
      ]);
      // As after two more names let through (the wait is then 4 s, longer than any request here takes).
      const client = throttleKeys(other.services, '203.0.113.150', '').client;
      await other.owner('INSERT INTO login_attempts (key_hash) VALUES ($1), ($1)', [client]);
      expect(await sprayer('frontdesk')).toBe(429);
      expect(await at('198.51.100.150')('frontdesk')).toBe(401);
    } finally {
      await other.close();
    }
  });
});
