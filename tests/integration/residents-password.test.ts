import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import type { TestSmtp } from '../helpers/smtp.js';
import { useAppWithMail } from '../helpers/mail-app.js';
import { linkIn } from '../helpers/residents.js';

const app = useAppWithMail();
let t: TestApp;
let smtp: TestSmtp;
beforeAll(() => {
  ({ t, smtp } = app);
});

const resetLink = (text: string) => linkIn(text, '/resident/password/reset');
const NEW_PASSWORD = 'Verba-Nad-Rikoyu-77';

describe('resident password reset', () => {
  it('gives the same answer for known and unknown addresses and mails only the resident', async () => {
    const c = t.client();
    await c.get('/resident/password/forgot');
    const unknown = await c.post('/resident/password/forgot', { email: 'nobody.at.all@example.com' });
    const known = await c.post('/resident/password/forgot', { email: 'resident@example.com' });
    expect(unknown.status).toBe(303);
    expect(known.status).toBe(303);
    expect(known.location).toBe(unknown.location);
    const page = await c.follow(known);
    expect(page.text).toContain('Якщо для цієї адреси є обліковий запис');
    const mail = await smtp.waitForMail('resident@example.com');
    expect(mail.subject).toContain('Відновлення пароля');
    expect(smtp.mailsTo('nobody.at.all@example.com')).toHaveLength(0);
    const bad = await c.post('/resident/password/forgot', { email: 'not an address' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('у форматі name@example.com');
  });

  it('sets a new password once, ends every session, and the old password stops working', async () => {
    const old = t.client();
    await old.get('/resident/login');
    expect(
      (await old.post('/resident/login', { email: 'resident@example.com', password: t.creds.password })).location,
    ).toBe('/cabinet');
    expect((await old.get('/cabinet')).status).toBe(200);

    const c = t.client();
    await c.get('/resident/password/forgot');
    await c.post('/resident/password/forgot', { email: 'resident@example.com' });
    const link = resetLink((await smtp.waitForMail('resident@example.com')).text);
    const hours = await t.owner<{ m: string }>(
      "SELECT round(extract(epoch FROM expires_at - created_at) / 60) AS m FROM user_tokens WHERE purpose = 'reset_password' ORDER BY created_at DESC LIMIT 1",
    );
    expect(Number(hours.rows[0].m)).toBe(60);

    const form = await c.get(link);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Новий пароль');
    const token = new URL(link, t.baseUrl).searchParams.get('token')!;
    const weak = await c.post('/resident/password/reset', {
      token,
      password: 'qwerty123',
      passwordConfirm: 'qwerty123',
    });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('надто поширений');
    const mismatch = await c.post('/resident/password/reset', {
      token,
      password: NEW_PASSWORD,
      passwordConfirm: 'Other-pass-2026',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('Паролі не збігаються');

    const done = await c.post('/resident/password/reset', {
      token,
      password: NEW_PASSWORD,
      passwordConfirm: NEW_PASSWORD,
    });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/resident/login?reset=1');
    expect((await c.follow(done)).text).toContain('Пароль змінено');

    expect((await old.get('/cabinet')).location).toBe('/resident/login');

    const again = await t
      .client()
      .post('/resident/password/reset', { token, password: 'Another-pass-2026', passwordConfirm: 'Another-pass-2026' });
    expect(again.status).toBe(400);
    expect(again.text).toContain('Посилання не працює');
    expect((await t.client().get(link)).status).toBe(400);

    const l = t.client();
    await l.get('/resident/login');
    expect(
      (await l.post('/resident/login', { email: 'resident@example.com', password: t.creds.password })).status,
    ).toBe(401);
    expect((await l.post('/resident/login', { email: 'resident@example.com', password: NEW_PASSWORD })).location).toBe(
      '/cabinet',
    );

    const audit = await t.owner<{ action: string; fields: string[] }>(
      `SELECT action, fields FROM audit_log WHERE entity_id = (SELECT id::text FROM users WHERE email = 'resident@example.com')
         AND action LIKE 'resident.password%' ORDER BY id`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'resident.password_reset_requested',
      'resident.password_reset_requested',
      'resident.password_reset',
    ]);
    const leaked = await t.owner(`SELECT 1 FROM audit_log WHERE reason LIKE $1 OR actor_label LIKE $1`, [`%${token}%`]);
    expect(leaked.rowCount).toBe(0);
  });

  it('refuses an expired reset link', async () => {
    const c = t.client();
    await c.get('/resident/password/forgot');
    await c.post('/resident/password/forgot', { email: 'resident@example.com' });
    const link = resetLink((await smtp.waitForMail('resident@example.com')).text);
    await t.owner("UPDATE user_tokens SET expires_at = now() - interval '1 second' WHERE purpose = 'reset_password'");
    const res = await c.get(link);
    expect(res.status).toBe(400);
    expect(res.text).toContain('href="/resident/password/forgot"');
  });
});
