import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { applicationFixtures } from '../helpers/applications.js';
import type { HttpClient } from '../helpers/http.js';
import {
  addDays,
  addWorkingDays,
  kyivToday,
  workingDaysBetween,
  DEFAULT_CALENDAR,
} from '../../src/modules/applications/working-days.js';
import { demoHromadaId } from '../factories/index.js';

let t: TestApp;
let hromadaId: number;
const people: Record<string, string> = {};
const svc: Record<string, string> = {};
const as: Record<string, HttpClient> = {};

const dmy = (iso: string) => iso.split('-').reverse().join('.');
const today = () => kyivToday();

const { addPerson, addService, row, intake, idOf, transition } = applicationFixtures(() => ({ t, hromadaId }));
const historyCount = async (id: string) =>
  (await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM application_history WHERE application_id = $1', [id]))
    .rows[0].n;

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  const settlement = (
    await t.owner<{ settlement_code: string }>('SELECT settlement_code FROM district_settlements LIMIT 1')
  ).rows[0].settlement_code;
  people.town = await addPerson('Міщенко', settlement);
  svc.care = await addService('Догляд вдома (тест)');
  for (const u of ['frontdesk', 'worker', 'manager']) {
    as[u] = t.client();
    await signInAs(t, as[u], { username: u });
  }
});
afterAll(async () => {
  await t?.close();
});

describe('the whole path through the status machine', () => {
  let id = '';
  let registeredOn = '';

  it('registered → in_review (assigned) → needs_documents: the clock pauses', async () => {
    id = idOf(await intake(as.frontdesk, people.town, svc.care));
    registeredOn = today();
    expect((await transition(as.worker, id, 'assign', { assigneeId: 'me' })).status).toBe(303);
    const workerId = (await t.owner<{ id: string }>("SELECT id FROM users WHERE username = 'worker'")).rows[0].id;
    expect((await row(id)).assignee_id).toBe(workerId);
    expect((await transition(as.worker, id, 'startReview')).status).toBe(303);
    const due = addDays(today(), 14).split('-');
    const req = await transition(as.worker, id, 'requestDocuments', {
      documents: 'Довідка про доходи\nАкт обстеження',
      'dueOn-day': due[2],
      'dueOn-month': due[1],
      'dueOn-year': due[0],
    });
    expect(req.status).toBe(303);
    expect(await row(id)).toMatchObject({ status: 'needs_documents', paused_since: today() });
    const page = await as.worker.get(`/applications/${id}`);
    expect(page.text).toContain('Строк призупинено');
    expect(page.text).toContain('Довідка про доходи; Акт обстеження');
  });

  it('needs_documents → in_review: the deadline is extended by the paused working days', async () => {
    // The request was made three working days ago.
    let since = today();
    while (workingDaysBetween(since, today(), DEFAULT_CALENDAR) < 3) since = addDays(since, -1);
    await t.owner('UPDATE applications SET paused_since = $2 WHERE id = $1', [id, since]);
    expect((await transition(as.worker, id, 'documentsReceived')).status).toBe(303);
    const a = await row(id);
    expect(a).toMatchObject({ status: 'in_review', paused_days: 3, paused_since: null });
    expect(a.deadline).toBe(addWorkingDays(registeredOn, 13, DEFAULT_CALENDAR));
    const page = await as.worker.get(`/applications/${id}`);
    expect(page.text).toContain('Строк продовжено на 3 робочі дні');
    expect(page.text).toContain(dmy(a.deadline));
  });

  it('documents back on the day they were asked for: no «продовжено на 0 днів», the deadline stays', async () => {
    const other = idOf(await intake(as.frontdesk, people.town, svc.care));
    expect((await transition(as.worker, other, 'startReview')).status).toBe(303);
    const due = addDays(today(), 14).split('-');
    expect(
      (
        await transition(as.worker, other, 'requestDocuments', {
          documents: 'Довідка про склад сім’ї',
          'dueOn-day': due[2],
          'dueOn-month': due[1],
          'dueOn-year': due[0],
        })
      ).status,
    ).toBe(303);
    const before = (await row(other)).deadline;
    expect((await transition(as.worker, other, 'documentsReceived')).status).toBe(303);
    expect(await row(other)).toMatchObject({ status: 'in_review', paused_days: 0, deadline: before });
    const page = await as.worker.get(`/applications/${other}`);
    expect(page.text).not.toMatch(/продовжено на 0/);
    expect(page.text).toContain('строк рішення не змінився');
  });

  it('a worker may not decide; a refusal without a reason is 400 and changes nothing', async () => {
    expect((await transition(as.worker, id, 'grant')).status).toBe(403);
    const before = await row(id);
    const h = await historyCount(id);
    const r = await transition(as.manager, id, 'refuse', { reason: '  ' });
    expect(r.status).toBe(400);
    expect(r.text).toContain('Вкажіть підставу відмови');
    expect(await row(id)).toEqual(before);
    expect(await historyCount(id)).toBe(h);
  });

  it('in_review → granted → in_delivery → completed, each recorded with who and when', async () => {
    expect(
      (await transition(as.manager, id, 'grant', { note: 'Потреба підтверджена; надавач — терцентр' })).status,
    ).toBe(303);
    expect((await transition(as.worker, id, 'startDelivery')).status).toBe(303);
    const done = await transition(as.worker, id, 'complete');
    expect(done.status).toBe(303);
    expect((await row(id)).status).toBe('completed');
    const h = await t.owner<{ event: string; to_status: string; actor_label: string }>(
      'SELECT event, to_status, actor_label FROM application_history WHERE application_id = $1 ORDER BY id',
      [id],
    );
    expect(h.rows.map((x) => x.event)).toEqual([
      'submit',
      'register',
      'assign',
      'startReview',
      'requestDocuments',
      'documentsReceived',
      'grant',
      'startDelivery',
      'complete',
    ]);
    const page = await as.worker.get(`/applications/${id}`);
    expect(page.text).toMatch(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    expect(page.text).toContain('Рішення: надати послугу');
  });

  it('an illegal transition (completed → in_review) is 409 with a Ukrainian message', async () => {
    const before = await row(id);
    const r = await transition(as.worker, id, 'startReview');
    expect(r.status).toBe(409);
    expect(r.text).toContain('поточний статус заяви її не дозволяє');
    expect(await row(id)).toEqual(before);
  });

  it('a form sent twice (stale version) is 409 and changes nothing', async () => {
    const other = idOf(await intake(as.frontdesk, people.town, svc.care));
    const { version } = await row(other);
    await as.worker.get(`/applications/${other}`);
    expect(
      (await as.worker.post(`/applications/${other}/transition`, { command: 'startReview', version: String(version) }))
        .status,
    ).toBe(303);
    const again = await as.worker.post(`/applications/${other}/transition`, {
      command: 'startReview',
      version: String(version),
    });
    expect(again.status).toBe(409);
    expect(await historyCount(other)).toBe(3);
  });

  it('refusal with its legal reason; withdrawal after confirmation, then nothing more', async () => {
    const r1 = idOf(await intake(as.frontdesk, people.town, svc.care));
    await transition(as.worker, r1, 'startReview');
    const confirmRefusal = await as.manager.get(`/applications/${r1}/refuse`);
    expect(confirmRefusal.status).toBe(200);
    expect(confirmRefusal.text).toContain('Немає вільних місць або спроможності надавача');
    // A ground that is not one of the list is refused with the form again.
    const badGround = await transition(as.manager, r1, 'refuse', { reason: 'Немає місць', ground: 'busy' });
    expect(badGround.status).toBe(400);
    expect(badGround.text).toContain('Виберіть вид підстави зі списку');
    expect(
      (
        await transition(as.manager, r1, 'refuse', {
          reason: 'ч. 1 ст. 24 Закону: не належить до отримувачів',
          ground: 'not_eligible',
        })
      ).status,
    ).toBe(303);
    expect(await row(r1)).toMatchObject({
      status: 'refused',
      refusal_reason: 'ч. 1 ст. 24 Закону: не належить до отримувачів',
    });
    const ground = await t.owner<{ refusal_ground: string }>('SELECT refusal_ground FROM applications WHERE id = $1', [
      r1,
    ]);
    expect(ground.rows[0].refusal_ground).toBe('not_eligible');
    const refusedPage = (await as.manager.get(`/applications/${r1}`)).text;
    expect(refusedPage).toContain('Підстава: ч. 1 ст. 24 Закону');
    expect(refusedPage).toContain('Вид підстави: Особа не належить до отримувачів послуги');
    const w = idOf(await intake(as.frontdesk, people.town, svc.care));
    const confirm = await as.frontdesk.get(`/applications/${w}/withdraw`);
    expect(confirm.text).toContain('Відкликати заяву?');
    expect((await transition(as.frontdesk, w, 'withdraw', { note: 'Письмова заява особи' })).status).toBe(303);
    expect((await row(w)).status).toBe('withdrawn');
    expect((await transition(as.frontdesk, w, 'withdraw')).status).toBe(409);
    expect((await as.frontdesk.get(`/applications/${w}/withdraw`)).status).toBe(409);
  });

  it('draft → submitted → registered: the number and deadline are given at registration', async () => {
    const d = (
      await t.owner<{ id: string }>(
        `INSERT INTO applications (hromada_id, person_id, service_id, channel, status, district_id)
       SELECT $1, id, $3, 'online', 'draft', district_id FROM persons WHERE id = $2 RETURNING id`,
        [hromadaId, people.town, svc.care],
      )
    ).rows[0].id;
    expect((await transition(as.frontdesk, d, 'register')).status).toBe(409);
    expect((await transition(as.frontdesk, d, 'submit')).status).toBe(303);
    expect((await row(d)).status).toBe('submitted');
    expect((await transition(as.frontdesk, d, 'register')).status).toBe(303);
    const a = await row(d);
    expect(a.status).toBe('registered');
    expect(a.registration_number).toMatch(/^СП-\d{4}-\d{6}$/);
    expect(a.deadline).toBe(addWorkingDays(today(), 10, DEFAULT_CALENDAR));
    const numbers = await t.owner<{ registration_number: string }>(
      'SELECT registration_number FROM applications WHERE registration_number IS NOT NULL ORDER BY registration_number',
    );
    const seq = numbers.rows.map((r) => Number(r.registration_number.slice(-6)));
    expect(seq).toEqual(seq.map((_, i) => i + 1));
  });
});
