import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TEST_CREDS } from '../helpers/env.js';
import { createStaffUser, loginStaff } from '../helpers/login.js';
import { HttpClient } from '../helpers/http.js';
import { signInAs } from '../helpers/session.js';
import { grant, newHromada } from '../factories/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const EXPIRED = 'Ваш сеанс завершився. Увійдіть знову.';

async function signedIn(username: string) {
  const user = await createStaffUser(t, username, { enrolled: true });
  const c = t.client();
  await loginStaff(t, c, username, { totpSecret: user.totpSecret });
  return { ...user, c };
}

async function expectSentToLoginWithNotice(c: HttpClient) {
  const res = await c.get('/staff');
  expect(res.status).toBe(302);
  expect(res.location).toBe('/login');
  const login = await c.get('/login');
  expect(login.text).toContain(EXPIRED);
  // The notice is shown once.
  expect((await c.get('/login')).text).not.toContain(EXPIRED);
}

describe('staff sessions', () => {
  it('ends an idle session after 30 minutes and says so on the login page', async () => {
    const { userId, c } = await signedIn('idle1');
    expect((await c.get('/staff')).status).toBe(200);
    await t.owner("UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1", [userId]);
    await expectSentToLoginWithNotice(c);
    expect((await t.owner('SELECT 1 FROM sessions WHERE user_id = $1', [userId])).rowCount).toBe(0);
  });

  it('ends a session at its absolute lifetime even when active', async () => {
    const { userId, c } = await signedIn('absolute1');
    const s = await t.owner<{ hours: number }>(
      'SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM sessions WHERE user_id = $1',
      [userId],
    );
    expect(s.rows[0].hours).toBe(12);
    await t.owner(
      "UPDATE sessions SET expires_at = now() - interval '1 second', last_seen_at = now() WHERE user_id = $1",
      [userId],
    );
    await expectSentToLoginWithNotice(c);
  });

  it('says the session ended when an expired session comes straight to the login page, once', async () => {
    const { userId, c } = await signedIn('straight1');
    await t.owner("UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1", [userId]);
    expect((await c.get('/login')).text).toContain(EXPIRED);
    expect((await c.get('/login')).text).not.toContain(EXPIRED);
    expect((await t.client().get('/login')).text).not.toContain(EXPIRED);
  });

  it('logout ends every session of the user and shows a message on the home page', async () => {
    const { userId, totpSecret, c: a } = await signedIn('twoplaces');
    const b = t.client();
    await loginStaff(t, b, 'twoplaces', { totpSecret });
    expect((await t.owner('SELECT 1 FROM sessions WHERE user_id = $1', [userId])).rowCount).toBe(2);
    await a.get('/staff');
    const out = await a.post('/logout');
    expect(out.status).toBe(303);
    expect(out.location).toBe('/?signedOut=1');
    expect(a.cookies.has(t.services.sessions.cookieName)).toBe(false);
    expect((await a.get('/?signedOut=1')).text).toContain('Ви вийшли з системи.');
    expect((await a.get('/staff')).location).toBe('/login');
    expect((await b.get('/staff')).location).toBe('/login');
    expect((await t.owner('SELECT 1 FROM sessions WHERE user_id = $1', [userId])).rowCount).toBe(0);
    const audit = await t.owner("SELECT 1 FROM audit_log WHERE actor_id = $1 AND action = 'auth.logout'", [userId]);
    expect(audit.rowCount).toBe(1);
  });

  it('logs a resident out through the same route', async () => {
    const c = t.client();
    const { userId } = await signInAs(t, c, { email: 'resident@example.com' });
    await c.get('/');
    const out = await c.post('/logout');
    expect(out.status).toBe(303);
    expect((await t.owner('SELECT 1 FROM sessions WHERE user_id = $1', [userId])).rowCount).toBe(0);
  });

  it('changes the password: checks the current one, refuses common and mismatched ones, ends other sessions', async () => {
    const { userId, totpSecret, c: a } = await signedIn('changer');
    const b = t.client();
    await loginStaff(t, b, 'changer', { totpSecret });
    const page = await a.get('/account');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Змінити пароль');

    const common = await a.post('/account', {
      action: 'password',
      currentPassword: TEST_CREDS.password,
      newPassword: 'password123',
      confirmPassword: 'password123',
    });
    expect(common.status).toBe(400);
    expect(common.text).toContain('надто поширений');
    expect(common.text).toContain('href="#newPassword"');
    const short = await a.post('/account', {
      action: 'password',
      currentPassword: TEST_CREDS.password,
      newPassword: 'Ab1!',
      confirmPassword: 'Ab1!',
    });
    expect(short.text).toContain('щонайменше 8 символів');
    const mismatch = await a.post('/account', {
      action: 'password',
      currentPassword: TEST_CREDS.password,
      newPassword: 'Lypa-Kvitne-2026',
      confirmPassword: 'Lypa-Kvitne-2027',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('Паролі не збігаються');
    const wrongCurrent = await a.post('/account', {
      action: 'password',
      currentPassword: 'Not-My-Pass-1',
      newPassword: 'Lypa-Kvitne-2026',
      confirmPassword: 'Lypa-Kvitne-2026',
    });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.text).toContain('Поточний пароль неправильний');
    const before = a.cookies.get(t.services.sessions.cookieName);

    const ok = await a.post('/account', {
      action: 'password',
      currentPassword: TEST_CREDS.password,
      newPassword: 'Lypa-Kvitne-2026',
      confirmPassword: 'Lypa-Kvitne-2026',
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/account?changed=1');
    expect(a.cookies.get(t.services.sessions.cookieName)).not.toBe(before);
    expect((await a.get('/account?changed=1')).text).toContain('Пароль змінено');
    expect((await a.get('/staff')).status).toBe(200);
    expect((await b.get('/staff')).location).toBe('/login');
    expect((await t.owner('SELECT 1 FROM sessions WHERE user_id = $1', [userId])).rowCount).toBe(1);

    const c = t.client();
    await c.get('/login');
    expect((await c.post('/login', { username: 'changer', password: TEST_CREDS.password })).status).toBe(401);
    expect((await c.post('/login', { username: 'changer', password: 'Lypa-Kvitne-2026' })).location).toBe(
      '/login/totp',
    );
    const audit = await t.owner<{ reason: string | null }>(
      "SELECT reason FROM audit_log WHERE actor_id = $1 AND action = 'auth.password.change'",
      [userId],
    );
    expect(audit.rowCount).toBe(1);
  });

  it('regenerates recovery codes with the current password; the old ones stop working', async () => {
    const { c } = await signedIn('regen');
    expect((await c.get('/account')).text).toContain('залишилося 0 резервних кодів');
    const wrong = await c.post('/account', { action: 'recovery', codesPassword: 'Nope-Nope-123' });
    expect(wrong.status).toBe(400);
    const res = await c.post('/account', { action: 'recovery', codesPassword: TEST_CREDS.password });
    expect(res.status).toBe(200);
    const codes = [...res.text.matchAll(/<code>([A-Z0-9]{5}-[A-Z0-9]{5})<\/code>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    expect((await c.get('/account')).text).toContain('залишилося 10 резервних кодів');
    const again = await c.post('/account', { action: 'recovery', codesPassword: TEST_CREDS.password });
    const fresh = [...again.text.matchAll(/<code>([A-Z0-9]{5}-[A-Z0-9]{5})<\/code>/g)].map((m) => m[1]);
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(codes[0]);
    const other = t.client();
    await other.get('/login');
    await other.post('/login', { username: 'regen', password: TEST_CREDS.password });
    await other.get('/login/totp');
    expect((await other.post('/login/totp', { code: codes[0] })).status).toBe(401);
    expect((await other.post('/login/totp', { code: fresh[0].toLowerCase() })).location).toBe('/staff');
  });

  it('switches the current hromada only to one where the user holds a grant', async () => {
    const { userId, c } = await signedIn('twohromadas');
    const other = await newHromada(t);
    const third = await newHromada(t);
    await grant(t, userId, 'manager', { hromadaId: other.id });
    const home = await c.get('/staff');
    expect(home.text).toContain('action="/staff/hromada"');
    const res = await c.post('/staff/hromada', { hromadaId: String(other.id) });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/staff');
    expect((await c.get('/staff')).text).toContain(other.name);
    const s = await t.owner<{ hromada_id: number }>('SELECT hromada_id FROM sessions WHERE user_id = $1', [userId]);
    expect(s.rows[0].hromada_id).toBe(other.id);
    const refused = await c.post('/staff/hromada', { hromadaId: String(third.id) });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('немає доступу');
    const bad = await c.post('/staff/hromada', { hromadaId: 'abc' });
    expect(bad.status).toBe(400);
    const audit = await t.owner(
      "SELECT 1 FROM audit_log WHERE actor_id = $1 AND action = 'auth.hromada.switch' AND hromada_id = $2",
      [userId, other.id],
    );
    expect(audit.rowCount).toBe(1);
  });
});
