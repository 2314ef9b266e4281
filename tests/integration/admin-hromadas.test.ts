import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { verifyPassword } from '../../src/platform/passwords.js';

let t: TestApp;
let sa: HttpClient;
let target: { id: number; code: string; name: string };
let settlements: string[];

const audit = (hromadaId: number, action: string) =>
  t.owner<{ entity_id: string; fields: string[]; reason: string | null }>(
    'SELECT entity_id, fields, reason FROM audit_log WHERE hromada_id = $1 AND action = $2 ORDER BY id',
    [hromadaId, action],
  );

beforeAll(async () => {
  t = await startTestApp();
  sa = t.client();
  await signInAs(t, sa, { username: 'admin' });
  // An inactive hromada with at least three settlements.
  target = (
    await t.owner<{ id: number; code: string; name: string }>(
      `SELECT h.id, h.code, h.name FROM hromadas h WHERE NOT h.active
       AND (SELECT count(*) FROM settlements s WHERE s.hromada_code = h.code) >= 3 ORDER BY h.code LIMIT 1`,
    )
  ).rows[0];
  settlements = (
    await t.owner<{ code: string }>('SELECT code FROM settlements WHERE hromada_code = $1 ORDER BY code', [target.code])
  ).rows.map((r) => r.code);
});
afterAll(async () => {
  await t.close();
});

describe('hromadas (superadmin)', () => {
  it('finds hromadas by name with oblast and raion; lists active ones by default', async () => {
    const all = await sa.get('/admin/hromadas');
    expect(all.status).toBe(200);
    expect(all.text).toContain('Старобільська');
    expect(all.text).not.toContain(`>${target.name}<`);
    const found = await sa.get(`/admin/hromadas?q=${encodeURIComponent(target.name.slice(0, -1))}`);
    expect(found.text).toContain(`>${target.name}</a>`);
    expect(found.text).toContain('Не підключена');
    const star = await sa.get(`/admin/hromadas?q=${encodeURIComponent('старобільськ')}`);
    expect(star.text).toContain('Луганська');
    expect(star.text).toContain('Старобільський');
    expect((await sa.get('/admin/hromadas?q=%25%25%25')).text).toContain('0 записів');
  });

  it('activates a hromada (audited in its own chain) and refuses setup before activation', async () => {
    await sa.get(`/admin/hromadas/${target.id}`);
    expect((await sa.post(`/admin/hromadas/${target.id}/districts`, { name: 'Рано' })).status).toBe(409);
    const res = await sa.post(`/admin/hromadas/${target.id}/activate`, {});
    expect(res.status).toBe(303);
    expect((await t.owner('SELECT active FROM hromadas WHERE id = $1', [target.id])).rows[0].active).toBe(true);
    expect((await audit(target.id, 'hromada.activate')).rows).toEqual([
      { entity_id: String(target.id), fields: ['active', 'activated_at'], reason: null },
    ]);
    expect((await sa.get(`/admin/hromadas/${target.id}?done=activated`)).text).toContain('Громаду активовано');
  });

  it('creates, renames and fills districts; a settlement belongs to at most one district', async () => {
    await sa.get(`/admin/hromadas/${target.id}`);
    expect((await sa.post(`/admin/hromadas/${target.id}/districts`, { name: '  ' })).status).toBe(400);
    const first = await sa.post(`/admin/hromadas/${target.id}/districts`, { name: 'Перший округ' });
    expect(first.status).toBe(303);
    const d1 = Number(first.location!.match(/districts\/(\d+)/)![1]);
    const dup = await sa.post(`/admin/hromadas/${target.id}/districts`, { name: 'Перший округ' });
    expect(dup.status).toBe(400);
    expect(dup.text).toContain('Така назва вже є');
    const d2 = Number(
      (await sa.post(`/admin/hromadas/${target.id}/districts`, { name: 'Другий округ' })).location!.match(
        /districts\/(\d+)/,
      )![1],
    );

    const page = await sa.get(`/admin/hromadas/${target.id}/districts/${d1}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`value="${settlements[0]}"`);
    expect(
      (
        await sa.post(`/admin/hromadas/${target.id}/districts/${d1}/settlements`, {
          codes: [settlements[0], settlements[1]],
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await sa.post(`/admin/hromadas/${target.id}/districts/${d2}/settlements`, {
          codes: [settlements[1], settlements[2]],
        })
      ).status,
    ).toBe(303);
    const rows = (
      await t.owner<{ settlement_code: string; district_id: number }>(
        'SELECT settlement_code, district_id FROM district_settlements WHERE hromada_id = $1 ORDER BY settlement_code',
        [target.id],
      )
    ).rows;
    expect(rows).toEqual([
      { settlement_code: settlements[0], district_id: d1 },
      { settlement_code: settlements[1], district_id: d2 },
      { settlement_code: settlements[2], district_id: d2 },
    ]);
    expect((await sa.get(`/admin/hromadas/${target.id}/districts/${d1}`)).text).toContain(
      'Зараз в окрузі «Другий округ»',
    );
    const foreign = await sa.post(`/admin/hromadas/${target.id}/districts/${d1}/settlements`, {
      codes: ['UA44140110010066185'],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.text).toContain('Оберіть населені пункти цієї громади');
    expect(
      (await sa.post(`/admin/hromadas/${target.id}/districts/${d1}/rename`, { name: 'Перейменований' })).status,
    ).toBe(303);
    expect((await t.owner('SELECT name FROM districts WHERE id = $1', [d1])).rows[0].name).toBe('Перейменований');
    expect((await audit(target.id, 'district.settlements')).rowCount).toBe(2);
    expect((await audit(target.id, 'district.rename')).rows[0].entity_id).toBe(String(d1));

    // Only an empty district can be deleted.
    const refused = await sa.post(`/admin/hromadas/${target.id}/districts/${d1}/delete`, {});
    expect(refused.status).toBe(409);
    expect((await sa.post(`/admin/hromadas/${target.id}/districts/${d1}/settlements`, {})).status).toBe(303);
    expect((await sa.get(`/admin/hromadas/${target.id}/districts/${d1}/delete`)).status).toBe(200);
    expect((await sa.post(`/admin/hromadas/${target.id}/districts/${d1}/delete`, { reason: 'помилка' })).status).toBe(
      303,
    );
    expect((await t.owner('SELECT 1 FROM districts WHERE id = $1', [d1])).rowCount).toBe(0);
    expect((await audit(target.id, 'district.delete')).rows[0]).toMatchObject({
      entity_id: String(d1),
      reason: 'помилка',
    });
  });

  it('creates agencies and the first administrator of the new hromada', async () => {
    await sa.get(`/admin/hromadas/${target.id}`);
    const bad = await sa.post(`/admin/hromadas/${target.id}/agencies`, { name: '', kind: 'provider' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#agencyName"');
    expect(
      (await sa.post(`/admin/hromadas/${target.id}/agencies`, { name: 'Новий терцентр', kind: 'provider' })).status,
    ).toBe(303);
    expect((await t.owner('SELECT kind FROM agencies WHERE hromada_id = $1', [target.id])).rows).toEqual([
      { kind: 'provider' },
    ]);

    const res = await sa.post(`/admin/hromadas/${target.id}/admins`, {
      username: 'new.hromada.admin',
      displayName: 'Перший Адміністратор',
    });
    expect(res.status).toBe(201);
    const password = res.text.match(/id="temp-password">\s*([A-Za-z0-9-]+)\s*</)![1];
    const user = (
      await t.owner<{ id: string; password_hash: string; home_hromada_id: number; is_superadmin: boolean }>(
        "SELECT id, password_hash, home_hromada_id, is_superadmin FROM users WHERE username = 'new.hromada.admin'",
      )
    ).rows[0];
    expect(user).toMatchObject({ home_hromada_id: target.id, is_superadmin: false });
    expect(await verifyPassword(user.password_hash, password)).toBe(true);
    expect(
      (await t.owner('SELECT role FROM grants WHERE user_id = $1 AND hromada_id = $2', [user.id, target.id])).rows,
    ).toEqual([{ role: 'admin' }]);
    expect((await audit(target.id, 'user.create')).rows[0].entity_id).toBe(user.id);
    expect((await audit(target.id, 'grant.add')).rowCount).toBe(1);

    // The new administrator first replaces the temporary password, then manages their own hromada only.
    const na = t.client();
    await signInAs(t, na, { username: 'new.hromada.admin' }, target.code);
    expect((await na.get('/admin/users')).location).toBe('/account?required=1');
    await na.get('/account?required=1');
    expect(
      (
        await na.post('/account', {
          action: 'password',
          currentPassword: password,
          newPassword: 'Persha-Zmina-2026!q',
          confirmPassword: 'Persha-Zmina-2026!q',
        })
      ).status,
    ).toBe(303);
    expect((await na.get('/admin/users')).text).toContain('new.hromada.admin');
    expect((await na.get('/admin/users')).text).not.toContain('Олена Адміністраторка');
    expect((await na.get(`/admin/hromadas/${target.id}`)).status).toBe(200);
    await na.get(`/admin/hromadas/${target.id}`);
    expect(
      (await na.post(`/admin/hromadas/${target.id}/admins`, { username: 'sneaky', displayName: 'Х' })).status,
    ).toBe(403);
  });
});
