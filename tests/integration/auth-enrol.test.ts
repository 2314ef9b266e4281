import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TEST_CREDS } from '../helpers/env.js';
import { createStaffUser, currentStep, totpCode } from '../helpers/login.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const secretOf = (html: string) => (html.match(/id="totp-secret">([A-Z2-7 ]+)</)?.[1] ?? '').replace(/\s/g, '');
const codesOf = (html: string) => [...html.matchAll(/<code>([A-Z0-9]{5}-[A-Z0-9]{5})<\/code>/g)].map((m) => m[1]);

async function passwordStep(username: string) {
  const c = t.client();
  await c.get('/login');
  return { c, res: await c.post('/login', { username, password: TEST_CREDS.password }) };
}

describe('TOTP enrolment on first login, and recovery codes', () => {
  it('makes a new staff member enrol: QR and key shown, a valid code turns TOTP on and issues 10 one-time recovery codes', async () => {
    const { userId } = await createStaffUser(t, 'newbie');
    const { c, res } = await passwordStep('newbie');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/login/totp/enrol');
    expect((await c.get('/login/totp')).location).toBe('/login/totp/enrol');
    expect((await c.get('/staff')).location).toBe('/login');

    const page = await c.get('/login/totp/enrol');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" width="240" height="240" alt="QR-код/);
    const secret = secretOf(page.text);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Reloading shows the same key; it is stored sealed and not yet enabled.
    expect(secretOf((await c.get('/login/totp/enrol')).text)).toBe(secret);
    const stored = await t.owner<{ totp_secret: string; totp_enabled_at: Date | null }>(
      'SELECT totp_secret, totp_enabled_at FROM users WHERE id = $1',
      [userId],
    );
    expect(stored.rows[0].totp_enabled_at).toBeNull();
    expect(stored.rows[0].totp_secret).not.toContain(secret);
    expect(t.services.box.open(stored.rows[0].totp_secret)).toBe(secret);

    const wrong = await c.post('/login/totp/enrol', { code: totpCode(secret, currentStep() - 5) });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Код неправильний');
    expect(secretOf(wrong.text)).toBe(secret);
    const empty = await c.post('/login/totp/enrol', { code: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Введіть код підтвердження');

    const done = await c.post('/login/totp/enrol', { code: totpCode(secret, currentStep()) });
    expect(done.status).toBe(200);
    const codes = codesOf(done.text);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(done.text).toContain('href="/staff"');
    const after = await t.owner<{ enabled: boolean; n: number; codes: string }>(
      `SELECT totp_enabled_at IS NOT NULL AS enabled, jsonb_array_length(recovery_codes) AS n, recovery_codes::text AS codes
       FROM users WHERE id = $1`,
      [userId],
    );
    expect(after.rows[0].enabled).toBe(true);
    expect(after.rows[0].n).toBe(10);
    for (const code of codes) expect(after.rows[0].codes).not.toContain(code.replace('-', ''));
    expect((await c.get('/staff')).status).toBe(200);
    const audit = await t.owner<{ action: string }>(
      "SELECT action FROM audit_log WHERE actor_id = $1 AND action IN ('auth.totp.enrol', 'auth.login') ORDER BY id",
      [userId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['auth.totp.enrol', 'auth.login']);

    // Enrolled: the next login asks for a code and cannot re-enrol.
    const next = await passwordStep('newbie');
    expect(next.res.location).toBe('/login/totp');
    const reenrol = await next.c.get('/login/totp/enrol');
    expect(reenrol.status).toBe(303);
    expect(reenrol.location).toBe('/login/totp');
    expect((await next.c.post('/login/totp/enrol', { code: totpCode(secret, currentStep() + 1) })).location).toBe(
      '/login/totp',
    );

    // A recovery code signs in once; the same code is refused the second time.
    const first = await next.c.post('/login/totp', { code: codes[3] });
    expect(first.status).toBe(303);
    expect(first.location).toBe('/staff');
    const again = await passwordStep('newbie');
    const reused = await again.c.post('/login/totp', { code: codes[3] });
    expect(reused.status).toBe(401);
    const left = await t.owner<{ n: number }>(
      'SELECT jsonb_array_length(recovery_codes) AS n FROM users WHERE id = $1',
      [userId],
    );
    expect(left.rows[0].n).toBe(9);
    const used = await t.owner(
      "SELECT 1 FROM audit_log WHERE actor_id = $1 AND action = 'auth.login' AND reason = 'recovery_code'",
      [userId],
    );
    expect(used.rowCount).toBe(1);
  });

  it('does not let the enrolment code be replayed at the TOTP step', async () => {
    await createStaffUser(t, 'newbie2');
    const { c } = await passwordStep('newbie2');
    const secret = secretOf((await c.get('/login/totp/enrol')).text);
    const code = totpCode(secret, currentStep());
    expect((await c.post('/login/totp/enrol', { code })).status).toBe(200);
    const again = await passwordStep('newbie2');
    expect((await again.c.post('/login/totp', { code })).status).toBe(401);
  });

  it('sends a user who must change the password to the account page after login', async () => {
    const { userId } = await createStaffUser(t, 'temppass');
    await t.owner('UPDATE users SET must_change_password = true WHERE id = $1', [userId]);
    const { c } = await passwordStep('temppass');
    const secret = secretOf((await c.get('/login/totp/enrol')).text);
    const done = await c.post('/login/totp/enrol', { code: totpCode(secret, currentStep()) });
    expect(done.text).toContain('href="/account?required=1"');
    const account = await c.get('/account?required=1');
    expect(account.text).toContain('змінити тимчасовий пароль');

    // Until it is changed, every other staff page leads back to the account page and other forms are refused.
    for (const path of ['/staff', '/persons', '/applications', '/audit']) {
      const r = await c.get(path);
      expect(r.status, path).toBe(303);
      expect(r.location, path).toBe('/account?required=1');
    }
    await c.get('/account');
    const refused = await c.post('/staff/hromada', { hromadaId: '1' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Спершу змініть тимчасовий пароль');
    expect((await c.get('/accessibility')).status).toBe(200);

    const changed = await c.post('/account', {
      action: 'password',
      currentPassword: TEST_CREDS.password,
      newPassword: 'Nove-Haslo-2026!qz',
      confirmPassword: 'Nove-Haslo-2026!qz',
    });
    expect(changed.status).toBe(303);
    expect((await c.get('/staff')).status).toBe(200);
    const flag = await t.owner<{ must_change_password: boolean }>(
      'SELECT must_change_password FROM users WHERE id = $1',
      [userId],
    );
    expect(flag.rows[0].must_change_password).toBe(false);
  });
});
