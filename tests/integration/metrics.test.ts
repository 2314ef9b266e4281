import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  agency,
  application,
  household,
  newHromada,
  person,
  service,
  serviceAct,
  signedIn,
  staffActor,
  staffUser,
} from '../factories/index.js';
import { collectHooks, type HookRegistry } from '../../src/platform/modules.js';
import { MODULES } from '../../src/modules/index.js';
import { computeMetric } from '../../src/modules/metrics/use-cases/compute-metric.js';
import { openCase } from '../../src/modules/cases/use-cases/open-case.js';
import { kyivToday } from '../../src/platform/dates.js';
import { computeMetricWith } from '../../src/modules/metrics/metrics.queries.js';
import { periodOf, type Breakdown } from '../../src/modules/metrics/metric.js';
import type { TenantActor } from '../../src/platform/policy.js';

/**
 * Issue 13 item 3: computed metrics against a hand-counted fixture in a hromada of its own (nothing else counted).
 *
 * Persons: Анна (f, 1950, settlement S1), Богдан (m, 1990, S1), Віра (f, 2015, S2 — Анна's granddaughter, same
 * household), Галина (f, 1985, S2). Applications registered in 2025: Анна 10.03 online, Богдан 02.05 front office
 * (granted 09.05: 5 working days), Галина 30.06 front office (refused 02.07: 2 working days); Анна's other one on
 * 31.12.2024 is outside. Acts: Анна 01.02 (60 min), 15.02 (90 min), 01.03 cancelled; Віра 01.04 (30 min).
 */
let t: TestApp;
let hooks: HookRegistry;
let actor: TenantActor;
let hid: number;
let hCode: string;
let managerName: string;
let viraAct: string;
let homeCare: string;
let otherService: string;

const metric = (key: string, period: string, breakdown: Breakdown | null = null) =>
  computeMetric({
    services: t.services,
    actor,
    hooks,
    key,
    period: periodOf(period)!,
    breakdowns: breakdown ? [breakdown] : [],
  });
const rows = async (key: string, period: string, breakdown: Breakdown) =>
  Object.fromEntries((await metric(key, period, breakdown)).results[0].rows.map((r) => [r.key, r.value]));

beforeAll(async () => {
  t = await startTestApp();
  hooks = collectHooks(MODULES);
  const h = await newHromada(t);
  hid = h.id;
  hCode = h.code;
  const settlements = (
    await t.owner<{ code: string }>('SELECT code FROM settlements WHERE hromada_code = $1 ORDER BY code LIMIT 2', [
      h.code,
    ])
  ).rows.map((r) => r.code);
  const [s1, s2] = settlements;
  const m = await staffUser(t, { role: 'manager', hromadaId: h.id });
  managerName = m.username;
  actor = await staffActor(t, { userId: m.userId, hromadaId: h.id });
  const p = (lastName: string, sex: 'female' | 'male', birthDate: string, settlementCode: string) =>
    person(t, { hromadaId: h.id, lastName, firstName: 'Тест', sex, birthDate, settlementCode });
  const anna = await p('Анна', 'female', '1950-04-01', s1);
  const bohdan = await p('Богдан', 'male', '1990-01-01', s1);
  const vira = await p('Віра', 'female', '2015-06-01', s2);
  const halyna = await p('Галина', 'female', '1985-02-02', s2);
  await household(t, { headPersonId: anna, members: [[vira, 'grandchild']] });
  const svc = (await service(t, { hromadaId: h.id, name: 'Догляд вдома' })).id;
  homeCare = svc;
  otherService = (await service(t, { hromadaId: h.id, name: 'Денний догляд' })).id;
  await application(t, { personId: anna, serviceId: svc, registeredOn: '2025-03-10', channel: 'online' });
  await application(t, { personId: anna, serviceId: svc, registeredOn: '2024-12-31' });
  const b = await application(t, { personId: bohdan, serviceId: svc, registeredOn: '2025-05-02', status: 'granted' });
  const g = await application(t, { personId: halyna, serviceId: svc, registeredOn: '2025-06-30', status: 'refused' });
  await t.owner(`UPDATE applications SET decided_at = '2025-05-09 12:00+03' WHERE id = $1`, [b]);
  await t.owner(`UPDATE applications SET decided_at = '2025-07-02 12:00+03' WHERE id = $1`, [g]);
  const a = await agency(t, { hromadaId: h.id, name: 'Центр' });
  const first = await serviceAct(t, {
    hromadaId: h.id,
    personId: anna,
    serviceId: svc,
    agencyId: a,
    actDate: '2025-02-01',
    minutes: 60,
  });
  await serviceAct(t, {
    personId: anna,
    serviceId: svc,
    agencyId: a,
    actDate: '2025-02-15',
    minutes: 90,
    assignmentId: first.assignmentId,
  });
  await serviceAct(t, {
    personId: anna,
    serviceId: svc,
    agencyId: a,
    actDate: '2025-03-01',
    cancelled: true,
    assignmentId: first.assignmentId,
  });
  const last = await serviceAct(t, {
    hromadaId: h.id,
    personId: vira,
    serviceId: svc,
    agencyId: a,
    actDate: '2025-04-01',
    minutes: 30,
  });
  viraAct = last.id;
});
afterAll(async () => {
  await t?.close();
});

describe('computed metrics against the hand count', () => {
  it('applications received, by channel, sex and age; the period boundary holds', async () => {
    expect((await metric('applications.received', '2025')).total).toBe(3);
    expect((await metric('applications.received', '2024')).total).toBe(1);
    expect((await metric('applications.received', '2025-Q2')).total).toBe(2);
    expect((await metric('applications.received', '2025-H1')).total).toBe(3);
    expect(await rows('applications.received', '2025', 'channel')).toEqual({ online: 1, front_office: 2 });
    expect(await rows('applications.received', '2025', 'sex')).toEqual({ female: 2, male: 1 });
    // Богдан, born 1.1.1990, is 35 at the period's end.
    expect(await rows('applications.received', '2025', 'age')).toEqual({ '60-79': 1, '35-59': 2 });
    expect((await metric('applications.applicants', '2025')).total).toBe(3);
    // One of the three came online (Анна); by sex: Анна's of Анна's and Галина's, none of Богдан's.
    expect((await metric('applications.onlineShare', '2025')).total).toBe(33.33);
    expect(await rows('applications.onlineShare', '2025', 'sex')).toEqual({ female: 50, male: 0 });
  });

  it('granted, refused and the median working days to a decision', async () => {
    expect((await metric('applications.granted', '2025')).total).toBe(1);
    expect((await metric('applications.refused', '2025')).total).toBe(1);
    expect((await metric('applications.refused', '2025-H1')).total).toBe(0);
    // Галина's refusal was recorded without a ground (as before grounds were): not a refusal for lack of places.
    expect(await rows('applications.refused', '2025', 'outcome')).toEqual({ unknown: 1 });
    expect((await metric('applications.refusedNoCapacity', '2025')).total).toBe(0);
    await t.owner(
      `UPDATE applications SET refusal_ground = 'no_capacity' WHERE hromada_id = $1 AND status = 'refused'`,
      [hid],
    );
    expect((await metric('applications.refusedNoCapacity', '2025')).total).toBe(1);
    expect(await rows('applications.refused', '2025', 'outcome')).toEqual({ no_capacity: 1 });
    expect((await metric('applications.decisionDays', '2025')).total).toBe(3.5);
    expect((await metric('applications.decisionDays', '2025-Q2')).total).toBe(5);
    // Waiting at the end of the first quarter: Анна's two undecided applications, one person.
    expect((await metric('applications.waiting', '2025-Q1')).total).toBe(1);
    // They have waited 64 (from 31.12.2024) and 15 (from 10.03.2025) working days by 31.03.2025: median 39.5.
    expect((await metric('applications.waitingDays', '2025-Q1')).total).toBe(39.5);
  });

  it('persons served, acts and hours (cancelled acts not counted), families and their children', async () => {
    expect((await metric('delivery.personsServed', '2025')).total).toBe(2);
    expect(await rows('delivery.personsServed', '2025', 'sex')).toEqual({ female: 2 });
    expect(await rows('delivery.personsServed', '2025', 'age')).toEqual({ '0-17': 1, '60-79': 1 });
    expect((await metric('delivery.personsServed', '2025-Q1')).total).toBe(1);
    expect((await metric('delivery.acts', '2025')).total).toBe(3);
    expect((await metric('delivery.hours', '2025')).total).toBe(3);
    expect((await metric('delivery.hours', '2025-Q1')).total).toBe(2.5);
    expect((await metric('delivery.familiesServed', '2025')).total).toBe(1);
    expect((await metric('delivery.childrenInFamiliesServed', '2025')).total).toBe(1);
    expect((await metric('delivery.personsServed', '2024')).total).toBe(0);
  });

  it('a breakdown a metric does not have, or an unknown metric, is not found', async () => {
    await expect(metric('delivery.familiesServed', '2025', 'channel')).rejects.toMatchObject({ code: 'not_found' });
    await expect(metric('nothing.here', '2025')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('reading many acts fast (decision 0035)', () => {
  const monthsOfActs = `SELECT to_char(month, 'YYYY-MM') AS month, person_id, service_id, place, acts, minutes::int AS minutes
    FROM service_act_months WHERE hromada_id = $1 ORDER BY 1, 2`;
  const fromActs = `SELECT to_char(date_trunc('month', act_date), 'YYYY-MM') AS month, person_id, service_id, place,
      count(*)::int AS acts, sum(minutes)::int AS minutes
    FROM service_acts WHERE hromada_id = $1 AND cancelled_at IS NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2`;
  const yearsOfActs = `SELECT year, person_id, service_id, place, acts, minutes::int AS minutes
    FROM service_act_years WHERE hromada_id = $1 ORDER BY 1, 2`;
  const yearsFromActs = `SELECT extract(year FROM act_date)::int AS year, person_id, service_id, place,
      count(*)::int AS acts, sum(minutes)::int AS minutes
    FROM service_acts WHERE hromada_id = $1 AND cancelled_at IS NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2`;
  const sumsMatchActs = async () => {
    expect((await t.owner(monthsOfActs, [hid])).rows).toEqual((await t.owner(fromActs, [hid])).rows);
    expect((await t.owner(yearsOfActs, [hid])).rows).toEqual((await t.owner(yearsFromActs, [hid])).rows);
  };

  it('every breakdown read in one pass gives the same rows as each breakdown read alone', async () => {
    const all = collectHooks(MODULES).all('metrics');
    let compared = 0;
    for (const m of all.filter((x) => x.breakdowns.length > 1)) {
      for (const period of ['2025', '2025-Q1']) {
        const together = await computeMetric({
          services: t.services,
          actor,
          hooks,
          key: m.key,
          period: periodOf(period)!,
          breakdowns: m.breakdowns,
        });
        for (const [i, b] of m.breakdowns.entries()) {
          const alone = await metric(m.key, period, b);
          expect(together.total, `${m.key} ${period}`).toBe(alone.total);
          expect(together.results[i].rows, `${m.key} ${period} ${b}`).toEqual(alone.results[0].rows);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('the monthly and yearly sums of acts follow every insert and cancellation; a period not of whole months reads the acts', async () => {
    await sumsMatchActs();
    // One row per person for the year: Анна's two acts, Віра's one.
    expect(
      (await t.owner<{ year: number; acts: number }>(yearsOfActs, [hid])).rows.map((r) => `${r.year}:${r.acts}`).sort(),
    ).toEqual(['2025:1', '2025:2']);
    expect(
      (await t.owner<{ month: string; acts: number; minutes: number }>(monthsOfActs, [hid])).rows.map((r) => [
        r.month,
        r.acts,
        r.minutes,
      ]),
    ).toEqual([
      ['2025-02', 2, 150],
      ['2025-04', 1, 30],
    ]);
    const reg = collectHooks(MODULES).all('metrics');
    const acts = reg.find((m) => m.key === 'delivery.acts')!;
    const served = reg.find((m) => m.key === 'delivery.personsServed')!;
    const within = (from: string, to: string) =>
      t.services.db.tx({ hromadaId: hid }, async (c) => ({
        acts: (await computeMetricWith(c, acts, hid, { from, to }, null)).total,
        persons: (await computeMetricWith(c, served, hid, { from, to }, null)).total,
      }));
    // 10.02–01.04: Анна's act of 15.02 and Віра's of 01.04 (read from the acts); whole months Feb–Mar: Анна's two.
    expect(await within('2025-02-10', '2025-04-01')).toEqual({ acts: 2, persons: 2 });
    expect(await within('2025-02-01', '2025-03-31')).toEqual({ acts: 2, persons: 1 });
    // Cancelling Віра's act takes her month away; undoing it (as a correction by the owner) brings it back.
    await t.owner(`UPDATE service_acts SET cancelled_at = now(), cancel_reason = 'помилка' WHERE id = $1`, [viraAct]);
    expect((await metric('delivery.personsServed', '2025')).total).toBe(1);
    expect((await metric('delivery.acts', '2025')).total).toBe(2);
    expect((await t.owner(monthsOfActs, [hid])).rows).toHaveLength(1);
    await sumsMatchActs();
    await t.owner(`UPDATE service_acts SET cancelled_at = NULL, cancel_reason = NULL WHERE id = $1`, [viraAct]);
    expect((await metric('delivery.personsServed', '2025')).total).toBe(2);
    await sumsMatchActs();
    // A year, a half-year and a month-crossing period read the years, the months and the acts: the same acts.
    expect((await metric('delivery.acts', '2025')).total).toBe(3);
    expect((await metric('delivery.acts', '2025-H1')).total).toBe(3);
    expect(await within('2025-01-01', '2025-12-30')).toEqual({ acts: 3, persons: 2 });
  });
});

describe('causes of difficult life circumstances from assessments', () => {
  it('counts the persons assessed with a significant need, by need, named as the form names it', async () => {
    const w = await staffUser(t, { role: 'worker', hromadaId: hid });
    const anna = (
      await t.owner<{ id: string }>(`SELECT id FROM persons WHERE hromada_id = $1 AND last_name = 'Анна'`, [hid])
    ).rows[0].id;
    const k = await openCase({
      services: t.services,
      actor: await staffActor(t, { userId: w.userId, hromadaId: hid }),
      input: { personId: anna, typeCode: 'idp_support', priority: 'normal' },
    });
    const worker = await signedIn(t, w.username, { hromadaCode: hCode });
    const factors = ['health', 'education', 'emotional', 'identity', 'relations', 'self_care', 'basic_care', 'safety'];
    const more = ['warmth', 'stimulation', 'guidance', 'stability', 'housing', 'income', 'extended', 'community'];
    const today = kyivToday();
    await worker.get(`/cases/${k.id}/assessments/new?form=family_needs`);
    const r = await worker.post(`/cases/${k.id}/assessments`, {
      form: 'family_needs',
      version: '1',
      'q_visited_on-day': String(Number(today.slice(8, 10))),
      'q_visited_on-month': String(Number(today.slice(5, 7))),
      'q_visited_on-year': today.slice(0, 4),
      q_present: ['mother', 'children'],
      q_children: '2',
      q_reason: 'sjo',
      q_conclusion: 'Потрібна підтримка з житлом і доходом',
      ...Object.fromEntries([...factors, ...more, 'history'].map((f) => [`q_${f}`, '1'])),
      q_housing: '3',
      q_income: '2',
    });
    expect(r.status, r.text.slice(0, 300)).toBe(303);
    const year = today.slice(0, 4);
    expect((await metric('cases.assessedNeeds', year)).total).toBe(1);
    const causes = (await metric('cases.assessedNeeds', year, 'cause')).results[0].rows;
    expect(causes.map((x) => [x.key, x.label, x.value])).toEqual([
      ['housing', 'Житлові умови', 1],
      ['income', 'Дохід і зайнятість батьків', 1],
    ]);
    expect(await rows('cases.assessedNeeds', year, 'sex')).toEqual({ female: 1 });
  });
});

describe('a metric narrowed to one service', () => {
  it('counts that service only; another hromada’s service or a metric without services is not found', async () => {
    expect((await metric(`delivery.personsServed?service=${homeCare}`, '2025')).total).toBe(2);
    expect((await metric(`delivery.personsServed?service=${otherService}`, '2025')).total).toBe(0);
    expect((await metric(`applications.received?service=${homeCare}`, '2025')).total).toBe(3);
    const narrowed = await metric(`delivery.personsServed?service=${homeCare}`, '2025');
    expect(narrowed.narrowedTo).toEqual({ group: null, name: 'Догляд вдома' });
    const foreign = (await service(t, { name: 'Чужа послуга' })).id;
    await expect(metric(`delivery.personsServed?service=${foreign}`, '2025')).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(metric(`delivery.familiesServed?service=${homeCare}`, '2025')).rejects.toMatchObject({
      code: 'not_found',
    });
    // Not an id: not a narrowed metric, and no such metric.
    await expect(metric(`delivery.personsServed?service=1' OR '1'='1`, '2025')).rejects.toMatchObject({
      code: 'not_found',
    });
    const manager = await signedIn(t, managerName, { hromadaCode: hCode });
    const page = await manager.get(`/metrics?metric=delivery.personsServed&service=${otherService}&period=2025`);
    expect(page.text).toContain('Лише послуга «Денний догляд».');
    expect(page.text).toMatch(/id="metric-total">0 /);
    const persons = await manager.get(`/metrics/persons?metric=delivery.personsServed&service=${homeCare}&period=2025`);
    expect(persons.text).toContain('Усього 2 особи.');
  });

  it('counts a classifier group of services (015: догляд), keeping the service breakdown; an unknown group is not found', async () => {
    await t.owner(`UPDATE services SET code = $2 WHERE id = $1`, [homeCare, '015.1']);
    await t.owner(`UPDATE services SET code = $2 WHERE id = $1`, [otherService, '015.3']);
    try {
      const group = await metric('delivery.personsServed?group=015', '2025', 'service');
      expect(group.total).toBe(2);
      expect(group.narrowedTo).toEqual({ group: '015', name: 'Догляд вдома, Денний догляд' });
      expect(group.results[0].rows.map((r) => [r.key, r.value])).toEqual([[homeCare, 2]]);
      await expect(metric('delivery.personsServed?group=016', '2025')).rejects.toMatchObject({ code: 'not_found' });
      await expect(metric(`delivery.personsServed?group=01' OR '1'='1`, '2025')).rejects.toMatchObject({
        code: 'not_found',
      });
      const manager = await signedIn(t, managerName, { hromadaCode: hCode });
      const page = await manager.get('/metrics?metric=delivery.personsServed&service=group%3A015&period=2025');
      expect(page.text).toContain('Лише послуги групи 015 класифікатора: Догляд вдома, Денний догляд.');
      expect(page.text).toMatch(/id="metric-total">2 /);
      const persons = await manager.get(
        '/metrics/persons?metric=delivery.personsServed&service=group%3A015&period=2025',
      );
      expect(persons.text).toContain('Усього 2 особи.');
    } finally {
      await t.owner(`UPDATE services SET code = NULL WHERE id = ANY($1)`, [[homeCare, otherService]]);
    }
  });
});

describe('the persons behind a figure', () => {
  it('lists each person once in alphabetical order, audited without names; only for person metrics', async () => {
    const manager = await signedIn(t, managerName, { hromadaCode: hCode });
    const figure = await manager.get('/metrics?metric=delivery.personsServed&period=2025');
    expect(figure.text).toContain('href="/metrics/persons?metric=delivery.personsServed&amp;period=2025"');
    const page = await manager.get('/metrics/persons?metric=delivery.personsServed&period=2025');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Усього 2 особи.');
    const names = [...page.text.matchAll(/<a class="govuk-link" href="\/persons\/[0-9a-f-]+">([^<]+)<\/a>/g)].map(
      (m) => m[1],
    );
    expect(names).toEqual(['Анна Тест', 'Віра Тест']);
    const audit = await t.owner<{ operation: string; reason: string; row: string }>(
      `SELECT operation, reason, row_to_json(a)::text AS row FROM audit_log a
       WHERE hromada_id = $1 AND action = 'metrics.persons.list' ORDER BY id DESC LIMIT 1`,
      [hid],
    );
    expect(audit.rows[0]).toMatchObject({
      operation: 'read',
      reason: 'delivery.personsServed 2025-01-01..2025-12-31 results:2',
    });
    expect(audit.rows[0].row).not.toContain('Анна');
    expect((await manager.get('/metrics/persons?metric=delivery.personsServed&period=2024')).text).toContain(
      'не враховує жодної особи',
    );
    expect((await manager.get('/metrics/persons?metric=delivery.acts&period=2025')).status).toBe(404);
    expect((await manager.get('/metrics/persons?metric=delivery.personsServed&period=2025-Q9')).status).toBe(404);
    expect((await manager.get('/metrics/persons?metric=nothing&period=2025')).status).toBe(404);
    const provider = await signedIn(t, 'provider');
    expect((await provider.get('/metrics/persons?metric=delivery.personsServed&period=2025')).status).toBe(403);
  });
});

describe('the page', () => {
  it('a manager sees a figure and its rows in Ukrainian; a provider is refused', async () => {
    const manager = await signedIn(t, 'manager');
    const page = await manager.get('/metrics?metric=applications.received&period=2025&breakdown=channel');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Заяви, зареєстровані за період, 2025 рік');
    // The unit agrees with the figure: «1 заява», «3 заяви», «5 заяв».
    const total = /id="metric-total">([\d\s\u00a0]+) <span class="govuk-body">([^<]+)</.exec(page.text);
    expect(total).not.toBeNull();
    const n = Number((total?.[1] ?? '').replace(/\D/g, ''));
    const forms: Partial<Record<Intl.LDMLPluralRule, string>> = {
      one: 'заява',
      few: 'заяви',
      many: 'заяв',
      other: 'заяви',
    };
    const form = forms[new Intl.PluralRules('uk').select(n)];
    expect(total?.[2]).toBe(form);
    expect((await manager.get('/metrics')).text).toContain('Виберіть показник');
    // «Усі розрізи»: a table (or «no rows») for each of the metric's seven breakdowns.
    const all = await manager.get('/metrics?metric=delivery.personsServed&period=2025&breakdown=all');
    expect(all.status).toBe(200);
    for (const b of ['sex', 'age', 'category', 'settlement', 'district', 'service', 'kind'])
      expect(all.text).toMatch(new RegExp(`id="metric-rows-${b}(-empty)?"`));
    expect((await manager.get('/metrics?metric=applications.received&period=2025-Q9')).text).toContain(
      'Неправильний період.',
    );
    const provider = await signedIn(t, 'provider');
    expect((await provider.get('/metrics')).status).toBe(403);
  });
});
