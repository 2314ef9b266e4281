import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import type { TestSmtp } from '../helpers/smtp.js';
import { useAppWithMail } from '../helpers/mail-app.js';
import { RESIDENT_PASSWORD, auditActionsOf, linkIn, registerResident } from '../helpers/residents.js';

const app = useAppWithMail();
let t: TestApp;
let smtp: TestSmtp;
beforeAll(() => {
  ({ t, smtp } = app);
});

const PASSWORD = RESIDENT_PASSWORD;
const register = registerResident;
const auditActions = (userId: string) => auditActionsOf(t, userId);

describe('resident login', () => {
  it('refuses an unverified address after the right password and offers a new link', async () => {
    await register(t.client(), 'unverified@example.com');
    await smtp.waitForMail('unverified@example.com');
    const c = t.client();
    await c.get('/resident/login');
    const res = await c.post('/resident/login', { email: 'unverified@example.com', password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Адресу ще не підтверджено');
    expect(res.text).toContain('action="/resident/verify/resend"');
    expect(c.cookies.has(t.services.sessions.cookieName)).toBe(false);
    const wrong = await c.post('/resident/login', { email: 'unverified@example.com', password: 'Wrong-pass-2026' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('Адресу ще не підтверджено');
  });

  it('gives the same message for a wrong password and an unknown address', async () => {
    const c = t.client();
    await c.get('/resident/login');
    const wrong = await c.post('/resident/login', { email: 'resident@example.com', password: 'Not-the-password-1' });
    const unknown = await c.post('/resident/login', {
      email: 'no.such.person@example.com',
      password: 'Not-the-password-1',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const msg = 'Неправильна адреса електронної пошти або пароль';
    expect(wrong.text).toContain(msg);
    expect(unknown.text).toContain(msg);
    expect(c.cookies.has(t.services.sessions.cookieName)).toBe(false);
  });

  it('signs in with the right password into a new session, and logs the attempts in the audit trail', async () => {
    const c = t.client();
    await c.get('/resident/login');
    const res = await c.post('/resident/login', { email: 'RESIDENT@example.com', password: t.creds.password });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/cabinet');
    expect((await c.follow(res)).text).toContain('Мій кабінет');
    const id = (await t.owner<{ id: string }>("SELECT id FROM users WHERE email = 'resident@example.com'")).rows[0].id;
    const actions = await auditActions(id);
    expect(actions).toContain('resident.login_failed');
    expect(actions[actions.length - 1]).toBe('resident.login');
    const row = (await t.owner<{ failed_logins: number }>('SELECT failed_logins FROM users WHERE id = $1', [id]))
      .rows[0];
    expect(row.failed_logins).toBe(0);
  });

  it('locks an account after too many failures, even for the right password, with a generic message', async () => {
    await register(t.client(), 'locked@example.com');
    const link = linkIn((await smtp.waitForMail('locked@example.com')).text, '/resident/verify');
    await t.client().get(link);
    const c = t.client();
    await c.get('/resident/login');
    const statuses: number[] = [];
    for (let i = 0; i < t.services.config.LOGIN_MAX_FAILURES; i++) {
      statuses.push(
        (await c.post('/resident/login', { email: 'locked@example.com', password: `Wrong-${i}-password` })).status,
      );
    }
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    expect(statuses[statuses.length - 1]).toBe(429);
    const right = await c.post('/resident/login', { email: 'locked@example.com', password: PASSWORD });
    expect(right.status).toBe(429);
    expect(right.text).toContain('Забагато невдалих спроб');
    const unknown = t.client();
    await unknown.get('/resident/login');
    for (let i = 0; i < t.services.config.LOGIN_MAX_FAILURES; i++) {
      await unknown.post('/resident/login', { email: 'ghost@example.com', password: `Wrong-${i}-password` });
    }
    expect(
      (await unknown.post('/resident/login', { email: 'ghost@example.com', password: 'x-Wrong-pass' })).status,
    ).toBe(429);
  });
});

describe('cabinet', () => {
  it('sends visitors without a resident session to the resident login', async () => {
    const res = await t.client().get('/cabinet');
    expect(res.status).toBe(302);
    expect(res.location).toBe('/resident/login');
  });

  it('changes name and language with an audited write, and validates the form', async () => {
    await register(t.client(), 'profile@example.com');
    const c = t.client();
    expect(
      (await c.get(linkIn((await smtp.waitForMail('profile@example.com')).text, '/resident/verify'))).location,
    ).toBe('/cabinet');
    await c.get('/cabinet');
    const bad = await c.post('/cabinet/profile', { name: '', locale: 'de' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Введіть своє ім’я');
    expect(bad.text).toContain('Оберіть мову');
    const ok = await c.post('/cabinet/profile', { name: 'Оксана Коваль', locale: 'en' });
    expect(ok.status).toBe(303);
    const page = await c.follow(ok);
    expect(page.text).toContain('<html lang="en"');
    expect(page.text).toContain('Welcome, Оксана Коваль');
    const id = (
      await t.owner<{ id: string; locale: string }>("SELECT id, locale FROM users WHERE email = 'profile@example.com'")
    ).rows[0];
    expect(id.locale).toBe('en');
    const audit = await t.owner<{ fields: string[]; operation: string }>(
      "SELECT fields, operation FROM audit_log WHERE entity_id = $1 AND action = 'resident.profile_update'",
      [id.id],
    );
    expect(audit.rows[0]).toEqual({ fields: ['display_name', 'locale'], operation: 'write' });
  });
});
