import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { seedDemoRegistry } from '../../db/seed/demo-registry.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('the demo registry seeded for `npm start`', () => {
  it('adds persons, links the demo resident and leaves applications to try every role with, all audited', async () => {
    await seedDemoRegistry(t.services);
    expect((await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM persons')).rows[0].n).toBe(8);
    const linked = await t.owner<{ last_name: string }>(
      `SELECT p.last_name FROM resident_persons rp JOIN persons p ON p.id = rp.person_id
       JOIN users u ON u.id = rp.user_id WHERE u.email = 'resident@example.com'`);
    expect(linked.rows).toEqual([{ last_name: 'Мешканець' }]);
    const apps = await t.owner<{ status: string; last_name: string }>(
      'SELECT a.status, p.last_name FROM applications a JOIN persons p ON p.id = a.person_id ORDER BY p.last_name');
    expect(apps.rows).toEqual([
      { status: 'in_review', last_name: 'Коваленко' },
      { status: 'granted', last_name: 'Мельник' },
      { status: 'registered', last_name: 'Мешканець' },
    ]);
    const assigned = await t.owner<{ name: string }>(
      'SELECT g.name FROM service_assignments s JOIN agencies g ON g.id = s.agency_id');
    expect(assigned.rows).toEqual([{ name: 'Територіальний центр соціального обслуговування' }]);
    expect((await t.owner("SELECT 1 FROM audit_log WHERE request_id = 'demo-seed'")).rowCount).toBeGreaterThan(10);

    // The resident sees their application in the cabinet.
    const service = (await t.owner<{ name: string }>(
      "SELECT s.name FROM applications a JOIN services s ON s.id = a.service_id JOIN persons p ON p.id = a.person_id WHERE p.last_name = 'Мешканець'")).rows[0].name;
    const resident = t.client();
    await signInAs(t, resident, { email: 'resident@example.com' });
    expect((await resident.get('/cabinet/applications')).text).toContain(service);
  });
});
