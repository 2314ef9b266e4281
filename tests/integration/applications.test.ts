import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { applicationFixtures } from '../helpers/applications.js';
import type { HttpClient } from '../helpers/http.js';
import { addDays, addWorkingDays, kyivToday, DEFAULT_CALENDAR } from '../../src/modules/applications/working-days.js';
import { demoHromadaId } from '../factories/index.js';

let t: TestApp;
let hromadaId: number;
let districtIn: number;
const people: Record<string, string> = {};
const svc: Record<string, string> = {};
const as: Record<string, HttpClient> = {};

const dmy = (iso: string) => iso.split('-').reverse().join('.');
const today = () => kyivToday();

const { addPerson, addService, row, intake, idOf, transition } = applicationFixtures(() => ({ t, hromadaId }));

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  districtIn = (
    await t.owner<{ district_id: number }>(
      "SELECT g.district_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'starosta'",
    )
  ).rows[0].district_id;
  const inside = (
    await t.owner<{ settlement_code: string }>(
      'SELECT settlement_code FROM district_settlements WHERE district_id = $1 LIMIT 1',
      [districtIn],
    )
  ).rows[0].settlement_code;
  const outside = (
    await t.owner<{ settlement_code: string }>(
      'SELECT settlement_code FROM district_settlements WHERE district_id <> $1 LIMIT 1',
      [districtIn],
    )
  ).rows[0].settlement_code;
  people.village = await addPerson('Сільченко', inside);
  people.town = await addPerson('Міщенко', outside);
  svc.care = await addService('Догляд вдома (тест)');
  svc.crisis = await addService('Кризове втручання (тест)', { crisis: true, days: 3 });
  svc.onlineOnly = await addService('Лише онлайн (тест)', { channels: ['online'] });
  svc.off = await addService('Вимкнена (тест)', { active: false });
  for (const u of ['frontdesk', 'worker', 'manager', 'starosta', 'provider']) {
    as[u] = t.client();
    await signInAs(t, as[u], { username: u });
  }
});
afterAll(async () => {
  await t?.close();
});

describe('intake at the front office', () => {
  let first = '';

  it('finds the person, registers the application and gives a receipt with number and a 10-working-day deadline', async () => {
    const c = as.frontdesk;
    expect((await c.get('/applications/new')).status).toBe(200);
    const found = await c.post('/applications/new/search', { q: 'Міщенко Марія' });
    expect(found.status).toBe(200);
    expect(found.text).toContain(`/applications/new?personId=${people.town}`);
    const r = await intake(c, people.town, svc.care);
    expect(r.status).toBe(303);
    expect(r.location).toMatch(/^\/applications\/[0-9a-f-]{36}\/receipt$/);
    first = idOf(r);
    const receipt = await c.get(r.location!);
    expect(receipt.status).toBe(200);
    const deadline = addWorkingDays(today(), 10, DEFAULT_CALENDAR);
    const a = await row(first);
    expect(a).toMatchObject({ status: 'registered', deadline });
    expect(a.registration_number).toMatch(new RegExp(`^СП-${today().slice(0, 4)}-\\d{6}$`));
    expect(receipt.text).toContain(a.registration_number);
    expect(receipt.text).toContain(dmy(deadline));
    const h = await t.owner<{ from_status: string | null; to_status: string; actor_label: string }>(
      'SELECT from_status, to_status, actor_label FROM application_history WHERE application_id = $1 ORDER BY id',
      [first],
    );
    expect(h.rows.map((x) => [x.from_status, x.to_status])).toEqual([
      [null, 'submitted'],
      ['submitted', 'registered'],
    ]);
    const audit = await t.owner("SELECT 1 FROM audit_log WHERE action = 'application.create' AND entity_id = $1", [
      first,
    ]);
    expect(audit.rowCount).toBe(1);
  });

  it('a crisis service gets 1 working day', async () => {
    const r = await intake(as.frontdesk, people.town, svc.crisis);
    expect((await row(idOf(r))).deadline).toBe(addWorkingDays(today(), 1, DEFAULT_CALENDAR));
  });

  it('counts the deadline with the hromada’s own working calendar (extra days off)', async () => {
    const off = [addWorkingDays(today(), 1, DEFAULT_CALENDAR), addWorkingDays(today(), 2, DEFAULT_CALENDAR)];
    const calendar = { martialLaw: true, extraHolidays: off, extraWorkingDays: [] };
    await t.owner(`UPDATE hromadas SET settings = jsonb_set(settings, '{workCalendar}', $2::jsonb) WHERE id = $1`, [
      hromadaId,
      JSON.stringify(calendar),
    ]);
    try {
      const r = await intake(as.frontdesk, people.town, svc.care);
      const deadline = (await row(idOf(r))).deadline;
      expect(deadline).toBe(addWorkingDays(today(), 10, calendar));
      expect(deadline > addWorkingDays(today(), 10, DEFAULT_CALENDAR)).toBe(true);
    } finally {
      await t.owner("UPDATE hromadas SET settings = settings - 'workCalendar' WHERE id = $1", [hromadaId]);
    }
  });

  it('a double submit with the same key (also at the same moment) creates one application', async () => {
    const key = crypto.randomUUID();
    const one = await intake(as.frontdesk, people.town, svc.care, key);
    const two = await as.frontdesk.post('/applications', {
      personId: people.town,
      serviceId: svc.care,
      idempotencyKey: key,
    });
    expect(two.location).toBe(one.location);
    const key2 = crypto.randomUUID();
    await as.frontdesk.get(`/applications/new?personId=${people.town}`);
    const both = await Promise.all(
      [1, 2].map(() =>
        as.frontdesk.post('/applications', { personId: people.town, serviceId: svc.care, idempotencyKey: key2 }),
      ),
    );
    expect(both.map((b) => b.status)).toEqual([303, 303]);
    expect(both[0].location).toBe(both[1].location);
    const n = await t.owner<{ n: number }>(
      'SELECT count(*)::int AS n FROM applications WHERE idempotency_key = ANY($1)',
      [[key, key2]],
    );
    expect(n.rows[0].n).toBe(2);
  });

  it('an empty form, a missing service, a service not offered here: clear Ukrainian messages, nothing created', async () => {
    const before = (await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM applications')).rows[0].n;
    await as.frontdesk.get('/applications/new');
    const empty = await as.frontdesk.post('/applications', {});
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Спочатку знайдіть і оберіть заявника');
    const noService = await as.frontdesk.post('/applications', {
      personId: people.town,
      idempotencyKey: crypto.randomUUID(),
    });
    expect(noService.status).toBe(400);
    expect(noService.text).toContain('Оберіть послугу');
    const online = await intake(as.frontdesk, people.town, svc.onlineOnly);
    expect(online.status).toBe(400);
    expect(online.text).toContain('не надається через цей канал');
    const off = await intake(as.frontdesk, people.town, svc.off);
    expect(off.status).toBe(400);
    expect(off.text).toContain('Ця послуга недоступна');
    expect((await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM applications')).rows[0].n).toBe(before);
  });

  it('a provider may not open the queue or the intake', async () => {
    expect((await as.provider.get('/applications')).status).toBe(403);
    expect((await as.provider.get('/applications/new')).status).toBe(403);
    expect((await as.provider.get(`/applications/${first}`)).status).toBe(403);
  });
});

describe('a starosta works only within the district', () => {
  let villageApp = '';
  let townApp = '';

  it('registers for a person of the district (channel: starosta), not for others', async () => {
    const r = await intake(as.starosta, people.village, svc.care);
    expect(r.status).toBe(303);
    villageApp = idOf(r);
    const ch = await t.owner<{ channel: string; district_id: number }>(
      'SELECT channel, district_id FROM applications WHERE id = $1',
      [villageApp],
    );
    expect(ch.rows[0]).toEqual({ channel: 'starosta', district_id: districtIn });
    expect((await as.starosta.get(`/applications/new?personId=${people.town}`)).status).toBe(403);
    const refused = await as.starosta.post('/applications', {
      personId: people.town,
      serviceId: svc.care,
      idempotencyKey: crypto.randomUUID(),
    });
    expect(refused.status).toBe(403);
  });

  it('sees only the district’s applications in the queue and cards', async () => {
    townApp = idOf(await intake(as.frontdesk, people.town, svc.care));
    const q = await as.starosta.get('/applications');
    expect(q.status).toBe(200);
    expect(q.text).toContain('Сільченко');
    expect(q.text).not.toContain('Міщенко');
    expect((await as.starosta.get(`/applications/${villageApp}`)).status).toBe(200);
    expect((await as.starosta.get(`/applications/${townApp}`)).status).toBe(403);
    const all = await as.worker.get('/applications');
    expect(all.text).toContain('Сільченко');
    expect(all.text).toContain('Міщенко');
  });

  it('may not process: starting the review is forbidden', async () => {
    const r = await transition(as.starosta, villageApp, 'startReview');
    expect(r.status).toBe(403);
    expect((await row(villageApp)).status).toBe('registered');
  });
});

describe('the queue', () => {
  it('filters by status and by deadline (overdue, at risk), marked in words', async () => {
    const late = idOf(await intake(as.frontdesk, people.town, svc.care));
    const soon = idOf(await intake(as.frontdesk, people.town, svc.care));
    await t.owner('UPDATE applications SET deadline = $2 WHERE id = $1', [late, addDays(today(), -10)]);
    await t.owner('UPDATE applications SET deadline = $2 WHERE id = $1', [soon, today()]);
    const overdue = await as.worker.get('/applications?due=overdue');
    expect(overdue.text).toContain(`/applications/${late}"`);
    expect(overdue.text).not.toContain(`/applications/${soon}"`);
    expect(overdue.text).toContain('Прострочено на');
    const risk = await as.worker.get('/applications?due=at_risk');
    expect(risk.text).toContain(`/applications/${soon}"`);
    expect(risk.text).not.toContain(`/applications/${late}"`);
    expect(risk.text).toContain('Під загрозою');
    await transition(as.worker, late, 'assign', { assigneeId: 'me' });
    await transition(as.worker, soon, 'startReview');
    const inReview = await as.worker.get('/applications?status=in_review');
    const n = (await t.owner<{ n: number }>("SELECT count(*)::int AS n FROM applications WHERE status = 'in_review'"))
      .rows[0].n;
    expect([...inReview.text.matchAll(/data-deadline-state/g)].length).toBe(n);
    expect(inReview.text).toContain(`/applications/${soon}"`);
    expect(inReview.text).not.toContain(`/applications/${late}"`);
    const mine = await as.worker.get('/applications?assignee=me');
    expect([...mine.text.matchAll(/data-deadline-state/g)].length).toBe(1);
    expect(mine.text).toContain(`/applications/${late}"`);
  });

  it('links the queue from the staff home', async () => {
    expect((await as.frontdesk.get('/staff')).text).toContain('href="/applications"');
    expect((await as.provider.get('/staff')).text).not.toContain('href="/applications"');
  });
});

describe('audit', () => {
  it('records every read and write of an application', async () => {
    const created = await intake(as.frontdesk, people.town, svc.care);
    const id = idOf(created);
    await as.frontdesk.get(created.location!);
    await as.worker.get(`/applications/${id}`);
    await transition(as.worker, id, 'startReview');
    const a = await t.owner<{ action: string; operation: string }>(
      "SELECT action, operation FROM audit_log WHERE entity_type = 'application' AND entity_id = $1 ORDER BY id",
      [id],
    );
    const actions = a.rows.map((r) => r.action);
    expect(actions).toContain('application.create');
    expect(actions).toContain('application.receipt');
    expect(actions).toContain('application.view');
    expect(actions).toContain('application.startReview');
    expect(a.rows.filter((r) => r.action === 'application.view').every((r) => r.operation === 'read')).toBe(true);
    const list = await t.owner("SELECT 1 FROM audit_log WHERE action = 'application.list'");
    expect(list.rowCount).toBeGreaterThan(0);
  });
});
