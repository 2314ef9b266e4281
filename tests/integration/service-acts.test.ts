import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { apiTokenFor } from '../helpers/api.js';
import { multipartForm, SAMPLE } from '../helpers/cabinet.js';
import {
  agency,
  demoHromada,
  grant,
  kase,
  newHromada,
  person,
  recipientContractFor,
  service,
  serviceAssignment,
  signedIn,
  staffUser,
  type StaffUser,
} from '../factories/index.js';
import { addDays, kyivToday } from '../../src/platform/dates.js';
import { mondayOf, weekday } from '../../src/modules/service-acts/act-rules.js';

/** Issue 12 items 3–4: service acts, their checks, a week at once, the round, a provider's month, isolation. */
let t: TestApp;
let hromadaId: number;
const today = kyivToday();
const month = today.slice(0, 7);
const long = addDays(today, -60);

const ag: Record<string, number> = {};
const users: Record<string, StaffUser> = {};
const as: Record<string, HttpClient> = {};
const tokens: Record<string, string> = {};
const people: Record<string, string> = {};
const asg: Record<string, string> = {};
let svc = '';
const settlements: { code: string; name: string }[] = [];

const actCount = async (assignmentId: string) =>
  (
    await t.owner<{ n: number }>(
      'SELECT count(*)::int AS n FROM service_acts WHERE assignment_id = $1 AND cancelled_at IS NULL',
      [assignmentId],
    )
  ).rows[0].n;
const audited = async (action: string) =>
  (await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0].n;

/** POST /api/v1/service-acts with a user's token. */
const postAct = (who: string, body: Record<string, unknown>) =>
  t.client().request('POST', '/api/v1/service-acts', {
    body: JSON.stringify(body),
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
  });
const act = (assignmentId: string, o: Record<string, unknown> = {}) => ({
  assignmentId,
  date: today,
  minutes: 60,
  place: 'home',
  confirmedBy: 'recipient',
  ...o,
});

beforeAll(async () => {
  t = await startTestApp();
  const demo = await demoHromada(t);
  hromadaId = demo.id;
  settlements.push(
    ...(
      await t.owner<{ code: string; name: string }>(
        `SELECT code, name FROM settlements WHERE hromada_code = $1 ORDER BY name COLLATE "uk-UA-x-icu" LIMIT 2`,
        [demo.code],
      )
    ).rows,
  );
  ag.a = await agency(t, { name: 'ГО «Акти А» (тест)' });
  ag.b = await agency(t, { name: 'ГО «Акти Б» (тест)' });
  ag.c = await agency(t, { name: 'КУ «Підрахунок» (тест)', places: 2, hoursPerMonth: 10 });
  for (const [k, a] of [
    ['wa', ag.a],
    ['wa2', ag.a],
    ['wb', ag.b],
    ['wc', ag.c],
    ['wc2', ag.c],
  ] as const) {
    users[k] = await staffUser(t, { role: 'provider', agencyId: a, displayName: `Працівник ${k}` });
    as[k] = await signedIn(t, { username: users[k].username });
    tokens[k] = await apiTokenFor(t, users[k].username);
  }
  as.manager = await signedIn(t, 'manager');
  as.worker = await signedIn(t, 'worker');
  as.frontdesk = await signedIn(t, 'frontdesk');
  svc = (await service(t, { name: 'Догляд вдома (акти, тест)' })).id;

  const [s1, s2] = settlements;
  people.p1 = await person(t, {
    lastName: 'Ярема',
    firstName: 'Олена',
    settlementCode: s2.code,
    street: 'Шевченка',
    house: '5',
  });
  people.p2 = await person(t, {
    lastName: 'Бойко',
    firstName: 'Петро',
    settlementCode: s1.code,
    street: 'Миру',
    house: '2',
  });
  people.p3 = await person(t, {
    lastName: 'Гнатюк',
    firstName: 'Ніна',
    settlementCode: s1.code,
    street: 'Абрикосова',
    house: '9',
  });

  const mk = (personId: string, agencyId: number, o: Partial<Parameters<typeof serviceAssignment>[1]> = {}) =>
    serviceAssignment(t, { personId, serviceId: svc, agencyId, startedOn: long, assignedOn: addDays(long, -5), ...o });
  asg.a1 = (await mk(people.p1, ag.a, { plan: { actions: ['Допомогти з покупками', 'Прибрати в кімнаті'] } })).id;
  asg.a2 = (await mk(people.p2, ag.a)).id;
  asg.a3 = (await mk(people.p3, ag.a, { status: 'accepted' })).id;
  asg.assigned = (await mk(people.p3, ag.a, { status: 'assigned' })).id;
  asg.declined = (await mk(people.p1, ag.a, { status: 'declined' })).id;
  asg.b1 = (await mk(people.p1, ag.b)).id;
  asg.recent = (await mk(people.p2, ag.a, { startedOn: addDays(today, -3), assignedOn: addDays(today, -4) })).id;
});
afterAll(async () => {
  await t?.close();
});

describe('an act only for an assigned service, on a possible day, by one worker at a time', () => {
  it('refuses each bad act with a Ukrainian message and saves nothing', async () => {
    const future = await postAct('wa', act(asg.a1, { date: addDays(today, 1) }));
    expect(future.status).toBe(400);
    expect(future.text).toContain('Дата акта не може бути в майбутньому');

    const before = await postAct('wa', act(asg.recent, { date: addDays(today, -5) }));
    expect(before.status).toBe(400);
    expect(before.text).toContain('Дата акта не може бути раніше початку призначення');

    for (const id of [asg.declined, asg.assigned]) {
      const r = await postAct('wa', act(id));
      expect(r.status).toBe(400);
      expect(r.text).toContain('лише для послуги, яку особі призначено');
    }
    // Another provider's assignment does not exist for this one.
    expect((await postAct('wa', act(asg.b1))).status).toBe(404);

    const reason = await postAct('wa', act(asg.a1, { confirmedBy: 'worker' }));
    expect(reason.text).toContain('чому отримувач не міг підписати');
    const notWorker = await postAct('wa', act(asg.a1, { workerId: users.wb.userId }));
    expect(notWorker.text).toContain('Оберіть працівника цього надавача');

    for (const id of [asg.a1, asg.declined, asg.assigned, asg.b1, asg.recent]) expect(await actCount(id)).toBe(0);
  });

  it('acts of one worker with times may not overlap; without a time, one a day per assignment and 24 h a day', async () => {
    const d = addDays(today, -10);
    const first = await postAct('wa', act(asg.a1, { date: d, startsAt: '10:00', minutes: 60 }));
    expect(first.status, first.text).toBe(201);
    expect(first.json<{ personId: string; minutes: number }>()).toMatchObject({ personId: people.p1, minutes: 60 });
    const overlap = await postAct('wa', act(asg.a2, { date: d, startsAt: '10:30', minutes: 30 }));
    expect(overlap.status).toBe(400);
    expect(overlap.text).toContain('час актів перетинається');
    // Right after it: no overlap. Another worker at the same time: no overlap either.
    expect((await postAct('wa', act(asg.a2, { date: d, startsAt: '11:00', minutes: 30 }))).status).toBe(201);
    expect(
      (await postAct('wa', act(asg.a3, { date: d, startsAt: '10:15', minutes: 30, workerId: users.wa2.userId })))
        .status,
    ).toBe(201);
    // A visit ending after midnight overlaps the next morning's.
    expect((await postAct('wa', act(asg.a1, { date: addDays(d, -1), startsAt: '23:30', minutes: 60 }))).status).toBe(
      201,
    );
    const midnight = await postAct('wa', act(asg.a2, { date: d, startsAt: '00:10', minutes: 20 }));
    expect(midnight.text).toContain('час актів перетинається');

    const d2 = addDays(today, -11);
    expect((await postAct('wa', act(asg.a2, { date: d2, minutes: 800 }))).status).toBe(201);
    const twice = await postAct('wa', act(asg.a2, { date: d2, minutes: 30 }));
    expect(twice.status).toBe(400);
    expect(twice.text).toContain('без часу на цей день уже записано');
    const day = await postAct('wa', act(asg.a3, { date: d2, minutes: 700 }));
    expect(day.status).toBe(400);
    expect(day.text).toContain('понад 24 години');
    expect(await actCount(asg.a2)).toBe(2);
  });

  it('two requests at once for overlapping times of one worker: only one passes', async () => {
    const d = addDays(today, -12);
    const rs = await Promise.all([
      postAct('wa', act(asg.a1, { date: d, startsAt: '14:00', minutes: 60 })),
      postAct('wa', act(asg.a2, { date: d, startsAt: '14:30', minutes: 60 })),
    ]);
    expect(rs.map((r) => r.status).sort()).toEqual([201, 400]);
  });

  it('the page form refuses a future day with the error summary, and keeps a recipient’s scanned signature', async () => {
    const page = await as.wa.get(`/service-acts/providers/${ag.a}/new`);
    expect(page.status).toBe(200);
    const [y, m, d] = addDays(today, 2).split('-');
    const fields = {
      assignmentId: asg.a3,
      workerId: users.wa.userId,
      'date-day': d,
      'date-month': m,
      'date-year': y,
      startsAt: '',
      minutes: '45',
      place: 'home',
      confirmedBy: 'recipient',
      confirmReason: '',
      note: '',
    };
    const bad = await as.wa.post(`/service-acts/providers/${ag.a}/acts`, fields);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Дата акта не може бути в майбутньому');
    expect(bad.text).toContain('href="#date-day"');
    const before = await actCount(asg.a3);

    const [y2, m2, d2] = addDays(today, -20).split('-');
    const ok = await as.wa.postMultipart(
      `/service-acts/providers/${ag.a}/acts`,
      multipartForm(
        { ...fields, 'date-day': d2, 'date-month': m2, 'date-year': y2 },
        { signature: { name: 'акт.pdf', data: SAMPLE.pdf } },
      ),
    );
    expect(ok.status, ok.text.slice(0, 400)).toBe(303);
    expect(await actCount(asg.a3)).toBe(before + 1);
    const row = (
      await t.owner<{ id: string; signature_type: string }>(
        'SELECT id, signature_type FROM service_acts WHERE assignment_id = $1 AND signature_key IS NOT NULL',
        [asg.a3],
      )
    ).rows[0];
    expect(row.signature_type).toBe('application/pdf');
    const file = await as.wa.get(`/service-acts/acts/${row.id}/signature`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    // Another provider's worker cannot open it.
    expect((await as.wb.get(`/service-acts/acts/${row.id}/signature`)).status).toBe(404);
    expect(await audited('serviceAct.signature')).toBeGreaterThan(0);
    expect(await audited('serviceAct.create')).toBeGreaterThan(0);
  });

  it('a mistaken act is cancelled with a reason, not deleted, and no longer counts', async () => {
    const r = await postAct('wa', act(asg.a3, { date: addDays(today, -25), minutes: 30 }));
    const id = r.json<{ id: string }>().id;
    await as.wa.get(`/service-acts/providers/${ag.a}`);
    const none = await as.wa.post(`/service-acts/acts/${id}/cancel`, { cancelReason: '' });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Зазначте причину скасування');
    // Another provider cannot cancel it.
    await as.wb.get('/service-acts');
    expect((await as.wb.post(`/service-acts/acts/${id}/cancel`, { cancelReason: 'Чуже' })).status).toBe(404);
    const c = await as.wa.post(`/service-acts/acts/${id}/cancel`, { cancelReason: 'Помилково записано двічі' });
    expect(c.status).toBe(303);
    const row = (await t.owner<{ cancel_reason: string }>('SELECT cancel_reason FROM service_acts WHERE id = $1', [id]))
      .rows[0];
    expect(row.cancel_reason).toBe('Помилково записано двічі');
    // The same act again is allowed now.
    expect((await postAct('wa', act(asg.a3, { date: addDays(today, -25), minutes: 30 }))).status).toBe(201);
  });
});

describe('the API', () => {
  it('lists a person’s acts of a month, the provider’s own only; a bad month is 400, a person out of reach 404', async () => {
    const get = (who: string, q: string) =>
      t.client().request('GET', `/api/v1/service-acts?${q}`, { headers: { authorization: `Bearer ${tokens[who]}` } });
    await postAct('wb', act(asg.b1, { date: today, startsAt: '07:00', minutes: 20, workerId: users.wb.userId }));
    const r = await get('wa', `personId=${people.p1}&month=${addDays(today, -10).slice(0, 7)}`);
    expect(r.status, r.text).toBe(200);
    const items = r.json<{ items: { agencyId: number; personId: string }[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.agencyId === ag.a && i.personId === people.p1)).toBe(true);
    const b = await get('wb', `personId=${people.p1}&month=${month}`);
    expect(b.json<{ items: { agencyId: number }[] }>().items.every((i) => i.agencyId === ag.b)).toBe(true);
    expect((await get('wa', `personId=${people.p1}&month=2026-13`)).status).toBe(400);
    // A person the provider delivers nothing to is out of its reach.
    const stranger = await person(t, { lastName: 'Сторонній', firstName: 'Іван' });
    expect((await get('wa', `personId=${stranger}&month=${month}`)).status).toBe(404);
    expect(await audited('api.serviceActs.list')).toBeGreaterThan(0);
  });
});

describe('the schedule, the round and a week at once', () => {
  it('a provider schedules visits; the round lists the day’s home visits by settlement and street with the plan', async () => {
    await as.wa.get(`/service-acts/providers/${ag.a}/schedule`);
    const wd = String(weekday(today));
    const add = (assignmentId: string, startsAt: string, weekdays = [wd]) =>
      as.wa.post(`/service-acts/providers/${ag.a}/schedule`, {
        assignmentId,
        workerId: users.wa.userId,
        weekdays,
        startsAt,
        minutes: '40',
        place: 'home',
      });
    const none = await as.wa.post(`/service-acts/providers/${ag.a}/schedule`, {
      assignmentId: asg.a1,
      workerId: users.wa.userId,
      startsAt: '',
      minutes: '40',
      place: 'home',
    });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Оберіть хоча б один день тижня');
    const all = ['1', '2', '3', '4', '5', '6', '7'];
    expect((await add(asg.a1, '08:00', all)).status).toBe(303);
    expect((await add(asg.a2, '12:00', all)).status).toBe(303);
    expect((await add(asg.a3, '16:00', all)).status).toBe(303);
    // Another provider's assignment cannot be scheduled.
    expect((await add(asg.b1, '09:00')).status).toBe(404);

    const round = await as.wa.get(`/service-acts/round?date=${today}`);
    expect(round.status).toBe(200);
    const order = ['Гнатюк', 'Бойко', 'Ярема'].map((n) => round.text.indexOf(n));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(round.text).toContain('Допомогти з покупками');
    expect(round.text).toContain('Відвідування відбулося');

    const visit = await as.wa.post('/service-acts/round', {
      assignmentId: asg.a2,
      workerId: users.wa.userId,
      date: today,
      place: 'home',
      startsAt: '12:00',
      minutes: '40',
      confirmedBy: 'worker',
      confirmReason: '',
    });
    expect(visit.status).toBe(400);
    expect(visit.text).toContain('чому отримувач не міг підписати');
    const before = await actCount(asg.a2);
    const ok = await as.wa.post('/service-acts/round', {
      assignmentId: asg.a2,
      workerId: users.wa.userId,
      date: today,
      place: 'home',
      startsAt: '12:00',
      minutes: '40',
      confirmedBy: 'worker',
      confirmReason: 'Отримувач не бачить, щоб підписати',
    });
    expect(ok.status, ok.text.slice(0, 300)).toBe(303);
    expect(await actCount(asg.a2)).toBe(before + 1);
    expect((await as.wa.follow(ok)).text).toContain('Акт записано');
    // Another provider's worker does not see this round.
    expect((await as.wb.get(`/service-acts/round?worker=${users.wa.userId}&date=${today}`)).status).toBe(404);
  });

  it('a week with one bad row saves nothing and marks the row; corrected, it saves every ticked row', async () => {
    const week = mondayOf(addDays(today, -42));
    const page = await as.wa.get(`/service-acts/providers/${ag.a}/week?worker=${users.wa.userId}&date=${week}`);
    expect(page.status).toBe(200);
    const rows = Number(/name="rows" value="(\d+)"/.exec(page.text)?.[1]);
    expect(rows).toBe(21); // three visits every day of a past week
    const form: Record<string, string> = { agency: String(ag.a), worker: users.wa.userId, week, rows: String(rows) };
    const inputs = [...page.text.matchAll(/name="(r\d+-[a-zA-Z]+)"[^>]*value="([^"]*)"/g)];
    for (const [, k, v] of inputs) if (!k.endsWith('-take')) form[k] = v;
    for (let n = 0; n < rows; n++) Object.assign(form, { [`r${n}-place`]: 'home', [`r${n}-confirmedBy`]: 'recipient' });
    // Only the first day's three visits; the second one's time is made to overlap the first's.
    const take = [0, 1, 2].map((n) => `r${n}-take`);
    for (const k of take) form[k] = 'yes';
    const firstDay = form['r0-date'];
    const before = (
      await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM service_acts WHERE worker_id = $1', [
        users.wa.userId,
      ])
    ).rows[0].n;
    const bad = await as.wa.post(`/service-acts/providers/${ag.a}/week`, {
      ...form,
      'r1-startsAt': form['r0-startsAt'],
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Рядок 2: Цей працівник у цей час уже надавав іншу послугу');
    expect(bad.text).toContain('tb-row-error');
    const after = async () =>
      (
        await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM service_acts WHERE worker_id = $1', [
          users.wa.userId,
        ])
      ).rows[0].n;
    expect(await after()).toBe(before);
    const ok = await as.wa.post(`/service-acts/providers/${ag.a}/week`, form);
    expect(ok.status, ok.text.slice(0, 500)).toBe(303);
    expect(await after()).toBe(before + 3);
    const days = (
      await t.owner<{ d: string }>(
        `SELECT DISTINCT to_char(act_date, 'YYYY-MM-DD') AS d FROM service_acts WHERE worker_id = $1 AND act_date = $2`,
        [users.wa.userId, firstDay],
      )
    ).rows;
    expect(days).toHaveLength(1);
    // The same week again: the recorded visits are unticked and marked.
    const again = await as.wa.get(`/service-acts/providers/${ag.a}/week?worker=${users.wa.userId}&date=${week}`);
    expect(again.text).not.toMatch(/id="r0-take"[^>]*checked/);
    expect(await audited('serviceAct.week')).toBeGreaterThanOrEqual(3);
  });
});

describe('a provider’s month: capacity and volume against plan and contract (hand-checked)', () => {
  it('counts recipients against places, hours against the month, and flags under- and over-delivery', async () => {
    const first = `${month}-01`;
    const q1 = await person(t, { lastName: 'Обсяг', firstName: 'Перший' });
    const q2 = await person(t, { lastName: 'Обсяг', firstName: 'Другий' });
    const q3 = await person(t, { lastName: 'Обсяг', firstName: 'Третій' });
    const mk = (personId: string, o: Partial<Parameters<typeof serviceAssignment>[1]> = {}) =>
      serviceAssignment(t, { personId, serviceId: svc, agencyId: ag.c, startedOn: long, assignedOn: long, ...o });
    // q1: the plan promises 2 hours a month. q2: the contract promises 3 visits, the plan 1 day.
    const c1 = (await mk(q1, { plan: { volume: { perMonth: 2, unit: 'hour' } } })).id;
    const c2 = (await mk(q2, { plan: { volume: { perMonth: 1, unit: 'day' } } })).id;
    await recipientContractFor(t, {
      agencyId: ag.c,
      personId: q2,
      services: [{ serviceId: svc, perMonth: 3, unit: 'visit' }],
    });
    await mk(q3, { status: 'accepted' });
    await mk(q3, { status: 'declined' }); // not a recipient twice, nor a declined one
    const w = users.wc.userId;
    const w2 = users.wc2.userId;
    // q1: 60 + 30 minutes = 1,5 h of 2 → under. A cancelled 60 minutes and last month's 120 do not count.
    expect((await postAct('wc', act(c1, { date: first, startsAt: '09:00', minutes: 60, workerId: w }))).status).toBe(
      201,
    );
    expect((await postAct('wc', act(c1, { date: first, startsAt: '11:00', minutes: 30, workerId: w }))).status).toBe(
      201,
    );
    const cancelled = (
      await postAct('wc', act(c1, { date: first, startsAt: '18:00', minutes: 60, workerId: w }))
    ).json<{
      id: string;
    }>().id;
    await as.wc.get(`/service-acts/providers/${ag.c}`);
    expect((await as.wc.post(`/service-acts/acts/${cancelled}/cancel`, { cancelReason: 'Не відбулося' })).status).toBe(
      303,
    );
    expect(
      (await postAct('wc', act(c1, { date: addDays(first, -1), startsAt: '09:00', minutes: 120, workerId: w }))).status,
    ).toBe(201);
    // q2: four visits of 30 minutes on one day (by the second worker) → 4 visits of 3 → over; 1 day of 1 → as planned.
    for (const s of ['09:00', '10:00', '13:00', '14:00'])
      expect((await postAct('wc2', act(c2, { date: first, startsAt: s, minutes: 30, workerId: w2 }))).status).toBe(201);

    const page = await as.wc.get(`/service-acts/providers/${ag.c}?month=${month}`);
    expect(page.status).toBe(200);
    const cap = /id="act-capacity"[\s\S]*?<\/dl>/.exec(page.text)?.[0] ?? '';
    // Recipients with assignments being delivered: q1, q2, q3 = 3 of 2 places (over). Hours: 90 + 120 = 210 min = 3,5.
    expect(cap).toContain('3 з 2');
    expect(cap).toContain('3,5 з 10');
    expect(cap).toMatch(/Актів цього місяця[\s\S]*?6/);
    expect(page.text).toContain('Отримувачів більше, ніж місць');
    const row = (assignmentId: string) =>
      new RegExp(`data-assignment="${assignmentId}"[\\s\\S]*?</tr>`).exec(page.text)?.[0] ?? '';
    expect(row(c1)).toContain('1,5 з 2 (год)');
    expect(row(c1)).toContain('недостатньо');
    expect(row(c2)).toContain('4 з 3 (відвідувань)');
    expect(row(c2)).toContain('понад обсяг');
    expect(row(c2)).toContain('1 з 1 (днів)');
    expect(row(c2)).toContain('за обсягом');
    expect(page.text).toContain('Отримувачів із недонаданням або перевищенням: 2');
    // The month's invoices: none yet; then two (100,00 paid in full; 50,00 with 20,00 paid, due yesterday).
    expect(page.text).toContain('id="act-invoices-empty"');
    const by = users.wc.userId;
    const invoice = async (personId: string, n: string, total: string) =>
      (
        await t.owner<{ id: string }>(
          `INSERT INTO paid_service_invoices (hromada_id, agency_id, person_id, month, number, issued_on, due_on, total,
             purpose, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'Оплата соціальних послуг', $9) RETURNING id`,
          [hromadaId, ag.c, personId, first, n, addDays(today, -10), addDays(today, -1), total, by],
        )
      ).rows[0].id;
    const pay = (invoiceId: string, amount: string) =>
      t.owner(
        `INSERT INTO paid_service_payments (hromada_id, invoice_id, paid_on, amount, created_by)
         VALUES ($1, $2, $3, $4, $5)`,
        [hromadaId, invoiceId, addDays(today, -2), amount, by],
      );
    await pay(await invoice(q1, 'Т-ОБСЯГ-1', '100.00'), '100.00');
    await pay(await invoice(q2, 'Т-ОБСЯГ-2', '50.00'), '20.00');
    const billed = (await as.wc.get(`/service-acts/providers/${ag.c}?month=${month}`)).text;
    const inv = /id="act-invoices"[\s\S]*?<\/dl>/.exec(billed)?.[0] ?? '';
    expect(inv).toMatch(/Рахунків[\s\S]*?2/);
    expect(inv).toContain('150,00 грн');
    expect(inv).toContain('120,00 грн; сплачено повністю рахунків: 1');
    expect(inv).toMatch(/Прострочених рахунків[\s\S]*?1/);
    expect(billed).toContain(`href="/paid-services?month=${month}&amp;agencyId=${ag.c}"`);
    // The front desk reads neither the acts nor the billing of a provider.
    expect((await as.frontdesk.get(`/service-acts/providers/${ag.c}?month=${month}`)).status).toBe(403);
    // The registry's provider page leads to these figures.
    expect((await as.manager.get(`/providers/${ag.c}`)).text).toContain(`href="/service-acts/providers/${ag.c}"`);
    expect(await audited('serviceAct.month')).toBeGreaterThan(0);
  });
});

describe('the plan’s monthly volume (the case plan editor)', () => {
  it('is saved with its unit on a service item; one without the other, zero or on a goal is refused', async () => {
    const k = await kase(t, { personId: await person(t, { lastName: 'Планова', firstName: 'Віра' }) });
    const row = (o: Record<string, string>) => ({
      version: '0',
      rows: '1',
      'i0-kind': 'service',
      'i0-serviceId': svc,
      'i0-agencyId': String(ag.a),
      ...o,
    });
    await as.worker.get(`/cases/${k.id}/plan`);
    const noUnit = await as.worker.post(`/cases/${k.id}/plan`, row({ 'i0-volumePerMonth': '12' }));
    expect(noUnit.status).toBe(400);
    expect(noUnit.text).toContain('Оберіть одиницю обсягу');
    const zero = await as.worker.post(
      `/cases/${k.id}/plan`,
      row({ 'i0-volumePerMonth': '0', 'i0-volumeUnit': 'hour' }),
    );
    expect(zero.status).toBe(400);
    expect(zero.text).toContain('Обсяг на місяць — число більше нуля');
    const onGoal = await as.worker.post(`/cases/${k.id}/plan`, {
      version: '0',
      rows: '1',
      'i0-kind': 'goal',
      'i0-text': 'Мета',
      'i0-volumePerMonth': '3',
      'i0-volumeUnit': 'visit',
    });
    expect(onGoal.text).toContain('Обсяг на місяць вказують лише для послуги');
    const ok = await as.worker.post(
      `/cases/${k.id}/plan`,
      row({ 'i0-volumePerMonth': '7,5', 'i0-volumeUnit': 'hour' }),
    );
    expect(ok.status, ok.text.slice(0, 300)).toBe(303);
    const item = (
      await t.owner<{ volume_per_month: string; volume_unit: string }>(
        'SELECT volume_per_month::text, volume_unit FROM case_plan_items WHERE case_id = $1',
        [k.id],
      )
    ).rows[0];
    expect(item).toEqual({ volume_per_month: '7.50', volume_unit: 'hour' });
    expect((await as.worker.get(`/cases/${k.id}`)).text).toContain('Обсяг: 7,5 год на місяць');
    expect((await as.worker.get(`/cases/${k.id}/plan`)).text).toContain('value="7,5"');
  });
});

describe('who may see and do what', () => {
  it('refuses roles without the permission, other providers and writes by readers', async () => {
    expect((await as.frontdesk.get('/service-acts')).status).toBe(403);
    expect((await as.wb.get(`/service-acts/providers/${ag.a}`)).status).toBe(404);
    expect((await as.wb.get(`/service-acts/providers/${ag.a}/week?worker=${users.wa.userId}`)).status).toBe(404);
    // A social worker reads a provider's month but does not record acts.
    expect((await as.worker.get(`/service-acts/providers/${ag.a}`)).status).toBe(200);
    expect((await as.worker.get(`/service-acts/providers/${ag.a}/new`)).status).toBe(403);
    // A manager records for the provider.
    expect((await as.manager.get(`/service-acts/providers/${ag.a}/new`)).status).toBe(200);
    // The provider's list leads straight to its own month.
    const own = await as.wa.get('/service-acts');
    expect(own.status).toBe(303);
    expect(own.location).toBe(`/service-acts/providers/${ag.a}`);
    expect(
      (
        await t.owner<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_log WHERE action = 'page.refused' AND entity_type = 'serviceAct'",
        )
      ).rows[0].n,
    ).toBeGreaterThan(0);
  });

  it('one legal entity in two hromadas: each hromada lists only its own recipients', async () => {
    const h2 = await newHromada(t);
    const code = '14360570';
    const here = await agency(t, { name: 'ГО «Разом» (тест)', code });
    const there = await agency(t, { name: 'ГО «Разом» (тест)', code, hromadaId: h2.id });
    const u = await staffUser(t, { role: 'provider', agencyId: here, displayName: 'Спільний працівник' });
    await grant(t, u.userId, 'provider', { hromadaId: h2.id, agencyId: there });
    const svc2 = (await service(t, { hromadaId: h2.id, name: 'Догляд вдома (громада 2)' })).id;
    const localP = await person(t, { lastName: 'Місцева', firstName: 'Галина' });
    const farP = await person(t, { hromadaId: h2.id, lastName: 'Далека', firstName: 'Оксана' });
    const a1 = (
      await serviceAssignment(t, {
        personId: localP,
        serviceId: svc,
        agencyId: here,
        startedOn: long,
        assignedOn: long,
      })
    ).id;
    const a2 = (
      await serviceAssignment(t, {
        hromadaId: h2.id,
        personId: farP,
        serviceId: svc2,
        agencyId: there,
        startedOn: long,
        assignedOn: long,
      })
    ).id;
    const c1 = await signedIn(t, { username: u.username });
    const c2 = await signedIn(t, { username: u.username }, { hromadaCode: h2.code });
    const record = async (c: HttpClient, agencyId: number, assignmentId: string) => {
      await c.get(`/service-acts/providers/${agencyId}/new`);
      const [y, m, d] = addDays(today, -2).split('-');
      return c.post(`/service-acts/providers/${agencyId}/acts`, {
        assignmentId,
        workerId: u.userId,
        'date-day': d,
        'date-month': m,
        'date-year': y,
        startsAt: '10:00',
        minutes: '30',
        place: 'home',
        confirmedBy: 'recipient',
      });
    };
    expect((await record(c1, here, a1)).status).toBe(303);
    expect((await record(c2, there, a2)).status).toBe(303);
    // In the other hromada the demo agency and assignment do not exist.
    expect((await record(c2, here, a1)).status).toBe(404);
    const m1 = await c1.get(`/service-acts/providers/${here}?month=${addDays(today, -2).slice(0, 7)}`);
    expect(m1.text).toContain('Місцева');
    expect(m1.text).not.toContain('Далека');
    const m2 = await c2.get(`/service-acts/providers/${there}?month=${addDays(today, -2).slice(0, 7)}`);
    expect(m2.text).toContain('Далека');
    expect(m2.text).not.toContain('Місцева');
    expect((await c2.get(`/service-acts/providers/${here}`)).status).toBe(404);
    expect(hromadaId).not.toBe(h2.id);
  });
});
