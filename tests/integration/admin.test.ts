import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { useAdminFixture } from '../helpers/admin.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { verifyPassword } from '../../src/platform/passwords.js';
import { newHromada } from '../factories/index.js';

const f = useAdminFixture();
const { userId, auditRows, createUser } = f;
let t: TestApp;
let admin: HttpClient;
let adminId: string;
let hromadaId: number;
beforeAll(() => {
  ({ t, admin, adminId, hromadaId } = f);
});

describe('staff list', () => {
  it('lists the staff of the hromada, sorted by name in Ukrainian order or by username', async () => {
    const res = await admin.get('/admin/users');
    expect(res.status).toBe(200);
    for (const name of ['Олена Адміністраторка', 'Ірина Соцпрацівниця', 'Григорій Староста'])
      expect(res.text).toContain(name);
    expect(res.text).not.toContain('Тарас Мешканець');
    // Г < Ґ < … < І < … < О in Ukrainian order
    expect(res.text.indexOf('Григорій')).toBeLessThan(res.text.indexOf('Ірина'));
    expect(res.text.indexOf('Ірина')).toBeLessThan(res.text.indexOf('Олена'));
    const byUsername = await admin.get('/admin/users?sort=username&dir=desc');
    expect(byUsername.text.indexOf('>worker<')).toBeLessThan(byUsername.text.indexOf('>admin<'));
    expect(byUsername.text).toContain('aria-sort="descending"');
  });

  it('paginates long lists', async () => {
    await t.owner(
      `INSERT INTO users (kind, username, display_name, home_hromada_id)
      SELECT 'staff', 'bulk' || i, 'Масовий ' || i, $1 FROM generate_series(1, 30) i`,
      [hromadaId],
    );
    const first = await admin.get('/admin/users?sort=username&dir=asc&page=1');
    expect(first.text).toContain('page=2');
    const second = await admin.get('/admin/users?sort=username&dir=asc&page=2');
    expect(second.status).toBe(200);
    expect(second.text).toContain('>worker<');
    expect(first.text).not.toContain('>worker<');
  });
});

describe('creating users', () => {
  it('refuses a bad username and a weak password with 400 and Ukrainian messages, creating nothing', async () => {
    await admin.get('/admin/users/new');
    const bad = await admin.post('/admin/users', { username: 'Bad User!', displayName: 'Х', passwordMode: 'generate' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('govuk-error-summary');
    expect(bad.text).toContain('href="#username"');
    expect(bad.text).toContain('Логін має містити від 3 до 40 символів');
    const weak = await admin.post('/admin/users', {
      username: 'weakling',
      displayName: 'Слабкий Пароль',
      passwordMode: 'set',
      password: 'password1',
    });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('href="#password"');
    expect(weak.text).toContain('надто поширений');
    const short = await admin.post('/admin/users', {
      username: 'weakling',
      displayName: 'Слабкий Пароль',
      passwordMode: 'set',
      password: 'x1!',
    });
    expect(short.text).toContain('щонайменше 8 символів');
    const empty = await admin.post('/admin/users', { username: 'weakling', displayName: '', passwordMode: 'generate' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('href="#displayName"');
    expect(await userId('weakling')).toBeUndefined();
  });

  it('creates a user with a generated password shown once, who must change it and enrol TOTP', async () => {
    await admin.get('/admin/users/new');
    const res = await admin.post('/admin/users', {
      username: 'new.worker',
      displayName: 'Нова Працівниця',
      passwordMode: 'generate',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const password = res.text.match(/id="temp-password">\s*([A-Za-z0-9-]+)\s*</)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    const row = (
      await t.owner<{
        id: string;
        password_hash: string;
        must_change_password: boolean;
        totp_secret: string | null;
        home_hromada_id: number;
        kind: string;
      }>(
        'SELECT id, password_hash, must_change_password, totp_secret, home_hromada_id, kind FROM users WHERE username = $1',
        ['new.worker'],
      )
    ).rows[0];
    expect(row).toMatchObject({
      must_change_password: true,
      totp_secret: null,
      home_hromada_id: hromadaId,
      kind: 'staff',
    });
    expect(await verifyPassword(row.password_hash, password!)).toBe(true);
    const audit = await auditRows('user.create', row.id);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({
      actor_id: adminId,
      operation: 'admin',
      entity_type: 'user',
      ip: '127.0.0.1',
    });
    expect(audit.rows[0].fields).toContain('username');
    expect(audit.rows[0].request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(audit.rows)).not.toContain(password!);
  });

  it('creates a user with a password set by the administrator and refuses a taken username', async () => {
    await admin.get('/admin/users/new');
    const res = await admin.post('/admin/users', {
      username: 'set.pw',
      displayName: 'Задана Людина',
      passwordMode: 'set',
      password: 'Vesna-Kyiv-2026-ok',
    });
    expect(res.status).toBe(303);
    const id = await userId('set.pw');
    expect(res.location).toBe(`/admin/users/${id}?done=created`);
    const page = await admin.get(res.location!);
    expect(page.text).toContain('Користувача створено');
    const again = await admin.post('/admin/users', {
      username: 'set.pw',
      displayName: 'Інша',
      passwordMode: 'generate',
    });
    expect(again.status).toBe(400);
    expect(again.text).toContain('Такий логін уже зайнятий');
  });

  it('changes the display name (audited) and refuses an empty one', async () => {
    const id = await createUser('rename.me');
    await admin.get(`/admin/users/${id}`);
    expect((await admin.post(`/admin/users/${id}`, { displayName: '' })).status).toBe(400);
    expect((await admin.post(`/admin/users/${id}`, { displayName: "Нове Ім'я" })).status).toBe(303);
    expect((await t.owner('SELECT display_name FROM users WHERE id = $1', [id])).rows[0].display_name).toBe(
      "Нове Ім'я",
    );
    expect((await auditRows('user.update', id)).rows[0].fields).toEqual(['display_name']);
  });
});

describe('grants', () => {
  let otherDistrict: number;
  beforeAll(async () => {
    const other = await newHromada(t);
    otherDistrict = (
      await t.owner<{ id: number }>('INSERT INTO districts (hromada_id, name) VALUES ($1, $2) RETURNING id', [
        other.id,
        'Чужий округ',
      ])
    ).rows[0].id;
  });

  it('refuses a district of another hromada and district+agency together, changing nothing', async () => {
    const id = await createUser('grant.target');
    await admin.get(`/admin/users/${id}`);
    const foreign = await admin.post(`/admin/users/${id}/grants`, {
      role: 'starosta',
      districtId: String(otherDistrict),
      agencyId: '',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.text).toContain('Оберіть округ цієї громади');
    const agency = (await t.owner<{ id: number }>('SELECT id FROM agencies WHERE hromada_id = $1 LIMIT 1', [hromadaId]))
      .rows[0].id;
    const district = (
      await t.owner<{ id: number }>('SELECT id FROM districts WHERE hromada_id = $1 LIMIT 1', [hromadaId])
    ).rows[0].id;
    const both = await admin.post(`/admin/users/${id}/grants`, {
      role: 'worker',
      districtId: String(district),
      agencyId: String(agency),
    });
    expect(both.status).toBe(400);
    expect(both.text).toContain('не обидва');
    const noRole = await admin.post(`/admin/users/${id}/grants`, { role: 'boss', districtId: '', agencyId: '' });
    expect(noRole.status).toBe(400);
    expect((await t.owner('SELECT 1 FROM grants WHERE user_id = $1', [id])).rowCount).toBe(0);
  });

  it("adds and removes a grant (with confirmation), ends the user's sessions and audits both", async () => {
    const id = await createUser('grant.worker');
    await admin.get(`/admin/users/${id}`);
    const district = (
      await t.owner<{ id: number; name: string }>(
        'SELECT id, name FROM districts WHERE hromada_id = $1 ORDER BY id LIMIT 1',
        [hromadaId],
      )
    ).rows[0];
    const user = t.client();
    await signInAs(t, user, { username: 'grant.worker' });
    expect((await t.owner('SELECT 1 FROM sessions WHERE user_id = $1', [id])).rowCount).toBe(1);
    const add = await admin.post(`/admin/users/${id}/grants`, {
      role: 'starosta',
      districtId: String(district.id),
      agencyId: '',
    });
    expect(add.status).toBe(303);
    expect((await user.get('/staff')).location).toBe('/login');
    const grant = (
      await t.owner<{ id: number; role: string; district_id: number }>(
        'SELECT id, role, district_id FROM grants WHERE user_id = $1',
        [id],
      )
    ).rows[0];
    expect(grant).toMatchObject({ role: 'starosta', district_id: district.id });
    const page = await admin.get(`/admin/users/${id}?done=grantAdded`);
    expect(page.text).toContain(district.name);
    expect(page.text).toContain('Роль надано');
    const dup = await admin.post(`/admin/users/${id}/grants`, {
      role: 'starosta',
      districtId: String(district.id),
      agencyId: '',
    });
    expect(dup.status).toBe(400);
    expect((await auditRows('grant.add', String(grant.id))).rows[0].fields).toEqual(['user_id', 'role', 'district_id']);

    const confirm = await admin.get(`/admin/users/${id}/grants/${grant.id}/remove`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Забрати роль');
    expect((await t.owner('SELECT 1 FROM grants WHERE id = $1', [grant.id])).rowCount).toBe(1);
    await signInAs(t, user, { username: 'grant.worker' });
    const remove = await admin.post(`/admin/users/${id}/grants/${grant.id}/remove`, { reason: 'переведення' });
    expect(remove.status).toBe(303);
    expect((await t.owner('SELECT 1 FROM grants WHERE id = $1', [grant.id])).rowCount).toBe(0);
    expect((await t.owner('SELECT 1 FROM sessions WHERE user_id = $1', [id])).rowCount).toBe(0);
    expect((await auditRows('grant.remove', String(grant.id))).rows[0].reason).toBe('переведення');
    expect((await admin.post(`/admin/users/${id}/grants/${grant.id}/remove`, {})).status).toBe(404);
  });

  it('does not let an administrator remove their own last admin role', async () => {
    const own = (
      await t.owner<{ id: number }>("SELECT id FROM grants WHERE user_id = $1 AND role = 'admin'", [adminId])
    ).rows[0].id;
    expect((await admin.get(`/admin/users/${adminId}/grants/${own}/remove`)).status).toBe(409);
    await admin.get('/admin/users');
    const res = await admin.post(`/admin/users/${adminId}/grants/${own}/remove`, {});
    expect(res.status).toBe(409);
    expect(res.text).toContain('останню роль адміністратора');
    expect((await t.owner('SELECT 1 FROM grants WHERE id = $1', [own])).rowCount).toBe(1);
  });
});
