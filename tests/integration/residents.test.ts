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

describe('resident registration and verification', () => {
  it('registers, sends the link by SMTP, verifies once and lands in the cabinet', async () => {
    const c = t.client();
    const res = await register(c, 'Oksana.P@Example.com');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/resident/register/check-email');
    const page = await c.follow(res);
    expect(page.text).toContain('Перевірте електронну пошту');
    expect(page.text).not.toContain('oksana.p@example.com');

    const user = (
      await t.owner<{ id: string; kind: string; email: string; email_verified_at: Date | null; password_hash: string }>(
        "SELECT id, kind, email, email_verified_at, password_hash FROM users WHERE lower(email) = 'oksana.p@example.com'",
      )
    ).rows[0];
    expect(user.kind).toBe('resident');
    expect(user.email).toBe('oksana.p@example.com');
    expect(user.email_verified_at).toBeNull();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const token = (
      await t.owner<{ token_hash: string; hours: string }>(
        `SELECT token_hash, extract(epoch FROM expires_at - created_at) / 3600 AS hours FROM user_tokens WHERE user_id = $1 AND purpose = 'verify_email'`,
        [user.id],
      )
    ).rows[0];
    expect(token.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Math.round(Number(token.hours))).toBe(24);

    const mail = await smtp.waitForMail('oksana.p@example.com');
    expect(mail.subject).toContain('Підтвердіть адресу');
    expect(mail.text).toContain('Оксана Петренко');
    const link = linkIn(mail.text, '/resident/verify');
    expect(mail.text).not.toContain(token.token_hash);

    const browser = t.client();
    const verified = await browser.get(link);
    expect(verified.status).toBe(303);
    expect(verified.location).toBe('/cabinet');
    const cabinet = await browser.follow(verified);
    expect(cabinet.status).toBe(200);
    expect(cabinet.text).toContain('Вітаємо, Оксана Петренко');
    expect(cabinet.text).toContain('o***p@example.com');
    expect(cabinet.text).not.toContain('oksana.p@example.com');

    const again = await t.client().get(link);
    expect(again.status).toBe(400);
    expect(again.text).toContain('Посилання не працює');
    expect(again.text).toContain('action="/resident/verify/resend"');

    const after = (
      await t.owner<{ email_verified_at: Date | null }>('SELECT email_verified_at FROM users WHERE id = $1', [user.id])
    ).rows[0];
    expect(after.email_verified_at).not.toBeNull();
    expect(await auditActions(user.id)).toEqual(['resident.register', 'resident.verify_email']);
  });

  it('answers a duplicate registration exactly like a new one and writes to the owner instead', async () => {
    const c = t.client();
    const res = await register(c, 'resident@example.com', { name: 'Зловмисник' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/resident/register/check-email');
    const fresh = await register(t.client(), 'somebody.new@example.com');
    expect(fresh.status).toBe(res.status);
    expect(fresh.location).toBe(res.location);

    const notice = await smtp.waitForMail('resident@example.com');
    expect(notice.subject).toContain('Спроба реєстрації');
    expect(notice.text).not.toMatch(/token=/);
    const owner = (
      await t.owner<{ display_name: string; n: string }>(
        `SELECT display_name, (SELECT count(*) FROM users WHERE lower(email) = 'resident@example.com') AS n
         FROM users WHERE lower(email) = 'resident@example.com'`,
      )
    ).rows[0];
    expect(owner.n).toBe('1');
    expect(owner.display_name).not.toBe('Зловмисник');
    await smtp.waitForMail('somebody.new@example.com');
  });

  it('sends an unverified owner a fresh verification link on a second registration', async () => {
    await register(t.client(), 'twice@example.com');
    const first = await smtp.waitForMail('twice@example.com');
    await register(t.client(), 'twice@example.com');
    const second = await smtp.waitForMail('twice@example.com');
    expect(second.subject).toContain('Підтвердіть адресу');
    expect(linkIn(second.text, '/resident/verify')).not.toBe(linkIn(first.text, '/resident/verify'));
  });

  it('refuses bad input with 400, an error summary and field messages, creating nothing', async () => {
    const c = t.client();
    await c.get('/resident/register');
    const empty = await c.post('/resident/register', { name: '', email: '', password: '', passwordConfirm: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('govuk-error-summary');
    for (const msg of [
      'Введіть своє ім’я',
      'Введіть адресу електронної пошти',
      'Введіть пароль',
      'погодьтеся на обробку',
    ]) {
      expect(empty.text).toContain(msg);
    }
    expect(empty.text).toContain('href="#name"');
    // Screen readers hear the field errors' hidden prefix in Ukrainian too.
    expect(empty.text).toContain('<span class="govuk-visually-hidden">Помилка:</span>');
    expect(empty.text).not.toContain('>Error:<');

    const cases: [Record<string, string>, string][] = [
      [{ email: 'not-an-email' }, 'у форматі name@example.com'],
      [{ password: 'Ab1!', passwordConfirm: 'Ab1!' }, 'щонайменше 8 символів'],
      [{ password: 'password123', passwordConfirm: 'password123' }, 'надто поширений'],
      [{ passwordConfirm: 'Something-else-2026' }, 'Паролі не збігаються'],
      [{ consent: '' }, 'погодьтеся на обробку'],
    ];
    for (const [override, message] of cases) {
      const res = await register(c, 'bad.input@example.com', override);
      expect(res.status, message).toBe(400);
      expect(res.text).toContain(message);
      expect(res.text).not.toContain(PASSWORD);
    }
    const n = await t.owner("SELECT 1 FROM users WHERE lower(email) IN ('bad.input@example.com', 'not-an-email')");
    expect(n.rowCount).toBe(0);
  });

  it('refuses expired and unknown verification links, and resends without telling whether the address exists', async () => {
    await register(t.client(), 'late@example.com');
    const link = linkIn((await smtp.waitForMail('late@example.com')).text, '/resident/verify');
    await t.owner(
      "UPDATE user_tokens SET expires_at = now() - interval '1 minute' WHERE purpose = 'verify_email' AND user_id = (SELECT id FROM users WHERE email = 'late@example.com')",
    );
    const c = t.client();
    expect((await c.get(link)).status).toBe(400);
    expect((await c.get('/resident/verify?token=unknown-token')).text).toContain('Посилання не працює');
    expect((await c.get('/resident/verify')).status).toBe(400);

    const known = await c.post('/resident/verify/resend', { email: 'late@example.com' });
    const unknown = await c.post('/resident/verify/resend', { email: 'nobody.here@example.com' });
    expect(known.status).toBe(303);
    expect(unknown.status).toBe(303);
    expect(known.location).toBe(unknown.location);
    const fresh = linkIn((await smtp.waitForMail('late@example.com')).text, '/resident/verify');
    expect((await t.client().get(fresh)).location).toBe('/cabinet');
  });
});
