import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TEST_CREDS } from '../helpers/env.js';
import { createStaffUser, freshTotpCode, loginStaff, totpCode } from '../helpers/login.js';
import { throttleKeys } from '../../src/modules/auth/login-throttle.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const GENERIC = 'Неправильне ім&#39;я користувача або пароль';

async function passwordStep(username: string, password: string) {
  const c = t.client();
  await c.get('/login');
  return { c, res: await c.post('/login', { username, password }) };
}

describe('staff login with password and TOTP', () => {
  it('shows the Ukrainian login form', async () => {
    const res = await t.client().get('/login');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Вхід для працівників');
    expect(res.text).toContain('autocomplete="current-password"');
  });

  it('signs a demo worker in with password and TOTP code and reaches the staff workspace', async () => {
    const c = t.client();
    const { location } = await loginStaff(t, c, 'worker');
    expect(location).toBe('/staff');
    const staff = await c.get('/staff');
    expect(staff.status).toBe(200);
    expect(staff.text).toContain('Ірина Соцпрацівниця');
    const s = await t.owner<{ mfa_passed: boolean; n: number }>(
      `SELECT bool_and(mfa_passed) AS mfa_passed, count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE u.username = 'worker'`,
    );
    expect(s.rows[0]).toEqual({ mfa_passed: true, n: 1 });
  });

  it('rotates the session token at the password step and again after the second factor', async () => {
    const c = t.client();
    const cookie = t.services.sessions.cookieName;
    await c.get('/login');
    await c.post('/login', { username: 'manager', password: TEST_CREDS.password });
    const pending = c.cookies.get(cookie);
    expect(pending).toBeTruthy();
    const u = await t.owner<{ id: string }>("SELECT id FROM users WHERE username = 'manager'");
    await c.get('/login/totp');
    await c.post('/login/totp', { code: await freshTotpCode(t, u.rows[0].id, TEST_CREDS.totpSecret) });
    expect(c.cookies.get(cookie)).toBeTruthy();
    expect(c.cookies.get(cookie)).not.toBe(pending);
    const n = await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [
      u.rows[0].id,
    ]);
    expect(n.rows[0].n).toBe(1);
  });

  it('gives the same message and status for a wrong password, an unknown user and a deactivated user', async () => {
    await createStaffUser(t, 'inactive1');
    await t.owner("UPDATE users SET active = false WHERE username = 'inactive1'");
    const wrong = (await passwordStep('frontdesk', 'Wrong-Pass-2026!x')).res;
    const unknown = (await passwordStep('nobody-here', 'Wrong-Pass-2026!x')).res;
    const inactive = (await passwordStep('inactive1', TEST_CREDS.password)).res;
    for (const r of [wrong, unknown, inactive]) {
      expect(r.status).toBe(401);
      expect(r.text).toContain(GENERIC);
      expect(r.text).toContain('govuk-error-summary');
    }
    const strip = (s: string) =>
      s
        .replace(/name="_csrf" value="[^"]+"/g, '')
        .replace(/value="[^"]*"/g, '')
        .replace(/Код запиту: [0-9a-f-]+/, '');
    expect(strip(wrong.text)).toBe(strip(unknown.text));
  });

  it('re-renders the form with field errors when fields are empty', async () => {
    const { res } = await passwordStep('', '');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Введіть ім&#39;я користувача');
    expect(res.text).toContain('href="#username"');
  });

  // Issue 9: wrong passwords no longer lock the account (anyone could lock anyone out); the client waits instead.
  it('does not lock the account after 5 wrong passwords: the client waits, then the right password and TOTP still sign in', async () => {
    const { userId, totpSecret } = await createStaffUser(t, 'locky', { enrolled: true });
    for (let i = 0; i < 5; i++) expect((await passwordStep('locky', `Wrong-${i}-pass!`)).res.status).toBe(401);
    const locked = await t.owner<{ locked_until: Date | null }>('SELECT locked_until FROM users WHERE id = $1', [
      userId,
    ]);
    expect(locked.rows[0].locked_until).toBeNull();
    // The client waits (1 s after the fifth failure), then the owner's right password and code sign in.
    await new Promise((r) => setTimeout(r, 1100));
    const { location } = await loginStaff(t, t.client(), 'locky', { totpSecret });
    expect(location).toBe('/staff');
    const audit = await t.owner("SELECT 1 FROM audit_log WHERE actor_id = $1 AND action = 'auth.lockout'", [userId]);
    expect(audit.rowCount).toBe(0);
  });

  it('counts wrong TOTP codes toward the lockout and ends the pending session when it locks', async () => {
    const { userId } = await createStaffUser(t, 'codeguess', { enrolled: true });
    const { c } = await passwordStep('codeguess', TEST_CREDS.password);
    await c.get('/login/totp');
    let last = await c.post('/login/totp', { code: '000000' });
    for (let i = 0; i < 4; i++) last = await c.post('/login/totp', { code: String(111111 * (i + 1)).slice(0, 6) });
    expect(last.status).toBe(401);
    expect(last.text).toContain(GENERIC);
    const r = await t.owner<{ locked: boolean }>('SELECT locked_until > now() AS locked FROM users WHERE id = $1', [
      userId,
    ]);
    expect(r.rows[0].locked).toBe(true);
    expect((await t.owner('SELECT 1 FROM sessions WHERE user_id = $1', [userId])).rowCount).toBe(0);
  });

  it('refuses a replayed TOTP code', async () => {
    const { userId, totpSecret } = await createStaffUser(t, 'replay', { enrolled: true });
    const first = t.client();
    await loginStaff(t, first, 'replay', { totpSecret });
    const step = await t.owner<{ s: string }>('SELECT totp_last_step AS s FROM users WHERE id = $1', [userId]);
    const used = totpCode(totpSecret, Number(step.rows[0].s));
    const { c } = await passwordStep('replay', TEST_CREDS.password);
    await c.get('/login/totp');
    const res = await c.post('/login/totp', { code: used });
    expect(res.status).toBe(401);
    expect(res.text).toContain('Код неправильний або вже використаний');
    expect((await c.get('/staff')).status).toBe(302);
  });

  it('does not let a session that passed only the password reach staff pages', async () => {
    const { c, res } = await passwordStep('children', TEST_CREDS.password);
    expect(res.location).toBe('/login/totp');
    const staff = await c.get('/staff');
    expect(staff.status).toBe(302);
    expect(staff.location).toBe('/login');
    expect((await c.get('/account')).location).toBe('/login');
    expect((await c.post('/staff/hromada', { hromadaId: '1' })).status).toBe(401);
  });

  it('treats a forged session cookie as anonymous', async () => {
    const c = t.client();
    c.cookies.set(t.services.sessions.cookieName, 'forged-token-that-was-never-issued-0123456789');
    const staff = await c.get('/staff');
    expect(staff.status).toBe(302);
    expect(staff.location).toBe('/login');
    const home = await c.get('/');
    expect(home.text).toContain('Вхід для працівників');
    expect(home.text).not.toContain('action="/logout"');
  });

  it('writes audit rows for login failure and success without the password or the code', async () => {
    const { userId, totpSecret } = await createStaffUser(t, 'audited', { enrolled: true });
    await passwordStep('audited', 'Secret-Wrong-Pass-77');
    await passwordStep('ghost-user-x', 'Secret-Wrong-Pass-78');
    const c = t.client();
    await loginStaff(t, c, 'audited', { totpSecret });
    const rows = await t.owner<{ action: string; reason: string | null; operation: string; hromada_id: number | null }>(
      'SELECT action, reason, operation, hromada_id FROM audit_log WHERE actor_id = $1 ORDER BY id',
      [userId],
    );
    expect(rows.rows.map((r) => r.action)).toEqual(['auth.login.failed', 'auth.login.password', 'auth.login']);
    expect(rows.rows.every((r) => r.operation === 'auth' && r.hromada_id !== null)).toBe(true);
    expect(rows.rows[0].reason).toBe('password');
    const unknown = await t.owner(
      "SELECT 1 FROM audit_log WHERE action = 'auth.login.failed' AND reason = 'unknown_user' AND hromada_id IS NULL",
    );
    expect(unknown.rowCount).toBeGreaterThan(0);
    const leaks = await t.owner<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log a WHERE audit_canonical(a) ILIKE ANY($1)`,
      [['%Secret-Wrong-Pass%', `%${TEST_CREDS.password}%`, '%ghost-user-x%']],
    );
    expect(leaks.rows[0].n).toBe(0);
  });

  it('makes one client wait after failures for one name, alike for an unknown and an existing name', async () => {
    await createStaffUser(t, 'waiter', { enrolled: true });
    for (const name of ['no-such-person', 'waiter']) {
      for (let i = 0; i < 5; i++) expect((await passwordStep(name, `Wrong-Pass-${i}`)).res.status).toBe(401);
      // As after two more failures let through (the wait is then 4 s, longer than any request here takes).
      const keys = throttleKeys(t.services, '127.0.0.1', name);
      await t.owner('INSERT INTO login_attempts (key_hash) VALUES ($1), ($1)', [keys.clientName]);
      const res = (await passwordStep(name, TEST_CREDS.password)).res;
      expect(res.status).toBe(429);
      expect(res.text).toContain('Забагато невдалих спроб входу');
      expect(res.text).not.toMatch(/заблок/i);
    }
    // Other names from the same client are still checked.
    expect((await passwordStep('frontdesk', 'Wrong-Pass-y')).res.status).toBe(401);
  });
});
