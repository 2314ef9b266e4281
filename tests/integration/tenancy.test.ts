import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { writeAudit } from '../../src/platform/audit.js';
import { demoHromadaId, newHromada, staffUser } from '../factories/index.js';

let t: TestApp;
let a: number;
let b: number;
const B: { userId: string; grantId: number; districtId: number; agencyId: number } = {
  userId: '',
  grantId: 0,
  districtId: 0,
  agencyId: 0,
};
let aAdmin: HttpClient;
let aUserId: string;

beforeAll(async () => {
  t = await startTestApp();
  a = await demoHromadaId(t);
  b = (await newHromada(t)).id;
  B.districtId = (
    await t.owner<{ id: number }>("INSERT INTO districts (hromada_id, name) VALUES ($1, 'Округ Б') RETURNING id", [b])
  ).rows[0].id;
  B.agencyId = (
    await t.owner<{ id: number }>("INSERT INTO agencies (hromada_id, name) VALUES ($1, 'Агенція Б') RETURNING id", [b])
  ).rows[0].id;
  const bWorker = await staffUser(t, {
    username: 'b.worker',
    displayName: 'Працівник Б',
    hromadaId: b,
    role: 'starosta',
    districtId: B.districtId,
  });
  B.userId = bWorker.userId;
  B.grantId = bWorker.grantId!;
  await t.services.db.tx({ hromadaId: b }, (c) =>
    writeAudit(c, {
      hromadaId: b,
      action: 'b.secret_action',
      operation: 'write',
      entityType: 'person',
      entityId: 'b-1',
    }),
  );
  // An administrator of A who is not a platform superadmin.
  aUserId = (await staffUser(t, { username: 'a.admin', displayName: 'Адмін А', hromadaId: a, role: 'admin' })).userId;
  aAdmin = t.client();
  await signInAs(t, aAdmin, { username: 'a.admin' });
  await aAdmin.get('/admin/users');
});
afterAll(async () => {
  await t.close();
});

const TABLES = ['districts', 'district_settlements', 'agencies', 'grants', 'api_tokens', 'audit_log'];

describe('row-level security between hromadas', () => {
  it('shows the app role in hromada A no row of B in any tenant table, even without a WHERE clause', async () => {
    expect((await t.owner('SELECT 1 FROM audit_log WHERE hromada_id = $1', [b])).rowCount).toBe(1);
    await t.services.db.tx({ hromadaId: a }, async (c) => {
      for (const table of TABLES) {
        const { rows } = await c.query<{ hromada_id: number | null }>(`SELECT hromada_id FROM ${table}`);
        expect(
          rows.filter((r) => r.hromada_id !== a),
          table,
        ).toEqual([]);
      }
      expect((await c.query<{ n: number }>('SELECT count(*)::int AS n FROM districts')).rows[0].n).toBeGreaterThan(0);
      expect((await c.query('SELECT id FROM grants WHERE id = $1', [B.grantId])).rowCount).toBe(0);
    });
    await t.services.db.tx({ hromadaId: null }, async (c) => {
      for (const table of TABLES) expect((await c.query(`SELECT 1 FROM ${table}`)).rowCount, table).toBe(0);
    });
  });

  it('refuses to INSERT, UPDATE or DELETE rows of B from hromada A', async () => {
    const inA = <T>(sql: string, values: unknown[]) =>
      t.services.db.tx({ hromadaId: a }, (c) => c.query(sql, values) as Promise<T>);
    await expect(inA("INSERT INTO districts (hromada_id, name) VALUES ($1, 'Підкинутий')", [b])).rejects.toThrow(
      /row-level security/,
    );
    await expect(inA("INSERT INTO agencies (hromada_id, name) VALUES ($1, 'Підкинута')", [b])).rejects.toThrow(
      /row-level security/,
    );
    await expect(
      inA("INSERT INTO grants (hromada_id, user_id, role) VALUES ($1, $2, 'admin')", [b, aUserId]),
    ).rejects.toThrow(/row-level security/);
    await expect(
      t.services.db.tx({ hromadaId: a }, (c) => writeAudit(c, { hromadaId: b, action: 'forged', operation: 'write' })),
    ).rejects.toThrow(/row-level security/);
    const upd = await t.services.db.tx({ hromadaId: a }, (c) =>
      c.query("UPDATE districts SET name = 'Зламано' WHERE id = $1", [B.districtId]),
    );
    expect(upd.rowCount).toBe(0);
    const del = await t.services.db.tx({ hromadaId: a }, (c) =>
      c.query('DELETE FROM grants WHERE id = $1', [B.grantId]),
    );
    expect(del.rowCount).toBe(0);
    expect((await t.owner('SELECT name FROM districts WHERE id = $1', [B.districtId])).rows[0].name).toBe('Округ Б');
    expect((await t.owner('SELECT 1 FROM grants WHERE id = $1', [B.grantId])).rowCount).toBe(1);
    expect((await t.owner("SELECT 1 FROM audit_log WHERE action = 'forged'")).rowCount).toBe(0);
  });
});

describe("an administrator of A asking for B's ids over HTTP", () => {
  it("gets 404 for B's users and grants, and nothing changes", async () => {
    expect((await aAdmin.get(`/admin/users/${B.userId}`)).status).toBe(404);
    expect((await aAdmin.get(`/admin/users/${B.userId}/deactivate`)).status).toBe(404);
    expect((await aAdmin.post(`/admin/users/${B.userId}/deactivate`, {})).status).toBe(404);
    expect((await aAdmin.post(`/admin/users/${B.userId}/password`, {})).status).toBe(404);
    expect((await aAdmin.post(`/admin/users/${B.userId}`, { displayName: 'Перейменовано' })).status).toBe(404);
    expect(
      (await aAdmin.post(`/admin/users/${B.userId}/grants`, { role: 'admin', districtId: '', agencyId: '' })).status,
    ).toBe(404);
    expect((await aAdmin.get(`/admin/users/${B.userId}/grants/${B.grantId}/remove`)).status).toBe(404);
    expect((await aAdmin.post(`/admin/users/${B.userId}/grants/${B.grantId}/remove`, {})).status).toBe(404);
    expect((await aAdmin.post(`/admin/users/${aUserId}/grants/${B.grantId}/remove`, {})).status).toBe(404);
    const list = await aAdmin.get('/admin/users');
    expect(list.text).not.toContain('b.worker');
    const user = (
      await t.owner('SELECT active, display_name, must_change_password FROM users WHERE id = $1', [B.userId])
    ).rows[0];
    expect(user).toEqual({ active: true, display_name: 'Працівник Б', must_change_password: false });
    expect((await t.owner('SELECT 1 FROM grants WHERE id = $1', [B.grantId])).rowCount).toBe(1);
    expect((await t.owner('SELECT count(*)::int AS n FROM grants WHERE user_id = $1', [B.userId])).rows[0].n).toBe(1);
  });

  it("cannot scope a grant to B's district or agency (400) and cannot touch B's tenant setup (403/404)", async () => {
    await aAdmin.get(`/admin/users/${aUserId}`);
    const d = await aAdmin.post(`/admin/users/${aUserId}/grants`, {
      role: 'starosta',
      districtId: String(B.districtId),
      agencyId: '',
    });
    expect(d.status).toBe(400);
    const ag = await aAdmin.post(`/admin/users/${aUserId}/grants`, {
      role: 'provider',
      districtId: '',
      agencyId: String(B.agencyId),
    });
    expect(ag.status).toBe(400);
    expect((await t.owner('SELECT count(*)::int AS n FROM grants WHERE user_id = $1', [aUserId])).rows[0].n).toBe(1);

    expect((await aAdmin.get('/admin/hromadas')).status).toBe(403);
    expect((await aAdmin.get(`/admin/hromadas/${b}`)).status).toBe(403);
    expect((await aAdmin.get(`/admin/hromadas/${b}/districts/${B.districtId}`)).status).toBe(403);
    expect((await aAdmin.post(`/admin/hromadas/${b}/districts`, { name: 'Чужий' })).status).toBe(403);
    expect(
      (await aAdmin.post(`/admin/hromadas/${b}/districts/${B.districtId}/rename`, { name: 'Зламано' })).status,
    ).toBe(403);
    expect((await aAdmin.post(`/admin/hromadas/${b}/activate`, {})).status).toBe(403);
    expect((await aAdmin.post(`/admin/hromadas/${b}/agencies`, { name: 'Чужа', kind: 'provider' })).status).toBe(403);
    // Through its own hromada's address, B's district simply does not exist.
    expect((await aAdmin.get(`/admin/hromadas/${a}/districts/${B.districtId}`)).status).toBe(404);
    expect(
      (await aAdmin.post(`/admin/hromadas/${a}/districts/${B.districtId}/rename`, { name: 'Зламано' })).status,
    ).toBe(404);
    expect((await aAdmin.post(`/admin/hromadas/${a}/districts/${B.districtId}/delete`, {})).status).toBe(404);
    expect((await t.owner('SELECT name FROM districts WHERE id = $1', [B.districtId])).rows[0].name).toBe('Округ Б');
    expect((await t.owner('SELECT count(*)::int AS n FROM districts WHERE hromada_id = $1', [b])).rows[0].n).toBe(1);
  });

  it("sees only A's entries on /audit", async () => {
    const page = await aAdmin.get('/audit');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('b.secret_action');
    const byEntity = await aAdmin.get('/audit?entityType=person&entityId=b-1');
    expect(byEntity.text).toContain('Записів за цими умовами немає');
  });
});
