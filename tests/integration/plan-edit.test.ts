import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { apiTokenFor } from '../helpers/api.js';
import { multipartForm } from '../helpers/cabinet.js';
import { newHromada, signedIn, staffUser } from '../factories/index.js';

/** Issue 13 item 1: a task of a plan, its funding and its indicators edited in the UI, with the history of each change. */
let t: TestApp;
let manager: HttpClient;
let worker: HttpClient;
let otherManager: HttpClient;
let url: string;
let taskId: string;
let fundingId: string;
let planUrl: string;

const PLAN = {
  hromada: 'Громада редагування',
  document: {
    title: 'План 2026–2027',
    approved_by: 'Рада',
    number: '1',
    date: '2026-01-10',
    period: { from: 2026, to: 2027 },
  },
  values: [],
  strategic_goals: [
    {
      code: '1',
      title: 'Ціль',
      operational_goals: [
        {
          code: '1.1',
          title: 'Підціль',
          tasks: [
            {
              code: '1.1.1',
              title: 'Стара назва',
              executors: ['Відділ'],
              period: '2026',
              indicators: [{ name: 'Кількість отримувачів', unit: 'осіб', targets: { '2026': 10 }, actuals: {} }],
              expected_result: null,
              funding_sources: [
                { source: 'Місцевий бюджет', kind: 'local', amounts: [{ year: 2026, planned: 100000, actual: null }] },
              ],
            },
          ],
        },
      ],
    },
  ],
  monitoring: null,
};

beforeAll(async () => {
  t = await startTestApp();
  const h = await newHromada(t);
  const m = await staffUser(t, { role: 'manager', hromadaId: h.id, displayName: 'Олена Редакторка' });
  const w = await staffUser(t, { role: 'worker', hromadaId: h.id });
  manager = await signedIn(t, m.username, { hromadaCode: h.code });
  worker = await signedIn(t, w.username, { hromadaCode: h.code });
  otherManager = await signedIn(t, 'manager');
  const res = await fetch(`${t.baseUrl}/api/v1/action-plans/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await apiTokenFor(t, m.username)}`, 'content-type': 'application/json' },
    body: JSON.stringify(PLAN),
  });
  const planId = ((await res.json()) as { id: number }).id;
  taskId = (await t.owner<{ id: string }>('SELECT id FROM plan_tasks WHERE plan_id = $1', [planId])).rows[0].id;
  url = `/action-plans/${planId}/tasks/${taskId}`;
  planUrl = `/action-plans/${planId}`;
  fundingId = (await t.owner<{ id: string }>('SELECT id FROM plan_task_funding WHERE task_id = $1', [taskId])).rows[0]
    .id;
});
afterAll(async () => {
  await t?.close();
});

describe('editing a task', () => {
  it('changes its title, executors, period and expected result, and the history shows before and after', async () => {
    const page = await manager.get(url);
    expect(page.text).toContain('Змінити завдання');
    const res = await manager.post(`${url}/edit`, {
      title: 'Нова назва завдання',
      executors: 'Відділ\nЦентр надання соціальних послуг; Відділ',
      period: 'ІІ півріччя 2026',
      expectedResult: 'Послуга в усіх селах',
    });
    expect(res.status).toBe(303);
    expect(res.location).toContain('done=edited');
    const task = await t.owner<{ title: string; period_from: string; period_to: string; expected_result: string }>(
      `SELECT title, to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to,
         expected_result FROM plan_tasks WHERE id = $1`,
      [taskId],
    );
    expect(task.rows[0]).toEqual({
      title: 'Нова назва завдання',
      period_from: '2026-07-01',
      period_to: '2026-12-31',
      expected_result: 'Послуга в усіх селах',
    });
    const after = await manager.get(res.location!);
    expect(after.text).toContain('Завдання змінено.');
    expect(after.text).toContain('Відділ; Центр надання соціальних послуг');
    const history = after.text.slice(after.text.indexOf('id="task-history"'));
    expect(history).toContain('Змінено завдання');
    expect(history).toContain('Стара назва');
    expect(history).toContain('Нова назва завдання');
    expect(history).toContain('Олена Редакторка');
    // The same form again changes nothing and adds no history.
    const again = await manager.post(`${url}/edit`, {
      title: 'Нова назва завдання',
      executors: 'Відділ; Центр надання соціальних послуг',
      period: 'ІІ півріччя 2026',
      expectedResult: 'Послуга в усіх селах',
    });
    expect(again.location).toContain('done=unchanged');
    const n = await t.owner<{ n: number }>(
      `SELECT count(*)::int AS n FROM plan_history WHERE task_id = $1 AND entity = 'task'`,
      [taskId],
    );
    expect(n.rows[0].n).toBe(1);
  });

  it('refuses an empty title with the form shown again, and those who may not change plans', async () => {
    const bad = await manager.post(`${url}/edit`, { title: '  ', executors: 'Відділ' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Введіть назву завдання');
    expect(bad.text).toMatch(/<details[^>]*open/);
    await worker.get(url);
    expect((await worker.post(`${url}/edit`, { title: 'Працівник' })).status).toBe(403);
    await otherManager.get('/action-plans');
    expect((await otherManager.post(`${url}/edit`, { title: 'Чужа громада' })).status).toBe(404);
    const task = await t.owner<{ title: string }>('SELECT title FROM plan_tasks WHERE id = $1', [taskId]);
    expect(task.rows[0].title).toBe('Нова назва завдання');
  });
});

describe('entering funding by year', () => {
  const amounts = async () =>
    (
      await t.owner<{ year: number; planned: string | null; actual: string | null }>(
        'SELECT year, planned::text, actual::text FROM plan_funding_amounts WHERE funding_id = $1 ORDER BY year',
        [fundingId],
      )
    ).rows;

  it('the amount spent in a year, and a new year, with before and after in the history', async () => {
    const page = await manager.get(url);
    expect(page.text).toContain('Внести суми фінансування за рік');
    const res = await manager.post(`${url}/funding`, {
      funding: fundingId,
      year: '2026',
      planned: '100 000',
      spent: '85 500,50',
    });
    expect(res.status).toBe(303);
    expect(res.location).toContain('done=funding');
    expect(await manager.post(`${url}/funding`, { funding: fundingId, year: '2027', planned: '120000' })).toMatchObject(
      { status: 303 },
    );
    expect(await amounts()).toEqual([
      { year: 2026, planned: '100000.00', actual: '85500.50' },
      { year: 2027, planned: '120000.00', actual: null },
    ]);
    const after = await manager.get(res.location!);
    expect(after.text).toContain('Суми фінансування збережено.');
    const history = after.text.slice(after.text.indexOf('id="task-history"'));
    expect(history).toContain('Змінено фінансування');
    expect(history).toContain('Додано фінансування');
    expect(history).toMatch(/85[\s\u00a0]?500,5/);
  });

  it('refuses a year outside the plan, a negative or missing amount, another task’s source; nothing stored', async () => {
    const before = await amounts();
    const outside = await manager.post(`${url}/funding`, { funding: fundingId, year: '2030', planned: '1' });
    expect(outside.status).toBe(400);
    expect(outside.text).toContain('Рік має бути в межах строку плану: 2026–2027');
    const negative = await manager.post(`${url}/funding`, { funding: fundingId, year: '2026', spent: '-5' });
    expect(negative.status).toBe(400);
    expect(negative.text).toContain('Сума не може бути від’ємною');
    expect(negative.text).toContain('href="#spent"');
    const none = await manager.post(`${url}/funding`, { funding: fundingId, year: '2026' });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Введіть заплановану або використану суму');
    const notYear = await manager.post(`${url}/funding`, { funding: fundingId, year: 'двадцять', planned: '1' });
    expect(notYear.text).toContain('Вкажіть рік, наприклад 2026');
    expect((await manager.post(`${url}/funding`, { funding: '999999', year: '2026', planned: '1' })).status).toBe(404);
    await worker.get(url);
    expect((await worker.post(`${url}/funding`, { funding: fundingId, year: '2026', planned: '1' })).status).toBe(403);
    await otherManager.get('/action-plans');
    expect((await otherManager.post(`${url}/funding`, { funding: fundingId, year: '2026', planned: '1' })).status).toBe(
      404,
    );
    expect(await amounts()).toEqual(before);
  });
});

describe('adding a funding source', () => {
  it('adds a source with its kind, then takes amounts for it; refuses a missing kind or name', async () => {
    const res = await manager.post(`${url}/funding-sources`, { sourceKind: 'oblast', sourceName: 'Обласна програма' });
    expect(res.status).toBe(303);
    expect(res.location).toContain('done=fundingSource');
    const added = await t.owner<{ id: string; kind: string; source_text: string }>(
      'SELECT id, kind, source_text FROM plan_task_funding WHERE task_id = $1 ORDER BY position',
      [taskId],
    );
    expect(added.rows.map((r) => [r.kind, r.source_text])).toEqual([
      ['local', 'Місцевий бюджет'],
      ['oblast', 'Обласна програма'],
    ]);
    const page = await manager.get(res.location!);
    expect(page.text).toContain('Джерело фінансування додано.');
    const history = page.text.slice(page.text.indexOf('id="task-history"'));
    expect(history).toContain('Обласний бюджет');
    const amount = await manager.post(`${url}/funding`, { funding: added.rows[1].id, year: '2027', planned: '10' });
    expect(amount.status).toBe(303);
    const noKind = await manager.post(`${url}/funding-sources`, { sourceKind: '', sourceName: 'Щось' });
    expect(noKind.status).toBe(400);
    expect(noKind.text).toContain('Виберіть вид джерела фінансування');
    const noName = await manager.post(`${url}/funding-sources`, { sourceKind: 'other', sourceName: '  ' });
    expect(noName.text).toContain('Введіть назву джерела фінансування');
    await worker.get(url);
    expect((await worker.post(`${url}/funding-sources`, { sourceKind: 'other', sourceName: 'Х' })).status).toBe(403);
    const count = await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM plan_task_funding WHERE task_id = $1', [
      taskId,
    ]);
    expect(count.rows[0].n).toBe(2);
  });
});

describe('changing and adding indicators', () => {
  const indicators = async () =>
    (
      await t.owner<{
        id: string;
        name: string;
        unit: string | null;
        baseline: string | null;
        responsible: string | null;
      }>(
        'SELECT id, name, unit, baseline::text, responsible FROM plan_indicators WHERE task_id = $1 ORDER BY position',
        [taskId],
      )
    ).rows;

  it('changes an indicator’s name, unit, baseline and responsible from its own page', async () => {
    const [first] = await indicators();
    const page = await manager.get(`${url}/indicators/${first.id}/edit`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Кількість отримувачів');
    const res = await manager.post(`${url}/indicators/${first.id}/edit`, {
      name: 'Кількість отримувачів догляду вдома',
      unit: 'осіб',
      baseline: '7',
      responsible: 'Центр надання соціальних послуг',
    });
    expect(res.status).toBe(303);
    expect(res.location).toContain('done=indicator');
    expect((await indicators())[0]).toMatchObject({
      name: 'Кількість отримувачів догляду вдома',
      baseline: '7.00',
      responsible: 'Центр надання соціальних послуг',
    });
    const after = await manager.get(res.location!);
    expect(after.text).toContain('Індикатор збережено.');
    const history = after.text.slice(after.text.indexOf('id="task-history"'));
    expect(history).toContain('Змінено індикатор');
    expect(history).toContain('Кількість отримувачів догляду вдома');
    const same = await manager.post(`${url}/indicators/${first.id}/edit`, {
      name: 'Кількість отримувачів догляду вдома',
      unit: 'осіб',
      baseline: '7',
      responsible: 'Центр надання соціальних послуг',
    });
    expect(same.location).toContain('done=unchanged');
  });

  it('keeps a bound indicator’s unit fitting its metric, and refuses an empty name', async () => {
    const [first] = await indicators();
    await manager.get(url);
    expect(
      (await manager.post(`${url}/indicators/${first.id}/metric`, { metric: 'delivery.personsServed' })).status,
    ).toBe(303);
    const wrongUnit = await manager.post(`${url}/indicators/${first.id}/edit`, { name: 'Отримувачі', unit: 'годин' });
    expect(wrongUnit.status).toBe(400);
    expect(wrongUnit.text).toContain('Одиниця індикатора «годин» не відповідає одиниці показника');
    const empty = await manager.post(`${url}/indicators/${first.id}/edit`, { name: ' ', unit: 'осіб' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Введіть назву індикатора');
    expect((await indicators())[0].unit).toBe('осіб');
  });

  it('adds a manual indicator after the others; a worker and another hromada may not', async () => {
    const page = await manager.get(`${url}/indicators/new`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Новий індикатор завдання');
    const res = await manager.post(`${url}/indicators`, { name: 'Кількість охоплених сіл', unit: 'сіл', baseline: '' });
    expect(res.status).toBe(303);
    expect(res.location).toContain('done=indicatorAdded');
    const all = await indicators();
    expect(all.map((i) => i.name)).toEqual(['Кількість отримувачів догляду вдома', 'Кількість охоплених сіл']);
    expect((await manager.get(res.location!)).text).toContain('Додано індикатор');
    await worker.get(url);
    expect((await worker.get(`${url}/indicators/new`)).status).toBe(403);
    expect((await worker.post(`${url}/indicators`, { name: 'Працівник' })).status).toBe(403);
    expect((await worker.post(`${url}/indicators/${all[0].id}/edit`, { name: 'Працівник' })).status).toBe(403);
    await otherManager.get('/action-plans');
    expect((await otherManager.get(`${url}/indicators/${all[0].id}/edit`)).status).toBe(404);
    expect((await otherManager.post(`${url}/indicators`, { name: 'Чужа громада' })).status).toBe(404);
    expect((await manager.get(`${url}/indicators/999999/edit`)).status).toBe(404);
    expect(await indicators()).toHaveLength(2);
  });
});

describe('the plan’s document and new tasks', () => {
  it('changes the title, the approving act and the years, with the history; refuses a bad date or years', async () => {
    const page = await manager.get(planUrl);
    expect(page.text).toContain('Змінити документ плану');
    const res = await manager.post(`${planUrl}/document`, {
      title: 'План заходів 2026–2028',
      approvedBy: 'Рішення сесії ради',
      actNumber: '12/3',
      'actDate-day': '20',
      'actDate-month': '1',
      'actDate-year': '2026',
      periodFrom: '2026',
      periodTo: '2028',
    });
    expect(res.status).toBe(303);
    expect(res.location).toContain('done=planEdited');
    const plan = await t.owner<{ title: string; act_number: string; act_date: string; period_to: number }>(
      `SELECT title, act_number, to_char(act_date, 'YYYY-MM-DD') AS act_date, period_to FROM action_plans WHERE id = $1`,
      [planUrl.split('/').pop()],
    );
    expect(plan.rows[0]).toEqual({
      title: 'План заходів 2026–2028',
      act_number: '12/3',
      act_date: '2026-01-20',
      period_to: 2028,
    });
    const after = await manager.get(res.location!);
    expect(after.text).toContain('Документ плану змінено.');
    expect(after.text).toContain('Змінено документ плану');
    expect(after.text).toContain('План 2026–2027');
    expect(after.text).toContain('20.01.2026');
    const backwards = await manager.post(`${planUrl}/document`, {
      title: 'План',
      periodFrom: '2028',
      periodTo: '2026',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain('Рік закінчення не може бути раніше року початку');
    expect(backwards.text).toMatch(/<details[^>]*open/);
    const badDate = await manager.post(`${planUrl}/document`, {
      title: 'План',
      'actDate-day': '31',
      'actDate-month': '2',
      'actDate-year': '2026',
    });
    expect(badDate.status).toBe(400);
    const noTitle = await manager.post(`${planUrl}/document`, { title: ' ' });
    expect(noTitle.text).toContain('Введіть назву плану');
    await worker.get(planUrl);
    expect((await worker.post(`${planUrl}/document`, { title: 'Працівник' })).status).toBe(403);
    expect(
      (await t.owner<{ title: string }>('SELECT title FROM action_plans WHERE id = $1', [planUrl.split('/').pop()]))
        .rows[0].title,
    ).toBe('План заходів 2026–2028');
  });

  it('adds a task to an operational goal with a code of its own; refuses a taken code or a strategic goal', async () => {
    const goals = await t.owner<{ id: string; parent_id: string | null }>(
      'SELECT id, parent_id FROM plan_goals WHERE plan_id = $1 ORDER BY id',
      [planUrl.split('/').pop()],
    );
    const operational = goals.rows.find((g) => g.parent_id !== null)!.id;
    const strategic = goals.rows.find((g) => g.parent_id === null)!.id;
    const form = await manager.get(`${planUrl}/tasks/new`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('1.1. Підціль');
    const taken = await manager.post(`${planUrl}/tasks`, { goal: operational, code: '1.1.1', title: 'Дубль' });
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('У плані вже є завдання з кодом «1.1.1»');
    const wrongGoal = await manager.post(`${planUrl}/tasks`, { goal: strategic, code: '1.1.9', title: 'Не туди' });
    expect(wrongGoal.text).toContain('Виберіть операційну ціль зі списку');
    const res = await manager.post(`${planUrl}/tasks`, {
      goal: operational,
      code: '1.1.2',
      title: 'Соціальне таксі для людей з інвалідністю',
      executors: 'Відділ; Центр',
      period: '2027 рік',
    });
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/\/tasks\/\d+\?done=taskAdded$/);
    const page = await manager.get(res.location!);
    expect(page.text).toContain('Завдання додано.');
    expect(page.text).toContain('1.1.2 Соціальне таксі для людей з інвалідністю');
    expect(page.text).toContain('Завдання додано');
    await worker.get(planUrl);
    expect((await worker.get(`${planUrl}/tasks/new`)).status).toBe(403);
    expect((await worker.post(`${planUrl}/tasks`, { goal: operational, code: '9', title: 'Х' })).status).toBe(403);
    await otherManager.get('/action-plans');
    expect((await otherManager.post(`${planUrl}/tasks`, { goal: operational, code: '9', title: 'Х' })).status).toBe(
      404,
    );
    const n = await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM plan_tasks WHERE plan_id = $1', [
      planUrl.split('/').pop(),
    ]);
    expect(n.rows[0].n).toBe(2);
  });
});

describe('goal titles', () => {
  it('changes a goal’s title with the history; an empty title and another hromada are refused', async () => {
    const goal = (
      await t.owner<{ id: string }>('SELECT id FROM plan_goals WHERE plan_id = $1 AND parent_id IS NOT NULL', [
        planUrl.split('/').pop(),
      ])
    ).rows[0].id;
    const page = await manager.get(`${planUrl}/goals/${goal}/edit`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Підціль');
    const res = await manager.post(`${planUrl}/goals/${goal}/edit`, { title: 'Послуги вдома для старших людей' });
    expect(res.status).toBe(303);
    expect(res.location).toContain('done=goalEdited');
    const after = await manager.get(res.location!);
    expect(after.text).toContain('Назву цілі змінено.');
    expect(after.text).toContain('Змінено назву цілі');
    expect(after.text).toContain('Операційна ціль 1.1. Послуги вдома для старших людей');
    const empty = await manager.post(`${planUrl}/goals/${goal}/edit`, { title: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Введіть назву цілі');
    await worker.get(planUrl);
    expect((await worker.post(`${planUrl}/goals/${goal}/edit`, { title: 'Х' })).status).toBe(403);
    await otherManager.get('/action-plans');
    expect((await otherManager.post(`${planUrl}/goals/${goal}/edit`, { title: 'Х' })).status).toBe(404);
    expect((await manager.get(`${planUrl}/goals/999999/edit`)).status).toBe(404);
  });
});

describe('adding goals and removing what was entered by mistake', () => {
  const planId = () => planUrl.split('/').pop()!;
  const count = async (table: string, where: string, params: unknown[]) =>
    (await t.owner<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).rows[0].n;

  it('adds a strategic goal and an operational goal under it; refuses a taken code or another plan’s goal', async () => {
    const form = await manager.get(`${planUrl}/goals/new`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Нова стратегічна ціль');
    const strategic = await manager.post(`${planUrl}/goals`, { parent: 'strategic', code: '2', title: 'Доступність' });
    expect(strategic.status).toBe(303);
    expect(strategic.location).toContain('done=goalAdded');
    const added = await t.owner<{ id: string }>(
      `SELECT id FROM plan_goals WHERE plan_id = $1 AND parent_id IS NULL AND code = '2'`,
      [planId()],
    );
    const goalId = added.rows[0].id;
    const op = await manager.post(`${planUrl}/goals`, { parent: goalId, code: '2.1', title: 'Безбар’єрні офіси' });
    expect(op.status).toBe(303);
    const page = await manager.get(op.location!);
    expect(page.text).toContain('Ціль додано.');
    expect(page.text).toContain('Операційна ціль 2.1. Безбар’єрні офіси');
    expect(page.text).toContain('Додано ціль');
    const taken = await manager.post(`${planUrl}/goals`, { parent: 'strategic', code: '2', title: 'Дубль' });
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('Ціль з кодом «2» на цьому рівні вже є');
    // An operational goal as a parent, a made-up id, nothing chosen: each refused, nothing stored.
    const opId = (await t.owner<{ id: string }>(`SELECT id FROM plan_goals WHERE code = '2.1'`, [])).rows[0].id;
    for (const parent of [opId, '999999', ''])
      expect((await manager.post(`${planUrl}/goals`, { parent, code: '9', title: 'Х' })).status).toBe(400);
    expect(await count('plan_goals', 'plan_id = $1', [planId()])).toBe(4);
    await worker.get(planUrl);
    expect((await worker.post(`${planUrl}/goals`, { parent: 'strategic', code: '9', title: 'Х' })).status).toBe(403);
    await otherManager.get('/action-plans');
    expect((await otherManager.post(`${planUrl}/goals`, { parent: 'strategic', code: '9', title: 'Х' })).status).toBe(
      404,
    );
  });

  it('removes an indicator with its values after a confirmation; the history keeps what it had', async () => {
    const ind = await manager.post(`${url}/indicators`, { name: 'Помилковий індикатор', unit: 'осіб' });
    expect(ind.status).toBe(303);
    const id = (await t.owner<{ id: string }>(`SELECT id FROM plan_indicators WHERE name = 'Помилковий індикатор'`, []))
      .rows[0].id;
    expect((await manager.post(`${url}/values`, { indicator: id, period: '2026', target: '7' })).status).toBe(303);
    const confirm = await manager.get(`${url}/indicators/${id}/remove`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Помилковий індикатор (осіб)');
    expect(confirm.text).toContain('значення за 2026: ціль 7');
    await worker.get(url);
    expect((await worker.post(`${url}/indicators/${id}/remove`, {})).status).toBe(403);
    await otherManager.get('/action-plans');
    expect((await otherManager.post(`${url}/indicators/${id}/remove`, {})).status).toBe(404);
    expect(await count('plan_indicators', 'id = $1', [id])).toBe(1);
    const res = await manager.post(`${url}/indicators/${id}/remove`, {});
    expect(res.status).toBe(303);
    expect(res.location).toContain('done=indicatorRemoved');
    expect(await count('plan_indicators', 'id = $1', [id])).toBe(0);
    expect(await count('plan_indicator_values', 'indicator_id = $1', [id])).toBe(0);
    const page = await manager.get(res.location!);
    expect(page.text).toContain('Індикатор видалено.');
    const history = page.text.slice(page.text.indexOf('id="task-history"'));
    expect(history).toContain('Видалено індикатор');
    expect(history).toContain('Помилковий індикатор');
    expect(history).toContain('2026: 7 / —');
    expect((await manager.post(`${url}/indicators/${id}/remove`, {})).status).toBe(404);
  });

  it('removes a funding source with its amounts; another task’s source is not found', async () => {
    const add = await manager.post(`${url}/funding-sources`, { sourceKind: 'other', sourceName: 'Грант помилково' });
    expect(add.status).toBe(303);
    const id = (
      await t.owner<{ id: string }>(`SELECT id FROM plan_task_funding WHERE source_text = 'Грант помилково'`, [])
    ).rows[0].id;
    expect((await manager.post(`${url}/funding`, { funding: id, year: '2026', planned: '5000' })).status).toBe(303);
    const confirm = await manager.get(`${url}/funding-sources/${id}/remove`);
    expect(confirm.text).toContain('Грант помилково (Інші джерела)');
    expect(confirm.text).toMatch(/2026: заплановано 5\s000/);
    const res = await manager.post(`${url}/funding-sources/${id}/remove`, {});
    expect(res.status).toBe(303);
    expect(await count('plan_task_funding', 'id = $1', [id])).toBe(0);
    expect(await count('plan_funding_amounts', 'funding_id = $1', [id])).toBe(0);
    const page = await manager.get(res.location!);
    expect(page.text).toContain('Джерело фінансування видалено.');
    expect(page.text).toContain('2026: 5000 / —');
    // The plan's other source stays.
    expect(await count('plan_task_funding', 'id = $1', [fundingId])).toBe(1);
    const otherTask = (await t.owner<{ id: string }>(`SELECT id FROM plan_tasks WHERE code = '1.1.2'`, [])).rows[0].id;
    expect((await manager.post(`${planUrl}/tasks/${otherTask}/funding-sources/${fundingId}/remove`, {})).status).toBe(
      404,
    );
    expect(await count('plan_task_funding', 'id = $1', [fundingId])).toBe(1);
  });

  it('removes a task without progress notes and refuses one with notes; a goal only once it is empty', async () => {
    const op = (await t.owner<{ id: string }>(`SELECT id FROM plan_goals WHERE code = '2.1'`, [])).rows[0].id;
    const strategic = (await t.owner<{ id: string }>(`SELECT parent_id AS id FROM plan_goals WHERE id = $1`, [op]))
      .rows[0].id;
    const added = await manager.post(`${planUrl}/tasks`, { goal: op, code: '2.1.1', title: 'Пандус помилково' });
    const taskUrl = added.location!.split('?')[0];
    await manager.post(`${taskUrl}/indicators`, { name: 'Кількість пандусів' });
    // The strategic goal holds an operational goal, and that holds a task: both refused, the reason on the page.
    const blocked = await manager.get(`${planUrl}/goals/${strategic}/remove`);
    expect(blocked.text).toContain('у ній 1 операційна ціль');
    expect(blocked.text).not.toContain('id="remove"');
    const refused = await manager.post(`${planUrl}/goals/${op}/remove`, {});
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('у ній 1 завдання');
    expect(await count('plan_goals', 'id = $1', [op])).toBe(1);
    const confirm = await manager.get(`${taskUrl}/remove`);
    expect(confirm.text).toContain('індикатор «Кількість пандусів» з усіма значеннями');
    const removed = await manager.post(`${taskUrl}/remove`, {});
    expect(removed.status).toBe(303);
    expect(removed.location).toContain('done=taskRemoved');
    expect((await manager.get(taskUrl)).status).toBe(404);
    const page = await manager.get(removed.location!);
    expect(page.text).toContain('Видалено завдання');
    expect(page.text).toContain('Пандус помилково');
    expect((await manager.post(`${planUrl}/goals/${op}/remove`, {})).status).toBe(303);
    const gone = await manager.post(`${planUrl}/goals/${strategic}/remove`, {});
    expect(gone.status).toBe(303);
    expect(await count('plan_goals', 'id = ANY($1)', [[op, strategic]])).toBe(0);
    expect((await manager.get(gone.location!)).text).toContain('Видалено ціль');
    // A task with a progress note is refused: it records work done (it can be cancelled instead).
    await manager.get(url);
    const note = await manager.postMultipart(
      `${url}/notes`,
      multipartForm({ 'notedOn-day': '5', 'notedOn-month': '3', 'notedOn-year': '2026', body: 'Розпочато' }),
    );
    expect(note.status).toBe(303);
    const withNotes = await manager.post(`${url}/remove`, {});
    expect(withNotes.status).toBe(400);
    expect(withNotes.text).toContain('встановіть стан «Скасовано»');
    expect(await count('plan_tasks', 'id = $1', [taskId])).toBe(1);
    await worker.get(planUrl);
    expect((await worker.post(`${url}/remove`, {})).status).toBe(403);
    expect((await worker.get(`${planUrl}/goals/new`)).status).toBe(403);
  });
});
