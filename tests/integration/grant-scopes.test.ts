import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { apiTokenFor } from '../helpers/api.js';
import { createStaffUser } from '../helpers/login.js';
import { MIGRATIONS_DIR } from '../../src/platform/migrate.js';
import type { HttpClient } from '../helpers/http.js';

let t: TestApp;
let admin: HttpClient;
let hromadaId: number;
let districts: number[];
let agencies: number[];
let person: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  hromadaId = (await signInAs(t, admin, { username: 'admin' })).hromadaId!;
  districts = (
    await t.owner<{ id: number }>('SELECT id FROM districts WHERE hromada_id = $1 ORDER BY id', [hromadaId])
  ).rows.map((r) => r.id);
  agencies = (
    await t.owner<{ id: number }>('SELECT id FROM agencies WHERE hromada_id = $1 ORDER BY id', [hromadaId])
  ).rows.map((r) => r.id);
  // A person in the first district, served by no agency: outside any scoped grant used below.
  person = (
    await t.owner<{ id: string }>(
      `INSERT INTO persons (hromada_id, last_name, first_name, latin_name, district_id)
     VALUES ($1, 'Округова', 'Ганна', 'Okruhova Hanna', $2) RETURNING id`,
      [hromadaId, districts[0]],
    )
  ).rows[0].id;
});
afterAll(async () => {
  await t.close();
});

const grantsOf = async (userId: string) =>
  (await t.owner<{ role: string }>('SELECT role FROM grants WHERE user_id = $1', [userId])).rows;

describe('a starosta grant must name a district, a provider grant an agency', () => {
  it('the form offers no «whole hromada» default and refuses both unscoped grants with a Ukrainian error', async () => {
    const id = await createStaffUser(t, 'scope.target').then((u) => u.userId);
    await t.owner('DELETE FROM grants WHERE user_id = $1', [id]);
    const page = await admin.get(`/admin/users/${id}`);
    expect(page.text).not.toContain('Уся громада (без обмеження округом)');
    expect(page.text).not.toContain('Без обмеження організацією');

    const starosta = await admin.post(`/admin/users/${id}/grants`, { role: 'starosta', districtId: '', agencyId: '' });
    expect(starosta.status).toBe(400);
    expect(starosta.text).toContain('Оберіть старостинський округ');
    expect(starosta.text).toContain('href="#districtId"');
    const starostaWithAgency = await admin.post(`/admin/users/${id}/grants`, {
      role: 'starosta',
      districtId: '',
      agencyId: String(agencies[0]),
    });
    expect(starostaWithAgency.status).toBe(400);
    const provider = await admin.post(`/admin/users/${id}/grants`, { role: 'provider', districtId: '', agencyId: '' });
    expect(provider.status).toBe(400);
    expect(provider.text).toContain('Оберіть організацію');
    const providerWithDistrict = await admin.post(`/admin/users/${id}/grants`, {
      role: 'provider',
      districtId: String(districts[1]),
      agencyId: '',
    });
    expect(providerWithDistrict.status).toBe(400);
    expect(await grantsOf(id)).toEqual([]);

    expect(
      (
        await admin.post(`/admin/users/${id}/grants`, {
          role: 'provider',
          districtId: '',
          agencyId: String(agencies[1]),
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await admin.post(`/admin/users/${id}/grants`, {
          role: 'starosta',
          districtId: String(districts[1]),
          agencyId: '',
        })
      ).status,
    ).toBe(303);
    expect((await grantsOf(id)).map((g) => g.role).sort()).toEqual(['provider', 'starosta']);
  });

  it('the database refuses an unscoped starosta or provider grant too', async () => {
    const id = await createStaffUser(t, 'scope.db').then((u) => u.userId);
    await expect(
      t.owner("INSERT INTO grants (hromada_id, user_id, role) VALUES ($1, $2, 'starosta')", [hromadaId, id]),
    ).rejects.toThrow(/grants_scope_required/);
    await expect(
      t.owner("INSERT INTO grants (hromada_id, user_id, role) VALUES ($1, $2, 'provider')", [hromadaId, id]),
    ).rejects.toThrow(/grants_scope_required/);
  });

  it('the demo seed gives the starosta a district and the provider an agency', async () => {
    const rows = (
      await t.owner<{ username: string; district_id: number | null; agency_id: number | null }>(
        `SELECT u.username, g.district_id, g.agency_id FROM grants g JOIN users u ON u.id = g.user_id
       WHERE u.username IN ('starosta', 'provider') ORDER BY u.username`,
      )
    ).rows;
    expect(rows).toEqual([
      { username: 'provider', district_id: null, agency_id: expect.any(Number) as number },
      { username: 'starosta', district_id: expect.any(Number) as number, agency_id: null },
    ]);
  });
});

describe('a grant left without its district or agency (data from before) reaches nothing', () => {
  let starosta: HttpClient;
  let provider: HttpClient;
  let starostaToken: string;
  beforeAll(async () => {
    // Data as it could be before migration 0037: the constraint is lifted in this test's own database.
    await t.owner('ALTER TABLE grants DROP CONSTRAINT grants_scope_required');
    await createStaffUser(t, 'legacy.starosta', { role: 'starosta' });
    await createStaffUser(t, 'legacy.provider', { role: 'provider' });
    starosta = t.client();
    await signInAs(t, starosta, { username: 'legacy.starosta' });
    provider = t.client();
    await signInAs(t, provider, { username: 'legacy.provider' });
    starostaToken = await apiTokenFor(t, 'legacy.starosta');
  });
  afterAll(async () => {
    await t.owner("DELETE FROM grants WHERE user_id IN (SELECT id FROM users WHERE username LIKE 'legacy.%')");
    await t.owner(`ALTER TABLE grants ADD CONSTRAINT grants_scope_required
      CHECK ((role <> 'starosta' OR district_id IS NOT NULL) AND (role <> 'provider' OR agency_id IS NOT NULL))`);
  });

  it('refuses the person card, the registry search and the application queue on the pages', async () => {
    for (const c of [starosta, provider]) {
      expect((await c.get(`/persons/${person}`)).status).toBe(403);
      const search = await c.get('/persons?q=Округова');
      expect(search.status).toBe(403);
      expect(search.text).not.toContain('Округова');
    }
    expect((await starosta.get('/applications')).status).toBe(403);
    expect((await provider.get('/assignments')).status).toBe(403);
  });

  it('refuses the person through the API', async () => {
    const get = await t
      .client()
      .request('GET', `/api/v1/persons/${person}`, { headers: { authorization: `Bearer ${starostaToken}` } });
    expect(get.status).toBe(403);
    const search = await t
      .client()
      .request('GET', '/api/v1/persons?q=Округова', { headers: { authorization: `Bearer ${starostaToken}` } });
    expect(search.status).toBe(403);
  });

  it('migration 0037 reports such grants, removes them with an audit entry and restores the constraint', async () => {
    const scoped = await createStaffUser(t, 'legacy.ok', { role: 'starosta', districtId: districts[1] });
    const ids = (
      await t.owner<{ id: number }>(
        "SELECT g.id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username IN ('legacy.starosta', 'legacy.provider') ORDER BY g.id",
      )
    ).rows.map((r) => String(r.id));
    expect(ids).toHaveLength(2);
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, '0037_grant_scope_required.sql'), 'utf8');
    const client = new pg.Client({ connectionString: t.dbUrl });
    const notices: string[] = [];
    client.on('notice', (n) => {
      if (n.where?.includes('PL/pgSQL')) notices.push(n.message ?? '');
    });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
    expect(notices.filter((n) => n.includes('legacy.starosta'))).toHaveLength(1);
    expect(notices.filter((n) => n.includes('legacy.provider'))).toHaveLength(1);
    expect(notices.at(-1)).toContain(': 2');
    const left = await t.owner(
      "SELECT 1 FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username IN ('legacy.starosta', 'legacy.provider')",
    );
    expect(left.rowCount).toBe(0);
    expect((await grantsOf(scoped.userId)).map((g) => g.role)).toEqual(['starosta']);
    const audit = await t.owner<{ entity_id: string; reason: string; actor_label: string }>(
      "SELECT entity_id, reason, actor_label FROM audit_log WHERE action = 'grant.remove' AND entity_id = ANY($1) ORDER BY entity_id::int",
      [ids],
    );
    expect(audit.rows.map((r) => r.reason).sort()).toEqual(['scope_missing:agency', 'scope_missing:district']);
    expect(audit.rows.every((r) => r.actor_label === 'migration 0037')).toBe(true);
    await expect(
      t.owner("INSERT INTO grants (hromada_id, user_id, role) VALUES ($1, $2, 'starosta')", [hromadaId, scoped.userId]),
    ).rejects.toThrow(/grants_scope_required/);
    // The chain stays verifiable after the migration's own entries.
    const broken = await t.owner(
      "SELECT 1 FROM audit_log a WHERE a.hash <> encode(sha256(convert_to(audit_canonical(a), 'UTF8')), 'hex')",
    );
    expect(broken.rowCount).toBe(0);
    await t.owner('ALTER TABLE grants DROP CONSTRAINT grants_scope_required');
  });
});
