import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';

let t: TestApp;
let admin: HttpClient;
let worker: HttpClient;

beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  await signInAs(t, admin, { username: 'admin' });
  worker = t.client();
  await signInAs(t, worker, { username: 'worker' });
});
afterAll(async () => {
  await t?.close();
});

describe('what the pages say after an action', () => {
  it('a success banner is titled «Готово» and says what happened, not «Турбота»', async () => {
    await admin.get('/admin/users/new');
    const res = await admin.post('/admin/users', {
      username: 'banner.one',
      displayName: 'Банерна Людина',
      passwordMode: 'set',
      password: 'Vesna-Kyiv-2026-ok',
    });
    expect(res.status).toBe(303);
    const page = await admin.get(res.location!);
    const banner = /<div class="govuk-notification-banner[^"]*"[\s\S]*?<\/div>\s*<\/div>/.exec(page.text)?.[0] ?? '';
    expect(banner).toContain('aria-labelledby="flash-title flash-text"');
    expect(banner).toMatch(/id="flash-title">Готово</);
    expect(banner).not.toContain('Турбота');
    expect(banner).toMatch(/id="flash-text">Користувача створено/);
    expect(banner).toContain('надайте роль');
  });

  it('the page of a user created with a generated password links to giving the user a role', async () => {
    await admin.get('/admin/users/new');
    const res = await admin.post('/admin/users', {
      username: 'role.next',
      displayName: 'Без Ролі',
      passwordMode: 'generate',
    });
    expect(res.status).toBe(201);
    const id = (await t.owner<{ id: string }>("SELECT id FROM users WHERE username = 'role.next'")).rows[0].id;
    expect(res.text).toContain(`href="/admin/users/${id}#add-grant"`);
    expect(res.text).toContain('Надати роль цьому користувачеві');
    expect((await admin.get(`/admin/users/${id}`)).text).toContain('id="add-grant"');
  });
});

describe('a too-long name says how long it may be', () => {
  it('a person’s surname: at most 100 characters', async () => {
    await worker.get('/persons/new');
    const r = await worker.post('/persons/new', {
      lastName: 'Д'.repeat(101),
      firstName: 'Олена',
      sex: 'female',
      action: 'save',
    });
    expect(r.status).toBe(400);
    expect(r.text).toContain('Має бути не більше 100 символів');
  });

  it('a staff user’s name: at most 200 characters', async () => {
    await admin.get('/admin/users/new');
    const r = await admin.post('/admin/users', {
      username: 'long.name',
      displayName: 'Я'.repeat(201),
      passwordMode: 'generate',
    });
    expect(r.status).toBe(400);
    expect(r.text).toContain('Має бути не більше 200 символів');
  });
});
