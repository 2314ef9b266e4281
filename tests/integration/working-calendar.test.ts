import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { applicationFixtures } from '../helpers/applications.js';
import type { HttpClient } from '../helpers/http.js';
import {
  addDays,
  addWorkingDays,
  calendarFrom,
  isWorkingDay,
  kyivToday,
  nextWorkingDay,
  type WorkCalendar,
} from '../../src/modules/applications/working-days.js';
import { demoHromadaId } from '../factories/index.js';

let t: TestApp;
let hromadaId: number;
const as: Record<string, HttpClient> = {};
const fx = applicationFixtures(() => ({ t, hromadaId }));
const today = kyivToday();
const year = Number(today.slice(0, 4));
const dmy = (iso: string) => iso.split('-').reverse().join('.');
const parts = (iso: string) => ({
  'date-day': iso.slice(8),
  'date-month': iso.slice(5, 7),
  'date-year': iso.slice(0, 4),
});
const weekendAfter = (iso: string) => {
  let d = addDays(iso, 1);
  while (![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) d = addDays(d, 1);
  return d;
};

const stored = async () =>
  (
    await t.owner<{ c: Record<string, unknown> | null }>(
      "SELECT settings -> 'workCalendar' AS c FROM hromadas WHERE id = $1",
      [hromadaId],
    )
  ).rows[0].c;
const calendar = async (): Promise<WorkCalendar> => calendarFrom(await stored());
const audits = async (action: string) =>
  (
    await t.owner<{ reason: string | null; operation: string }>(
      'SELECT reason, operation FROM audit_log WHERE action = $1 ORDER BY id',
      [action],
    )
  ).rows;

async function addDay(c: HttpClient, fields: Record<string, string>) {
  await c.get('/working-calendar');
  return c.post('/working-calendar/days', fields);
}

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  for (const who of ['manager', 'admin', 'worker', 'frontdesk']) {
    as[who] = t.client();
    await signInAs(t, as[who], { username: who });
  }
  as.resident = t.client();
  await signInAs(t, as.resident, { email: 'resident@example.com' });
});
afterAll(async () => {
  await t?.close();
});

describe('the working calendar page', () => {
  it('shows managers the year’s own days (empty at first), the public holidays and the rule; linked from the staff home', async () => {
    const page = await as.manager.get('/working-calendar');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Робочий календар громади</h1>');
    expect(page.text).toContain(`У ${year} році громада ще не додала власних`);
    expect(page.text).toContain(`<option value="${year}" selected>`);
    expect(page.text).toContain(dmy(`${year}-08-24`));
    expect(page.text).toContain('День Незалежності України');
    expect(page.text).toContain('Зараз діє правило воєнного стану');
    expect((await as.manager.get('/staff')).text).toContain('href="/working-calendar"');
    expect((await as.admin.get('/working-calendar')).status).toBe(200);
    expect((await as.worker.get('/staff')).text).not.toContain('href="/working-calendar"');
  });

  it('is forbidden to a worker, the front office and residents; anonymous visitors are sent to sign in', async () => {
    const before = await stored();
    for (const who of ['worker', 'frontdesk', 'resident']) {
      const c = as[who];
      expect((await c.get('/working-calendar')).status, who).toBe(403);
      await c.get(who === 'resident' ? '/cabinet' : '/staff');
      expect(
        (await c.post('/working-calendar/days', { ...parts(addDays(today, 3)), name: 'Спроба', kind: 'holiday' }))
          .status,
        who,
      ).toBe(403);
      expect((await c.post('/working-calendar/martial-law', { martialLaw: 'off' })).status, who).toBe(403);
      expect((await c.post('/working-calendar/days/remove', { date: today })).status, who).toBe(403);
    }
    const anonymous = await t.client().get('/working-calendar');
    expect([anonymous.status, anonymous.location]).toEqual([302, '/login']);
    expect(await stored()).toEqual(before);
  });

  it('refuses bad input with Ukrainian messages and changes nothing', async () => {
    const before = await stored();
    const empty = await addDay(as.manager, { name: '' });
    expect(empty.status).toBe(400);
    for (const text of ['Вкажіть дату', 'Вкажіть назву дня', 'Оберіть вид дня']) expect(empty.text).toContain(text);
    expect(empty.text).toContain('href="#date-day"');
    const cases: [Record<string, string>, string][] = [
      [
        { 'date-day': '31', 'date-month': '2', 'date-year': String(year), name: 'Свято', kind: 'holiday' },
        'Дата має бути справжньою',
      ],
      [{ ...parts(`${year + 5}-03-03`), name: 'Свято', kind: 'holiday' }, 'Дата має бути в межах років'],
      [{ ...parts(`${year - 3}-03-03`), name: 'Свято', kind: 'holiday' }, 'Дата має бути в межах років'],
      [{ ...parts(weekendAfter(today)), name: 'Свято', kind: 'holiday' }, 'Субота й неділя і так неробочі'],
      [
        {
          ...parts(nextWorkingDay(addDays(today, 1), { martialLaw: false, extraHolidays: [], extraWorkingDays: [] })),
          name: 'Робота',
          kind: 'working',
        },
        'Цей день і так робочий',
      ],
      [
        { ...parts(addDays(today, 3)), name: 'я'.repeat(101), kind: 'holiday' },
        'Назва має бути не довшою за 100 символів',
      ],
      [{ ...parts(addDays(today, 3)), name: 'Свято', kind: 'vacation' }, 'Оберіть вид дня'],
    ];
    for (const [fields, text] of cases) {
      const r = await addDay(as.manager, fields);
      expect(r.status, text).toBe(400);
      expect(r.text, text).toContain(text);
      expect(r.text).toContain('govuk-error-summary');
    }
    const rule = await as.manager.post('/working-calendar/martial-law', { martialLaw: 'maybe' });
    expect(rule.status).toBe(400);
    expect(rule.text).toContain('Оберіть, чи діє правило воєнного стану');
    expect(await stored()).toEqual(before);
  });
});

describe('changes to the calendar', () => {
  let holiday = '';

  it('a new holiday moves the deadline of applications registered afterwards by one working day; earlier ones stay', async () => {
    const cal = await calendar();
    holiday = addWorkingDays(today, 1, cal);
    const settlement = (await t.owner<{ c: string }>('SELECT settlement_code AS c FROM district_settlements LIMIT 1'))
      .rows[0].c;
    const personId = await fx.addPerson('Календарна', settlement);
    const serviceId = await fx.addService('Строки (календар)', { days: 10 });
    const frontdesk = t.client();
    await signInAs(t, frontdesk, { username: 'frontdesk' });
    const before = fx.idOf(await fx.intake(frontdesk, personId, serviceId));
    const oldDeadline = (await fx.row(before)).deadline;
    expect(oldDeadline).toBe(addWorkingDays(today, 10, cal));

    const r = await addDay(as.manager, {
      ...parts(holiday),
      name: 'День громади',
      kind: 'holiday',
      year: String(year),
    });
    expect(r.status, r.text.slice(0, 1000)).toBe(303);
    expect(r.location).toBe(`/working-calendar?year=${holiday.slice(0, 4)}&done=added`);
    const page = await as.manager.follow(r);
    expect(page.text).toContain('День додано до календаря');
    expect(page.text).toContain(dmy(holiday));
    expect(page.text).toContain('День громади');
    expect((await calendar()).extraHolidays).toEqual([holiday]);
    expect((await stored())?.names).toEqual({ [holiday]: 'День громади' });
    expect((await audits('calendar.day_add')).at(-1)).toEqual({ reason: holiday, operation: 'admin' });

    const after = fx.idOf(await fx.intake(frontdesk, personId, serviceId));
    const newDeadline = (await fx.row(after)).deadline;
    expect(newDeadline).toBe(addWorkingDays(oldDeadline, 1, cal));
    expect(newDeadline).toBe(addWorkingDays(today, 10, await calendar()));
    expect((await fx.row(before)).deadline).toBe(oldDeadline);

    const dup = await addDay(as.manager, { ...parts(holiday), name: 'Ще раз', kind: 'holiday' });
    expect(dup.status).toBe(400);
    expect(dup.text).toContain('Цей день уже є в календарі громади');
  });

  it('adds a transferred working day (a Saturday of next year), shown in that year', async () => {
    const saturday = (() => {
      let d = `${year + 1}-02-01`;
      while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 6) d = addDays(d, 1);
      return d;
    })();
    const r = await addDay(as.admin, { ...parts(saturday), name: 'Перенесення з понеділка', kind: 'working' });
    expect(r.status).toBe(303);
    expect(isWorkingDay(saturday, await calendar())).toBe(true);
    const page = await as.manager.get(`/working-calendar?year=${year + 1}`);
    expect(page.text).toContain(dmy(saturday));
    expect(page.text).toContain('Перенесений робочий день');
    expect(page.text).not.toContain(dmy(holiday));
  });

  it('removes a day after a confirmation page; an unknown day is not found', async () => {
    const confirm = await as.manager.get(`/working-calendar/days/remove?date=${holiday}`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain(`Видалити ${dmy(holiday)} з календаря громади?`);
    expect(confirm.text).toContain('Так, видалити');
    expect((await calendar()).extraHolidays).toEqual([holiday]);
    const r = await as.manager.post('/working-calendar/days/remove', { date: holiday });
    expect(r.status).toBe(303);
    expect((await as.manager.follow(r)).text).toContain('День видалено з календаря');
    expect((await calendar()).extraHolidays).toEqual([]);
    expect((await stored())?.names).not.toHaveProperty(holiday);
    expect((await audits('calendar.day_remove')).at(-1)?.reason).toBe(holiday);
    expect((await as.manager.get(`/working-calendar/days/remove?date=${holiday}`)).status).toBe(404);
    expect((await as.manager.post('/working-calendar/days/remove', { date: holiday })).status).toBe(404);
    expect((await as.manager.get('/working-calendar/days/remove?date=not-a-date')).status).toBe(404);
  });

  it('switches the martial-law rule off and on, audited', async () => {
    await as.manager.get('/working-calendar');
    const off = await as.manager.post('/working-calendar/martial-law', { martialLaw: 'off', year: String(year) });
    expect(off.status).toBe(303);
    expect((await calendar()).martialLaw).toBe(false);
    expect((await as.manager.follow(off)).text).toContain('Зараз правило воєнного стану не діє');
    // Without martial law Independence Day is a day off.
    expect(isWorkingDay(`${year}-08-24`, await calendar())).toBe(false);
    expect((await as.manager.post('/working-calendar/martial-law', { martialLaw: 'on' })).status).toBe(303);
    expect((await calendar()).martialLaw).toBe(true);
    expect((await audits('calendar.martial_law')).map((a) => a.reason)).toEqual(['off', 'on']);
  });
});
