import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { seedDemoRegistry } from '../../db/seed/demo-registry.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the demo registry seeded for `npm start`', () => {
  it('adds persons, links the demo resident and leaves applications to try every role with, all audited', async () => {
    await seedDemoRegistry(t.services);
    expect((await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM persons')).rows[0].n).toBe(13);
    const linked = await t.owner<{ last_name: string }>(
      `SELECT p.last_name FROM resident_persons rp JOIN persons p ON p.id = rp.person_id
       JOIN users u ON u.id = rp.user_id WHERE u.email = 'resident@example.com'`,
    );
    expect(linked.rows).toEqual([{ last_name: 'Мешканець' }]);
    const apps = await t.owner<{ status: string; last_name: string }>(
      'SELECT a.status, p.last_name FROM applications a JOIN persons p ON p.id = a.person_id ORDER BY p.last_name, a.status',
    );
    expect(apps.rows).toEqual([
      { status: 'registered', last_name: 'Гончаренко' },
      { status: 'in_review', last_name: 'Коваленко' },
      { status: 'granted', last_name: 'Мельник' },
      { status: 'in_delivery', last_name: 'Мешканець' },
      { status: 'registered', last_name: 'Мешканець' },
    ]);
    const assigned = await t.owner<{ name: string; status: string }>(
      'SELECT g.name, s.status FROM service_assignments s JOIN agencies g ON g.id = s.agency_id ORDER BY s.status',
    );
    const centre = 'Територіальний центр соціального обслуговування';
    expect(assigned.rows).toEqual([
      { name: centre, status: 'assigned' },
      { name: centre, status: 'in_progress' },
    ]);
    // The resident's home care is delivered (acts twice a week since it started) and last month is invoiced.
    const acts = (await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM service_acts')).rows[0].n;
    expect(acts).toBeGreaterThanOrEqual(16);
    expect(acts).toBeLessThanOrEqual(18);
    const invoices = await t.owner<{ last_name: string; total: number }>(
      `SELECT p.last_name, i.total::float AS total FROM paid_service_invoices i JOIN persons p ON p.id = i.person_id`,
    );
    expect(invoices.rows.map((r) => r.last_name)).toEqual(['Мешканець']);
    expect(invoices.rows[0].total).toBeGreaterThan(0);
    expect((await t.owner("SELECT 1 FROM audit_log WHERE request_id = 'demo-seed'")).rowCount).toBeGreaterThan(10);

    // The resident sees their application in the cabinet.
    const service = (
      await t.owner<{ name: string }>(
        "SELECT s.name FROM applications a JOIN services s ON s.id = a.service_id JOIN persons p ON p.id = a.person_id WHERE p.last_name = 'Мешканець'",
      )
    ).rows[0].name;
    const resident = t.client();
    await signInAs(t, resident, { email: 'resident@example.com' });
    expect((await resident.get('/cabinet/applications')).text).toContain(service);
  });

  it('the starosta finds persons of its district and an application registered there', async () => {
    const starosta = t.client();
    await signInAs(t, starosta, { username: 'starosta' });
    await starosta.get('/persons');
    const found = await starosta.post('/persons/search', { q: 'Гончаренко' });
    expect(found.status).toBe(200);
    expect(found.text).toContain('Гончаренко Марія Іванівна');
    expect(found.text).toContain('Гончаренко Іван Петрович');
    const queue = await starosta.get('/applications');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain('Гончаренко Марія Іванівна');
    const app = await t.owner<{ channel: string; in_district: boolean }>(
      `SELECT a.channel, a.district_id = g.district_id AS in_district FROM applications a JOIN persons p ON p.id = a.person_id,
         grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'starosta' AND p.last_name = 'Гончаренко'`,
    );
    expect(app.rows).toEqual([{ channel: 'starosta', in_district: true }]);
  });

  it('the children’s service finds a family with children in difficult circumstances, a child with a disability and a foster family', async () => {
    const children = t.client();
    await signInAs(t, children, { username: 'children' });
    await children.get('/persons');
    const found = await children.post('/persons/search', { q: '', category: 'disabled_child' });
    expect(found.status).toBe(200);
    expect(found.text).toContain('Кравченко Максим Олегович');
    const id = (
      await t.owner<{ id: string }>("SELECT id FROM persons WHERE first_name = 'Максим' AND last_name = 'Кравченко'")
    ).rows[0].id;
    const card = await children.get(`/persons/${id}`);
    expect(card.status).toBe(200);
    expect(card.text).toContain('Дитина з інвалідністю');
    expect(card.text).toContain('Кравченко Ірина');
    const mother = (
      await t.owner<{ id: string }>("SELECT id FROM persons WHERE first_name = 'Ірина' AND last_name = 'Кравченко'")
    ).rows[0].id;
    expect((await children.get(`/persons/${mother}`)).text).toContain('складних життєвих обставинах');
    // A foster family with a placed child (family forms of care), and its child's case.
    const families = await children.get('/family-care');
    expect(families.text).toContain('Бондаренко Світлана Петрівна');
    expect(families.text).toContain('1 з 2');
    const household = (
      await t.owner<{ household_id: string; case_id: string }>('SELECT household_id, case_id FROM care_placements')
    ).rows[0];
    const family = await children.get(`/family-care/${household.household_id}`);
    expect(family.text).toContain('Левченко Марта Іванівна');
    expect(family.text).toContain('Школа прийомних батьків, 72 год');
    expect((await children.get(`/cases/${household.case_id}`)).text).toContain('Прийомна сім’я: Бондаренко Світлана');
  });
});
