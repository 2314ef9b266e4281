import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { apiTokenFor } from '../helpers/api.js';
import { signInAs } from '../helpers/session.js';
import { createStaffUser } from '../helpers/login.js';
import { applicationFixtures } from '../helpers/applications.js';
import type { HttpClient } from '../helpers/http.js';
import { kyivToday, addDays } from '../../src/modules/applications/working-days.js';
import { demoHromadaId, linkPerson, residentId } from '../factories/index.js';

let t: TestApp;
let hromadaId: number;
const agency: Record<string, number> = {};
const svc: Record<string, string> = {};
const people: Record<string, string> = {};
const as: Record<string, HttpClient> = {};
const tokens: Record<string, string> = {};

const { addPerson, addService, row, intake, idOf, transition } = applicationFixtures(() => ({ t, hromadaId }));

interface AssignmentSnapshot {
  id: string;
  agency_id: number;
  status: string;
  decline_reason: string | null;
  started_on: string | null;
  completed_on: string | null;
  version: number;
  completion_note: string | null;
}
const assignmentOf = async (applicationId: string) =>
  (
    await t.owner<AssignmentSnapshot>(
      `SELECT id, agency_id, status, decline_reason, to_char(started_on, 'YYYY-MM-DD') AS started_on,
     to_char(completed_on, 'YYYY-MM-DD') AS completed_on, version, completion_note
   FROM service_assignments WHERE application_id = $1`,
      [applicationId],
    )
  ).rows[0];
const historyCount = async (id: string) =>
  (
    await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM service_assignment_history WHERE assignment_id = $1', [
      id,
    ])
  ).rows[0].n;
const auditCount = async (action: string, entityId: string) =>
  (
    await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND entity_id = $2', [
      action,
      entityId,
    ])
  ).rows[0].n;

/** An application of the person for the service, registered, reviewed and granted by the manager. */
async function granted(personId: string, serviceId: string): Promise<string> {
  const id = idOf(await intake(as.frontdesk, personId, serviceId));
  expect((await transition(as.worker, id, 'startReview')).status).toBe(303);
  expect((await transition(as.manager, id, 'grant')).status).toBe(303);
  expect((await row(id)).status).toBe('granted');
  return id;
}

/** A provider's step through the assignment page's form, with the version the page showed. */
async function act(c: HttpClient, id: string, command: string, fields: Record<string, string> = {}) {
  await c.get(`/assignments/${id}`);
  const v = (await t.owner<{ version: number }>('SELECT version FROM service_assignments WHERE id = $1', [id])).rows[0]
    .version;
  return c.post(`/assignments/${id}/action`, { command, version: String(v), ...fields });
}

const dateFields = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y };
};

const tokenFor = (username: string) => apiTokenFor(t, username);
const api = (path: string, who: string) =>
  t.client().request('GET', `/api/v1${path}`, { headers: { authorization: `Bearer ${tokens[who]}` } });

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  agency.tercentr = (
    await t.owner<{ agency_id: number }>(
      "SELECT g.agency_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'provider'",
    )
  ).rows[0].agency_id;
  const newAgency = async (name: string) =>
    (
      await t.owner<{ id: number }>(
        "INSERT INTO agencies (hromada_id, name, kind) VALUES ($1, $2, 'provider') RETURNING id",
        [hromadaId, name],
      )
    ).rows[0].id;
  agency.ngo = await newAgency('ГО «Добре серце» (тест)');
  agency.stray = await newAgency('Інша установа (тест)');
  await createStaffUser(t, 'provider2', { role: 'provider', agencyId: agency.ngo });

  const provides = (serviceId: string, agencyId: number) =>
    t.owner('INSERT INTO service_providers (hromada_id, service_id, agency_id) VALUES ($1, $2, $3)', [
      hromadaId,
      serviceId,
      agencyId,
    ]);
  svc.one = await addService('Догляд вдома (один надавач)');
  await provides(svc.one, agency.tercentr);
  svc.many = await addService('Соціальний супровід (два надавачі)');
  await provides(svc.many, agency.tercentr);
  await provides(svc.many, agency.ngo);
  svc.none = await addService('Натуральна допомога (без надавача)');

  const settlement = (
    await t.owner<{ settlement_code: string }>('SELECT settlement_code FROM district_settlements LIMIT 1')
  ).rows[0].settlement_code;
  people.a = await addPerson('Отримувачка', settlement);
  people.b = await addPerson('Сторонній', settlement);
  await linkPerson(t, await residentId(t, 'resident@example.com'), people.a);

  for (const u of ['frontdesk', 'worker', 'manager', 'provider', 'provider2', 'starosta']) {
    as[u] = t.client();
    await signInAs(t, as[u], { username: u });
  }
  as.resident = t.client();
  await signInAs(t, as.resident, { email: 'resident@example.com' });
  for (const u of ['manager', 'provider', 'provider2']) tokens[u] = await tokenFor(u);
});
afterAll(async () => {
  await t?.close();
});

let auto = ''; // application of svc.one: assigned automatically to the territorial centre
let chosen = ''; // application of svc.many: the manager chooses the provider

describe('handing a granted application to a provider', () => {
  it('a service with exactly one provider is assigned to it in the grant transaction', async () => {
    auto = await granted(people.a, svc.one);
    const s = await assignmentOf(auto);
    expect(s).toMatchObject({ agency_id: agency.tercentr, status: 'assigned', started_on: null });
    expect(await historyCount(s.id)).toBe(1);
    expect(await auditCount('assignment.assign', s.id)).toBe(1);
    const page = await as.manager.get(`/applications/${auto}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Надавач послуги');
    expect(page.text).toContain('Територіальний центр соціального обслуговування');
    expect((await as.manager.get(`/assignments/${s.id}`)).text).toContain('Автоматично: єдиний надавач');
    // Not yet accepted: the manager may still hand it to another provider.
    expect(page.text).toContain(`action="/applications/${auto}/provider"`);
  });

  it('with several providers the manager chooses on the application page; bad choices change nothing', async () => {
    chosen = await granted(people.a, svc.many);
    expect(await assignmentOf(chosen)).toBeUndefined();
    const page = await as.manager.get(`/applications/${chosen}`);
    expect(page.text).toContain('Надавача ще не призначено');
    expect(page.text).toContain(`value="${agency.tercentr}"`);
    expect(page.text).toContain(`value="${agency.ngo}"`);
    expect(page.text).not.toContain(`value="${agency.stray}"`);

    const none = await as.manager.post(`/applications/${chosen}/provider`, {
      agencyId: '',
      providerNotes: '',
      assignmentVersion: '',
    });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Оберіть надавача');
    expect(none.text).toContain('govuk-error-summary');
    const stray = await as.manager.post(`/applications/${chosen}/provider`, {
      agencyId: String(agency.stray),
      providerNotes: '',
      assignmentVersion: '',
    });
    expect(stray.status).toBe(400);
    expect(stray.text).toContain('Оберіть надавача зі списку');
    expect(await assignmentOf(chosen)).toBeUndefined();

    const worker = await as.worker.post(`/applications/${chosen}/provider`, {
      agencyId: String(agency.ngo),
      providerNotes: '',
      assignmentVersion: '',
    });
    expect(worker.status).toBe(403);

    const ok = await as.manager.post(`/applications/${chosen}/provider`, {
      agencyId: String(agency.ngo),
      providerNotes: 'Дзвонити заздалегідь, третій поверх',
      assignmentVersion: '',
    });
    expect(ok.status).toBe(303);
    expect(await assignmentOf(chosen)).toMatchObject({ agency_id: agency.ngo, status: 'assigned' });
    const after = await as.manager.follow(ok);
    expect(after.text).toContain('Послугу передано надавачеві');
    expect(after.text).toContain('ГО «Добре серце» (тест)');
  });

  it('a service without providers says so and offers every agency of the hromada', async () => {
    const id = await granted(people.b, svc.none);
    const page = await as.manager.get(`/applications/${id}`);
    expect(page.text).toContain('не вказано жодного надавача');
    expect(page.text).toContain(`value="${agency.stray}"`);
    expect(page.text).toContain(`value="${agency.tercentr}"`);
  });
});

describe("the provider's list and access", () => {
  it("a provider sees only its agency's assignments, with the office's notes", async () => {
    const list = await as.provider.get('/assignments');
    expect(list.status).toBe(200);
    const own = await assignmentOf(auto);
    const other = await assignmentOf(chosen);
    expect(list.text).toContain(`/assignments/${own.id}`);
    expect(list.text).not.toContain(`/assignments/${other.id}`);
    const list2 = await as.provider2.get('/assignments?status=assigned');
    expect(list2.text).toContain(`/assignments/${other.id}`);
    expect(list2.text).not.toContain(`/assignments/${own.id}`);
    const page = await as.provider2.get(`/assignments/${other.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Отримувачка Марія');
    expect(page.text).toContain('Дзвонити заздалегідь, третій поверх');
    expect(page.text).toMatch(/СП-\d{4}-\d{6}/);
    expect(await auditCount('assignment.view', other.id)).toBeGreaterThan(0);
    // Where to deliver and how to call, while the service is to be delivered; the read says so in the audit.
    // The actual address (where the person lives) is where the service goes, not the registered one.
    await t.owner(
      `UPDATE persons SET phone = '+380501234567', reg_street = 'вул. Зареєстрована', reg_house = '1',
      act_street = 'вул. Шевченка', act_house = '5', act_apartment = '3' WHERE id = $1`,
      [people.a],
    );
    const withContact = await as.provider2.get(`/assignments/${other.id}`);
    const settlementName = (
      await t.owner<{ name: string }>(
        'SELECT s.name FROM settlements s JOIN persons p ON p.act_settlement_code = s.code WHERE p.id = $1',
        [people.a],
      )
    ).rows[0].name;
    expect(withContact.text).toContain(`${settlementName}, вул. Шевченка, 5, кв. 3`);
    expect(withContact.text).toContain('+380501234567');
    expect(withContact.text).not.toContain('Зареєстрована');
    const fields = await t.owner<{ fields: string[] }>(
      "SELECT fields FROM audit_log WHERE action = 'assignment.view' AND entity_id = $1 ORDER BY id DESC LIMIT 1",
      [other.id],
    );
    expect(fields.rows[0].fields).toEqual(expect.arrayContaining(['address', 'phone']));
  });

  it("another provider's assignment is 404; residents and anonymous visitors cannot reach the staff pages", async () => {
    const own = await assignmentOf(auto);
    expect((await as.provider2.get(`/assignments/${own.id}`)).status).toBe(404);
    expect((await as.provider2.get(`/assignments/${own.id}/decline`)).status).toBe(404);
    const r = await as.provider2.post(`/assignments/${own.id}/action`, { command: 'accept', version: '1' });
    expect(r.status).toBe(404);
    expect((await assignmentOf(auto)).status).toBe('assigned');
    expect((await as.provider.get(`/assignments/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await as.resident.get('/assignments')).status).toBe(403);
    expect((await as.resident.get(`/assignments/${own.id}`)).status).toBe(403);
    const anon = await t.client().get('/assignments');
    expect(anon.status).toBe(302);
    expect(anon.location).toBe('/login');
    // The office sees every assignment but does not act for the provider here.
    expect((await as.manager.get('/assignments')).text).toContain(`/assignments/${own.id}`);
    expect((await as.manager.post(`/assignments/${own.id}/action`, { command: 'accept', version: '1' })).status).toBe(
      403,
    );
  });

  it("a starosta sees the assignments of the district's applications only", async () => {
    const district = (
      await t.owner<{ district_id: number }>(
        "SELECT g.district_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'starosta'",
      )
    ).rows[0].district_id;
    const code = async (sql: string) =>
      (await t.owner<{ settlement_code: string }>(sql, [district])).rows[0].settlement_code;
    const inside = await addPerson(
      'Хуторянка',
      await code('SELECT settlement_code FROM district_settlements WHERE district_id = $1 LIMIT 1'),
    );
    const outside = await addPerson(
      'Містянка',
      await code('SELECT settlement_code FROM district_settlements WHERE district_id <> $1 LIMIT 1'),
    );
    const near = await assignmentOf(await granted(inside, svc.one));
    const far = await assignmentOf(await granted(outside, svc.one));
    const list = await as.starosta.get('/assignments');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`/assignments/${near.id}`);
    expect(list.text).not.toContain(`/assignments/${far.id}`);
    expect((await as.starosta.get(`/assignments/${near.id}`)).status).toBe(200);
    expect((await as.starosta.get(`/assignments/${far.id}`)).status).toBe(404);
  });

  it('the staff home links the provider to «Призначені послуги»', async () => {
    const home = await as.provider.get('/staff');
    expect(home.text).toContain('href="/assignments"');
    expect((await as.frontdesk.get('/staff')).text).not.toContain('href="/assignments"');
  });
});

describe('the provider declines, the manager re-assigns', () => {
  it('a decline without a reason is refused in Ukrainian and changes nothing', async () => {
    const s = await assignmentOf(chosen);
    const h = await historyCount(s.id);
    const confirm = await as.provider2.get(`/assignments/${s.id}/decline`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Відмовитися від призначення?');
    const r = await act(as.provider2, s.id, 'decline', { reason: '   ' });
    expect(r.status).toBe(400);
    expect(r.text).toContain('Вкажіть причину відмови');
    expect(await assignmentOf(chosen)).toEqual(s);
    expect(await historyCount(s.id)).toBe(h);
  });

  it('a decline with a reason is shown to the manager, who hands the application to another provider', async () => {
    const s = await assignmentOf(chosen);
    const r = await act(as.provider2, s.id, 'decline', { reason: 'Немає вільних фахівців у селі' });
    expect(r.status).toBe(303);
    expect(await assignmentOf(chosen)).toMatchObject({
      status: 'declined',
      decline_reason: 'Немає вільних фахівців у селі',
    });
    // The office cannot record delivery while nobody provides the service.
    expect((await transition(as.worker, chosen, 'startDelivery')).status).toBe(409);
    expect((await row(chosen)).status).toBe('granted');

    const page = await as.manager.get(`/applications/${chosen}`);
    expect(page.text).toContain('Немає вільних фахівців у селі');
    expect(page.text).toContain('Призначити іншого надавача');
    const v = String((await assignmentOf(chosen)).version);
    const same = await as.manager.post(`/applications/${chosen}/provider`, {
      agencyId: String(agency.ngo),
      providerNotes: '',
      assignmentVersion: v,
    });
    expect(same.status).toBe(400);
    expect(same.text).toContain('Цей надавач уже відмовився');
    const stale = await as.manager.post(`/applications/${chosen}/provider`, {
      agencyId: String(agency.tercentr),
      providerNotes: '',
      assignmentVersion: '1',
    });
    expect(stale.status).toBe(409);
    const ok = await as.manager.post(`/applications/${chosen}/provider`, {
      agencyId: String(agency.tercentr),
      providerNotes: '',
      assignmentVersion: v,
    });
    expect(ok.status).toBe(303);
    expect(await assignmentOf(chosen)).toMatchObject({
      status: 'assigned',
      agency_id: agency.tercentr,
      decline_reason: null,
    });
    expect(await auditCount('assignment.reassign', s.id)).toBe(1);
    expect((await as.provider2.get(`/assignments/${s.id}`)).status).toBe(404);
  });
});

const notificationsOf = async (applicationId: string, kind: string) =>
  (
    await t.owner<{ text: string }>(
      'SELECT text FROM notifications WHERE application_id = $1 AND kind = $2 ORDER BY created_at',
      [applicationId, kind],
    )
  ).rows;

describe('delivery moves the application', () => {
  it('accept → start: the application is in delivery', async () => {
    const s = await assignmentOf(auto);
    expect((await act(as.provider, s.id, 'start', dateFields('startedOn', kyivToday()))).status).toBe(409);
    expect((await act(as.provider, s.id, 'accept')).status).toBe(303);
    const future = await act(as.provider, s.id, 'start', dateFields('startedOn', addDays(kyivToday(), 3)));
    expect(future.status).toBe(400);
    expect(future.text).toContain('Дата не може бути в майбутньому');
    expect((await assignmentOf(auto)).status).toBe('accepted');
    const started = addDays(kyivToday(), -2);
    expect((await act(as.provider, s.id, 'start', dateFields('startedOn', started))).status).toBe(303);
    expect(await assignmentOf(auto)).toMatchObject({ status: 'in_progress', started_on: started });
    expect((await row(auto)).status).toBe('in_delivery');
    expect(await auditCount('application.startDelivery', auto)).toBe(1);
    // The applicant is told, with the provider's name.
    const told = await notificationsOf(auto, 'in_delivery');
    expect(told).toHaveLength(1);
    expect(told[0].text).toMatch(/^Розпочато надання послуги «.+» за заявою № .+\. Надавач: .+\.$/);
  });

  it('complete with a date and a note: the application is completed', async () => {
    const s = await assignmentOf(auto);
    const early = await act(as.provider, s.id, 'complete', dateFields('completedOn', addDays(kyivToday(), -5)));
    expect(early.status).toBe(400);
    expect(early.text).toContain('не може бути раніше дати початку');
    const missing = await act(as.provider, s.id, 'complete', {
      'completedOn-day': '',
      'completedOn-month': '',
      'completedOn-year': '',
    });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Вкажіть дату');
    expect((await row(auto)).status).toBe('in_delivery');
    const r = await act(as.provider, s.id, 'complete', {
      ...dateFields('completedOn', kyivToday()),
      completeNote: 'Надано 8 візитів',
    });
    expect(r.status).toBe(303);
    expect(await assignmentOf(auto)).toMatchObject({
      status: 'completed',
      completed_on: kyivToday(),
      completion_note: 'Надано 8 візитів',
    });
    expect((await row(auto)).status).toBe('completed');
    const timeline = await as.manager.get(`/applications/${auto}`);
    expect(timeline.text).toContain('Надання послуги завершено');
    expect(await auditCount('assignment.complete', s.id)).toBe(1);
    expect((await notificationsOf(auto, 'completed')).map((n) => n.text)).toEqual([
      expect.stringContaining('завершено'),
    ]);
    // Once delivered, the provider no longer sees where the person lives or their phone.
    const done = await as.provider.get(`/assignments/${s.id}`);
    expect(done.status).toBe(200);
    expect(done.text).not.toContain('id="address"');
    expect(done.text).not.toContain('id="phone"');
  });

  it("the office's own delivery commands carry the assignment along", async () => {
    const id = await granted(people.b, svc.one);
    expect((await transition(as.worker, id, 'startDelivery')).status).toBe(303);
    expect(await assignmentOf(id)).toMatchObject({ status: 'in_progress', started_on: kyivToday() });
    expect((await transition(as.worker, id, 'complete')).status).toBe(303);
    expect(await assignmentOf(id)).toMatchObject({ status: 'completed', completed_on: kyivToday() });
    expect(await notificationsOf(id, 'in_delivery')).toHaveLength(1);
    expect(await notificationsOf(id, 'completed')).toHaveLength(1);
  });
});

describe('history of services received', () => {
  it("the person card lists the person's assignments with provider, period and status", async () => {
    const card = await as.manager.get(`/persons/${people.a}`);
    expect(card.status).toBe(200);
    const section = card.text.slice(card.text.indexOf('id="services-received"'));
    expect(section).toContain('Догляд вдома (один надавач)');
    expect(section).toContain('Територіальний центр соціального обслуговування');
    expect(section).toContain(
      `з ${addDays(kyivToday(), -2).split('-').reverse().join('.')} по ${kyivToday().split('-').reverse().join('.')}`,
    );
    expect(section).toContain('Завершено');
    expect(section).toContain('Соціальний супровід (два надавачі)');
    expect(await auditCount('person.services.view', people.a)).toBeGreaterThan(0);
  });

  it('the resident sees «Отримані послуги» of the linked person only', async () => {
    const cabinet = await as.resident.get('/cabinet');
    expect(cabinet.text).toContain('href="/cabinet/services"');
    const page = await as.resident.get('/cabinet/services');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Отримані послуги');
    expect(page.text).toContain('Догляд вдома (один надавач)');
    expect(page.text).toContain('Соціальний супровід (два надавачі)');
    expect(page.text).not.toContain('Натуральна допомога');
    expect(page.text).toContain('Завершено');
    expect((await t.client().get('/cabinet/services')).location).toBe('/resident/login');
    expect((await as.manager.get('/cabinet/services')).location).toBe('/resident/login');
  });
});

describe('GET /api/v1/assignments', () => {
  it("a provider token sees its own agency only; another agency's id is 404", async () => {
    interface ListJson {
      items: { id: string; agencyId: number; status: string; personName: string }[];
      total: number;
    }
    const own = await api('/assignments', 'provider2');
    expect(own.status, own.text).toBe(200);
    expect(own.json<ListJson>().items.every((i) => i.agencyId === agency.ngo)).toBe(true);
    const theirs = await api('/assignments', 'provider');
    const items = theirs.json<ListJson>().items;
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.every((i) => i.agencyId === agency.tercentr)).toBe(true);
    const completed = await api('/assignments?status=completed', 'provider');
    expect(completed.json<ListJson>().items.every((i) => i.status === 'completed')).toBe(true);
    expect(completed.json<ListJson>().total).toBe(2);
    expect((await api('/assignments?status=bogus', 'provider')).status).toBe(400);

    const s = await assignmentOf(auto);
    const one = await api(`/assignments/${s.id}`, 'provider');
    expect(one.status).toBe(200);
    const body = one.json<{ id: string; status: string; history: { event: string }[]; personName: string }>();
    expect(body).toMatchObject({ id: s.id, status: 'completed' });
    expect(body.history.map((h) => h.event)).toEqual(['assign', 'accept', 'start', 'complete']);
    expect((await api(`/assignments/${s.id}`, 'provider2')).status).toBe(404);
    const all = await api('/assignments', 'manager');
    expect(all.json<ListJson>().total).toBe(5);
    const doc = (await t.client().get('/api/v1/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(Object.keys(doc.paths['/assignments'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths['/assignments/{id}'] ?? {})).toEqual(['get']);
  });
});
