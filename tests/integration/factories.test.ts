import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { loginStaff } from '../helpers/login.js';
import {
  application,
  demoHromada,
  household,
  newHromada,
  person,
  resident,
  service,
  signedIn,
  staffActor,
  staffUser,
} from '../factories/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('test factories', () => {
  it('build a hromada, staff, a resident and registry records that the app then shows', async () => {
    const demo = await demoHromada(t);
    expect(demo.name).toMatch(/Старобільська/);
    const other = await newHromada(t);
    expect(other.id).not.toBe(demo.id);
    expect((await newHromada(t)).id).not.toBe(other.id);

    const starosta = await staffUser(t, { role: 'starosta', enrolled: true });
    const grantRow = (
      await t.owner<{ role: string; district_id: number | null }>(
        'SELECT role, district_id FROM grants WHERE id = $1',
        [starosta.grantId],
      )
    ).rows[0];
    expect(grantRow.role).toBe('starosta');
    expect(grantRow.district_id).not.toBeNull();
    expect((await loginStaff(t, t.client(), starosta.username, { totpSecret: starosta.totpSecret })).location).toBe(
      '/staff',
    );

    const actor = await staffActor(t);
    expect(actor).toMatchObject({ kind: 'staff', hromadaId: demo.id });
    expect(actor.grants.map((g) => g.role)).toEqual(['worker']);

    const head = await person(t, { lastName: 'Фабрична', birthDate: '1950-01-01' });
    const child = await person(t, { lastName: 'Фабричний', firstName: 'Іван' });
    const hh = await household(t, { headPersonId: head, members: [[child, 'child']] });
    const members = await t.owner<{ relation: string }>(
      'SELECT relation FROM household_members WHERE household_id = $1 ORDER BY relation',
      [hh],
    );
    expect(members.rows.map((r) => r.relation)).toEqual(['child', 'head']);

    const svc = await service(t, { name: 'Фабрична послуга', documents: [{ name: 'Паспорт' }] });
    expect(svc.documentIds).toHaveLength(1);
    const app = await application(t, { personId: head, serviceId: svc.id, status: 'in_review' });
    const row = (
      await t.owner(
        'SELECT status, registration_number, deadline - registered_on AS days FROM applications WHERE id = $1',
        [app],
      )
    ).rows[0];
    expect(row).toMatchObject({ status: 'in_review', days: 14 });
    const worker = await signedIn(t, 'worker');
    expect((await worker.get(`/applications/${app}`)).text).toContain('Фабрична послуга');

    const foreign = await person(t, { hromadaId: other.id, lastName: 'Чужа' });
    expect((await worker.get(`/persons/${foreign}`)).status).toBe(404);

    const r = await resident(t, { persons: [head] });
    const cabinet = await signedIn(t, { email: r.email });
    expect((await cabinet.get('/cabinet/applications')).text).toContain('Фабрична послуга');
  });

  it('the example of tests/factories/README.md: a starosta sees an application of their district', async () => {
    const starosta = await staffUser(t, { role: 'starosta' });
    const settlement = (
      await t.owner<{ c: string }>(
        `SELECT settlement_code AS c FROM district_settlements
     WHERE district_id = (SELECT district_id FROM grants WHERE id = $1) LIMIT 1`,
        [starosta.grantId],
      )
    ).rows[0].c;
    const personId = await person(t, { lastName: 'Приклад', birthDate: '1950-01-01', settlementCode: settlement });
    const care = await service(t, { name: 'Догляд вдома', channels: ['starosta'] });
    const id = await application(t, { personId, serviceId: care.id, status: 'in_review' });
    await resident(t, { persons: [personId] });

    const c = await signedIn(t, starosta.username);
    expect((await c.get(`/applications/${id}`)).status).toBe(200);
  });
});
