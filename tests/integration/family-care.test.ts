import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { household, newHromada, person, signedIn, staffUser } from '../factories/index.js';
import { addDays, displayDate, kyivToday } from '../../src/platform/dates.js';
import { addMonths } from '../../src/modules/family-care/care-rules.js';

/** Issue 11 item 10: family forms of care — candidates, decision, placements with a case each, visits, counts. */
let t: TestApp;
let children: HttpClient;
let worker: HttpClient;
const today = kyivToday();
const ago = (days: number) => addDays(today, -days);

const parts = (name: string, iso: string) => {
  const [y = '', m = '', d = ''] = iso.split('-');
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y };
};
const audited = async (action: string, entityId: string) =>
  (await t.owner('SELECT 1 FROM audit_log WHERE action = $1 AND entity_id = $2', [action, entityId])).rowCount ?? 0;
const familyRow = async (id: string) =>
  (
    await t.owner<{ stage: string; capacity: number; decision: string | null }>(
      'SELECT stage, capacity, decision FROM care_families WHERE household_id = $1',
      [id],
    )
  ).rows[0];
const placements = async (familyId: string) =>
  (
    await t.owner<{ id: string; child_id: string; case_id: string; until_on: string | null; ended_on: string | null }>(
      `SELECT id, child_id, case_id, to_char(until_on, 'YYYY-MM-DD') AS until_on, to_char(ended_on, 'YYYY-MM-DD') AS ended_on
       FROM care_placements WHERE household_id = $1 ORDER BY placed_on, created_at`,
      [familyId],
    )
  ).rows;

/** A registry household headed by a new person: the candidates. */
async function candidates(lastName: string): Promise<string> {
  const head = await person(t, { lastName, firstName: 'Олена', birthDate: '1985-04-02' });
  return household(t, { headPersonId: head });
}
const aChild = (lastName: string, birthDate: string | undefined = addDays(today, -365 * 8)) =>
  person(t, { lastName, firstName: 'Дитина', ...(birthDate ? { birthDate } : {}) });

/** Registers candidates and takes them through training, a positive assessment and an approval `daysAgo`. */
async function activeFamily(lastName: string, form = 'foster', capacity = '2', daysAgo = 200): Promise<string> {
  const id = await candidates(lastName);
  await children.get(`/family-care/new?householdId=${id}`);
  expect((await children.post('/family-care', { householdId: id, form, capacity })).status).toBe(303);
  const steps: [string, Record<string, string>][] = [
    [
      'training',
      { trainingCourse: 'Курс підготовки кандидатів', trainingHours: '60', ...parts('trainedOn', ago(daysAgo + 40)) },
    ],
    ['assessment', { assessment: 'positive', ...parts('assessedOn', ago(daysAgo + 20)) }],
    [
      'decision',
      { decision: 'approved', decisionNumber: '45', decisionBody: 'Виконком', ...parts('decidedOn', ago(daysAgo)) },
    ],
  ];
  for (const [step, body] of steps) {
    const r = await children.post(`/family-care/${id}/${step}`, body);
    expect(r.status, `${step}: ${r.text.slice(0, 300)}`).toBe(303);
  }
  return id;
}
const place = (familyId: string, childId: string, placedOn: string, client = children) =>
  client.post(`/family-care/${familyId}/placements`, {
    childId,
    basis: 'Рішення № 46',
    ...parts('placedOn', placedOn),
  });

beforeAll(async () => {
  t = await startTestApp();
  children = await signedIn(t, 'children');
  worker = await signedIn(t, 'worker');
});
afterAll(async () => {
  await t?.close();
});

describe('candidates', () => {
  it('the children’s service registers a household as candidates from its card; bad input and a second registration are refused', async () => {
    const id = await candidates('Кандидатенко');
    const card = await children.get(`/households/${id}`);
    expect(card.status).toBe(200);
    expect(card.text).toContain(`/family-care/new?householdId=${id}`);
    const form = await children.get(`/family-care/new?householdId=${id}`);
    expect(form.text).toContain('Кандидатенко Олена');
    const tooMany = await children.post('/family-care', { householdId: id, form: 'foster', capacity: '5' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toContain('Для цієї форми кількість дітей — від 1 до 4');
    const noForm = await children.post('/family-care', { householdId: id, capacity: '2' });
    expect(noForm.status).toBe(400);
    expect(noForm.text).toContain('Оберіть форму');
    const homeTooSmall = await children.post('/family-care', { householdId: id, form: 'family_home', capacity: '4' });
    expect(homeTooSmall.text).toContain('від 5 до 10');
    expect(await familyRow(id)).toBeUndefined();
    const ok = await children.post('/family-care', { householdId: id, form: 'foster', capacity: '3' });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/family-care/${id}?done=registered`);
    expect(await familyRow(id)).toEqual({ stage: 'candidate', capacity: 3, decision: null });
    expect(await audited('care.register', id)).toBe(1);
    expect((await children.post('/family-care', { householdId: id, form: 'foster', capacity: '3' })).status).toBe(409);
    const page = await children.get(`/family-care/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Прийомна сім’я');
    expect(page.text).toContain('Кандидати');
    expect(await audited('care.view', id)).toBe(1);
    expect((await children.get(`/households/${id}`)).text).toContain('Відкрити сторінку сім’ї');
  });

  it('a household without a head cannot be registered (nobody would be the carer)', async () => {
    const member = await person(t, { lastName: 'Безголовенко' });
    const id = await household(t, { members: [[member, 'spouse']] });
    const r = await children.post('/family-care', { householdId: id, form: 'guardian', capacity: '1' });
    expect(r.status).toBe(400);
    expect(r.text).toContain('не вказано голову');
  });

  it('an approval needs the training and a positive assessment; a decided family takes no more steps', async () => {
    const id = await candidates('Рішенченко');
    await children.post('/family-care', { householdId: id, form: 'patronat', capacity: '2' });
    const decide = (decision: string) =>
      children.post(`/family-care/${id}/decision`, {
        decision,
        decisionNumber: '12',
        decisionBody: 'Виконком',
        ...parts('decidedOn', today),
      });
    const early = await decide('approved');
    expect(early.status).toBe(400);
    expect(early.text).toContain('лише після навчання кандидатів');
    expect(early.text).toContain('лише за позитивного висновку оцінки');
    const future = await children.post(`/family-care/${id}/training`, {
      trainingCourse: 'Курс',
      trainingHours: '40',
      ...parts('trainedOn', addDays(today, 2)),
    });
    expect(future.status).toBe(400);
    expect(future.text).toContain('Дата не може бути в майбутньому');
    expect(
      (
        await children.post(`/family-care/${id}/training`, {
          trainingCourse: 'Курс',
          trainingHours: '40',
          certificate: 'С-17',
          ...parts('trainedOn', ago(30)),
        })
      ).status,
    ).toBe(303);
    await children.post(`/family-care/${id}/assessment`, { assessment: 'negative', ...parts('assessedOn', ago(10)) });
    expect((await decide('approved')).text).toContain('лише за позитивного висновку оцінки');
    expect((await familyRow(id)).stage).toBe('candidate');
    await children.post(`/family-care/${id}/assessment`, { assessment: 'positive', ...parts('assessedOn', ago(5)) });
    expect((await decide('approved')).status).toBe(303);
    expect(await familyRow(id)).toEqual({ stage: 'active', capacity: 2, decision: 'approved' });
    expect(await audited('care.decision', id)).toBe(1);
    const again = await decide('refused');
    expect(again.status).toBe(409);
    expect((await familyRow(id)).stage).toBe('active');
    const page = await children.get(`/family-care/${id}`);
    expect(page.text).toContain('Курс, 40 год, завершено');
    expect(page.text).toContain('свідоцтво № С-17');
  });

  it('a refusal ends the path: no child may be placed', async () => {
    const id = await candidates('Відмовенко');
    await children.post('/family-care', { householdId: id, form: 'foster', capacity: '1' });
    const r = await children.post(`/family-care/${id}/decision`, {
      decision: 'refused',
      decisionNumber: '13',
      decisionBody: 'Виконком',
      ...parts('decidedOn', today),
    });
    expect(r.status).toBe(303);
    expect((await familyRow(id)).stage).toBe('refused');
    const child = await aChild('Невлаштованенко');
    expect((await place(id, child, today)).status).toBe(409);
    expect(await placements(id)).toEqual([]);
  });
});

describe('placements', () => {
  it('placing a child opens a case for the child; the family’s capacity, the child’s age and one family at a time hold', async () => {
    const id = await activeFamily('Прийменко', 'foster', '1');
    const adult = await aChild('Дорослий', '2000-01-01');
    const r1 = await place(id, adult, today);
    expect(r1.status).toBe(400);
    expect(r1.text).toContain('вже виповнилося 18 років');
    const noBirth = await aChild('Бездатенко', undefined);
    await t.owner('UPDATE persons SET birth_date = NULL WHERE id = $1', [noBirth]);
    expect((await place(id, noBirth, today)).text).toContain('не вказано дату народження');
    const beforeDecision = await place(id, await aChild('Ранній'), ago(300));
    expect(beforeDecision.text).toContain('раніше рішення про створення сім’ї');
    const child = await aChild('Влаштованенко');
    const ok = await place(id, child, ago(10));
    expect(ok.status, ok.text.slice(0, 500)).toBe(303);
    const [p] = await placements(id);
    expect(p.child_id).toBe(child);
    expect(p.until_on).toBeNull();
    const kase = (
      await t.owner<{ type_code: string; person_id: string; status: string; restricted: boolean }>(
        'SELECT type_code, person_id, status, restricted FROM cases WHERE id = $1',
        [p.case_id],
      )
    ).rows[0];
    expect(kase).toEqual({ type_code: 'family_care', person_id: child, status: 'open', restricted: false });
    expect(await audited('care.place', child)).toBe(1);
    expect(await audited('case.open', p.case_id)).toBe(1);
    const casePage = await children.get(`/cases/${p.case_id}`);
    expect(casePage.status).toBe(200);
    expect(casePage.text).toContain(`Дитину влаштовано ${displayDate(ago(10))}`);
    expect(casePage.text).toContain(`/family-care/${id}#placement-${p.id}`);
    const full = await place(id, await aChild('Зайвенко'), today);
    expect(full.status).toBe(400);
    expect(full.text).toContain('немає вільних місць');
    const other = await activeFamily('Другенко', 'guardian', '3');
    const twice = await place(other, child, today);
    expect(twice.status).toBe(400);
    expect(twice.text).toContain('Дитина вже влаштована');
    expect(await placements(other)).toEqual([]);
    const lower = await children.post(`/family-care/${other}/capacity`, { capacity: '0' });
    expect(lower.status).toBe(400);
    const fewer = await children.post(`/family-care/${id}/capacity`, { capacity: '1' });
    expect(fewer.status).toBe(303);
  });

  it('visits and yearly reviews fall due from the placement or the last one; overdue ones stand out in the list and on the staff home', async () => {
    const id = await activeFamily('Відвідуваненко', 'family_home', '5', 400);
    const child = await aChild('Давновлаштований');
    expect((await place(id, child, ago(100))).status).toBe(303);
    const [p] = await placements(id);
    const page = await children.get(`/family-care/${id}`);
    expect(page.text).toMatch(/data-due="visit"><strong class="govuk-tag govuk-tag--red">Прострочено<\/strong> /);
    expect(page.text).toContain(displayDate(addDays(ago(100), 90)));
    const overdue = await children.get('/family-care?due=overdue');
    expect(overdue.text).toContain('Відвідуваненко Олена');
    const home = await children.get('/staff');
    expect(home.text).toMatch(/data-counter="careOverdue"><span class="tb-counter__n">[1-9]/);
    const visit = (body: Record<string, string>, client = children) =>
      client.post(`/family-care/${id}/placements/${p.id}/visits`, body);
    const before = await visit({ kind: 'visit', findings: 'Все добре', ...parts('heldOn', ago(101)) });
    expect(before.status).toBe(400);
    expect(before.text).toContain('раніше влаштування дитини');
    expect(before.text).toContain(`href="#heldOn-${p.id}-day"`);
    const noConclusion = await visit({ kind: 'review', findings: 'Оцінка', ...parts('heldOn', ago(1)) });
    expect(noConclusion.text).toContain('Оберіть висновок щорічної оцінки');
    // A social worker supports the family: records the visit.
    await worker.get(`/family-care/${id}`);
    const ok = await visit(
      { kind: 'visit', findings: 'Дитина доглянута, ходить до школи', ...parts('heldOn', ago(1)) },
      worker,
    );
    expect(ok.status, ok.text.slice(0, 400)).toBe(303);
    expect(await audited('care.visit', child)).toBe(1);
    const after = await children.get(`/family-care/${id}`);
    expect(after.text).toContain('Дитина доглянута, ходить до школи');
    expect(after.text).toContain(displayDate(addDays(ago(1), 90)));
    expect(after.text).not.toMatch(/data-due="visit"><strong/);
    expect((await children.get('/family-care?due=overdue')).text).not.toContain('Відвідуваненко Олена');
    // The hromada's own interval moves the due day at once.
    const manager = await signedIn(t, 'manager');
    await manager.get('/family-care/settings');
    expect(
      (await manager.post('/family-care/settings', { visitDays: '0', patronatVisitDays: '30', reviewDays: '365' }))
        .status,
    ).toBe(400);
    const saved = await manager.post('/family-care/settings', {
      visitDays: '30',
      patronatVisitDays: '14',
      reviewDays: '365',
    });
    expect(saved.status).toBe(303);
    expect((await children.get(`/family-care/${id}`)).text).toContain(displayDate(addDays(ago(1), 30)));
    await manager.post('/family-care/settings', { visitDays: '90', patronatVisitDays: '30', reviewDays: '365' });
  });

  it('a patronat placement has three months, extendable to six; ending it frees the place, and an empty family may close', async () => {
    const id = await activeFamily('Патронатенко', 'patronat', '1');
    const child = await aChild('Патронований');
    const placedOn = ago(20);
    expect((await place(id, child, placedOn)).status).toBe(303);
    const [p] = await placements(id);
    expect(p.until_on).toBe(addMonths(placedOn, 3));
    const extend = (untilOn: string) =>
      children.post(`/family-care/${id}/placements/${p.id}/extend`, {
        extendReason: 'Триває підготовка до повернення в сім’ю',
        ...parts('untilOn', untilOn),
      });
    const tooLong = await extend(addDays(addMonths(placedOn, 6), 1));
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('не довше шести місяців');
    expect((await extend(addMonths(placedOn, 5))).status).toBe(303);
    expect((await placements(id))[0].until_on).toBe(addMonths(placedOn, 5));
    const closeTooEarly = await children.post(`/family-care/${id}/close`, {
      closeReason: 'Сім’я припиняє діяльність',
      confirm: 'yes',
      ...parts('closedOn', today),
    });
    expect(closeTooEarly.status).toBe(409);
    const end = (body: Record<string, string>) => children.post(`/family-care/${id}/placements/${p.id}/end`, body);
    const noNote = await end({ endReason: 'other', ...parts('endedOn', today) });
    expect(noNote.status).toBe(400);
    expect(noNote.text).toContain('Поясніть причину вибуття');
    expect((await end({ endReason: 'family_return', ...parts('endedOn', today) })).status).toBe(303);
    expect((await placements(id))[0].ended_on).toBe(today);
    expect(await audited('care.endPlacement', child)).toBe(1);
    expect((await end({ endReason: 'family_return', ...parts('endedOn', today) })).status).toBe(409);
    // The child may now be placed elsewhere; the ended placement's case stays open for its manager.
    const other = await activeFamily('Наступненко', 'foster', '1');
    expect((await place(other, child, today)).status).toBe(303);
    const unconfirmed = await children.post(`/family-care/${id}/close`, {
      closeReason: 'Сім’я припиняє діяльність',
      ...parts('closedOn', today),
    });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('Підтвердьте припинення');
    const closed = await children.post(`/family-care/${id}/close`, {
      closeReason: 'Сім’я припиняє діяльність',
      confirm: 'yes',
      ...parts('closedOn', today),
    });
    expect(closed.status).toBe(303);
    expect((await familyRow(id)).stage).toBe('closed');
    expect((await place(id, await aChild('Запізнілий'), today)).status).toBe(409);
  });
});

describe('counts for the action plans', () => {
  it('count active families and children by form, families created, placements made and candidates trained in the year', async () => {
    const year = Number(today.slice(0, 4));
    const before = await children.get(`/family-care?year=${year}`);
    const cell = (html: string, row: string, col: number) => {
      const m = new RegExp(
        `<th scope="row" class="govuk-table__header"[^>]*>${row}</th>((?:\\s*<td[^>]*>\\d+</td>){4})`,
      ).exec(html);
      const n = Number([...(m?.[1] ?? '').matchAll(/>(\d+)</g)][col]?.[1] ?? NaN);
      expect(n, `${row}, column ${col}`).not.toBeNaN();
      return n;
    };
    const active0 = cell(before.text, 'Дитячий будинок сімейного типу', 0);
    const children0 = cell(before.text, 'Дитячий будинок сімейного типу', 1);
    const id = await activeFamily('Рахуненко', 'family_home', '6', 5);
    await place(id, await aChild('Перший'), today);
    await place(id, await aChild('Другий'), today);
    const after = await children.get(`/family-care?year=${year}`);
    expect(cell(after.text, 'Дитячий будинок сімейного типу', 0)).toBe(active0 + 1);
    expect(cell(after.text, 'Дитячий будинок сімейного типу', 1)).toBe(children0 + 2);
    expect(after.text).toMatch(/За \d{4} рік навчання заверши(ла|ли) \d+ сім/);
    expect((await t.owner("SELECT 1 FROM audit_log WHERE action = 'care.list'")).rowCount).toBeGreaterThan(0);
    const lastYear = await children.get(`/family-care?year=${year - 1}`);
    expect(lastYear.text).toContain(`Показники за ${year - 1} рік`);
    const decidedLastYear = await t.owner(
      "SELECT 1 FROM care_families WHERE form = 'family_home' AND decision = 'approved' AND extract(year FROM decided_on) = $1",
      [year - 1],
    );
    expect(cell(lastYear.text, 'Дитячий будинок сімейного типу', 2)).toBe(decidedLastYear.rowCount);
  });
});

describe('who may', () => {
  it('the children’s service and managers keep the families; workers read and record visits; others are refused; another hromada’s family is not found', async () => {
    const id = await activeFamily('Доступенко', 'foster', '2');
    const child = await aChild('Доступна');
    // A worker reads and visits but does not register, decide or place.
    expect((await worker.get('/family-care')).status).toBe(200);
    expect((await worker.get(`/family-care/${id}`)).status).toBe(200);
    expect((await worker.get(`/family-care/new?householdId=${id}`)).status).toBe(403);
    expect((await place(id, child, today, worker)).status).toBe(403);
    expect((await worker.post(`/family-care/${id}/close`, { closeReason: 'x', confirm: 'yes' })).status).toBe(403);
    expect((await worker.get('/family-care/settings')).status).toBe(403);
    for (const who of ['frontdesk', 'starosta', 'provider', 'admin']) {
      const c = await signedIn(t, who);
      expect((await c.get('/family-care')).status, who).toBe(403);
      expect((await c.get(`/family-care/${id}`)).status, who).toBe(403);
      expect((await c.post(`/family-care/${id}/placements`, { childId: child })).status, who).toBe(403);
    }
    // A refused request to a family's page is on record, naming the household it tried.
    expect(
      (
        await t.owner(
          "SELECT 1 FROM audit_log WHERE action = 'page.refused' AND entity_type = 'household' AND entity_id = $1",
          [id],
        )
      ).rowCount,
    ).toBeGreaterThanOrEqual(4);
    const admin = await signedIn(t, 'admin');
    expect((await admin.get('/family-care/settings')).status).toBe(200);
    const anonymous = t.client();
    expect([302, 303, 401]).toContain((await anonymous.get(`/family-care/${id}`)).status);
    const other = await newHromada(t);
    const stranger = await staffUser(t, { role: 'children', hromadaId: other.id });
    const c = await signedIn(t, stranger.username, { hromadaCode: other.code });
    expect((await c.get(`/family-care/${id}`)).status).toBe(404);
    expect((await c.post(`/family-care/${id}/placements`, { childId: child, basis: 'x' })).status).toBe(404);
    expect((await c.get('/family-care')).text).not.toContain('Доступенко');
    expect((await children.get('/family-care/not-a-uuid')).status).toBe(404);
    // A placement is reached only through its own family.
    await place(id, child, today);
    const [p] = await placements(id);
    const elsewhere = await activeFamily('Чужинець', 'foster', '1');
    expect(
      (
        await children.post(`/family-care/${elsewhere}/placements/${p.id}/visits`, {
          kind: 'visit',
          findings: 'x',
          ...parts('heldOn', today),
        })
      ).status,
    ).toBe(404);
  });
});
