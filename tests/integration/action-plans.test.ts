import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { HttpClient } from '../helpers/http.js';
import { apiTokenFor } from '../helpers/api.js';
import { multipartForm, SAMPLE } from '../helpers/cabinet.js';
import { agency, newHromada, person, service, serviceAct, signedIn, staffUser } from '../factories/index.js';
import { kyivToday } from '../../src/platform/dates.js';

/** Issue 13 items 1–2: action plans as data — import and export in the exchange format, tasks, notes, values. */
let t: TestApp;
let manager: HttpClient;
let worker: HttpClient;
let token: string;

const fixture = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/action-plans', name), 'utf8'));
const NIZHYN = fixture('nizhyn-2025.json') as Record<string, unknown>;
const STAROBILSK = fixture('starobilsk-2021.json') as Record<string, unknown>;

/** A plan no hromada wrote: the format's extensions (indicator objects, funding with amounts) and odd periods. */
const THIRD = {
  hromada: 'Тестова сільська територіальна громада',
  document: {
    title: 'План заходів із соціального захисту на 2026–2027 роки',
    approved_by: 'Тестова сільська рада',
    number: '5/12',
    date: '2026-02-10',
    period: { from: 2026, to: 2027 },
  },
  values: ['Людяність'],
  strategic_goals: [
    {
      code: 'A',
      title: 'Доступні послуги',
      operational_goals: [
        {
          code: 'A.1',
          title: 'Послуги вдома',
          tasks: [
            {
              code: 'A.1.1',
              title: 'Запровадити догляд вдома у віддалених селах',
              executors: ['Відділ соціального захисту', 'КУ «Центр надання соціальних послуг»'],
              period: 'ІІ півріччя 2026',
              indicators: [
                {
                  name: 'Кількість отримувачів догляду вдома',
                  unit: 'осіб',
                  baseline: 12,
                  targets: { '2026': 30, '2027': 45 },
                  actuals: {},
                  responsible: 'Центр',
                },
                'Кількість сіл, охоплених послугою',
              ],
              expected_result: 'Послуга доступна в усіх селах громади',
              funding_sources: [
                { source: 'Місцевий бюджет', kind: 'local', amounts: [{ year: 2026, planned: 150000, actual: null }] },
                'Кошти міжнародної технічної допомоги',
              ],
            },
            {
              code: 'A.1.2',
              title: 'Соціальне таксі',
              executors: ['Відділ соціального захисту'],
              period: 'Постійно',
              indicators: [],
              expected_result: null,
              funding_sources: ['Обласний бюджет'],
            },
          ],
        },
      ],
    },
  ],
  monitoring: null,
};

const counts = async (hromadaId?: number) => {
  const where = hromadaId ? 'WHERE hromada_id = $1' : '';
  const p = hromadaId ? [hromadaId] : [];
  const n = async (table: string) =>
    (await t.owner<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} ${where}`, p)).rows[0].n;
  return { plans: await n('action_plans'), tasks: await n('plan_tasks'), indicators: await n('plan_indicators') };
};

const api = (method: string, url: string, body?: unknown, tk = token) =>
  fetch(`${t.baseUrl}/api/v1${url}`, {
    method,
    headers: { authorization: `Bearer ${tk}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const clone = <T>(x: T): T => structuredClone(x);

beforeAll(async () => {
  t = await startTestApp();
  manager = await signedIn(t, 'manager');
  worker = await signedIn(t, 'worker');
  token = await apiTokenFor(t, 'manager');
});
afterAll(async () => {
  await t?.close();
});

describe('import of the real plans', () => {
  it('imports Nizhyn 2025 completely and exports it back unchanged', async () => {
    const r = await api('POST', '/action-plans/import', NIZHYN);
    expect(r.status).toBe(201);
    const body = (await r.json()) as { id: number; counts: Record<string, number> };
    expect(body.counts).toEqual({ strategicGoals: 3, operationalGoals: 10, tasks: 35, indicators: 0 });
    const executors = await t.owner<{ n: number }>(
      'SELECT count(*)::int AS n FROM plan_task_executors e JOIN plan_tasks k ON k.id = e.task_id WHERE k.plan_id = $1',
      [body.id],
    );
    expect(executors.rows[0].n).toBe(78);
    const back = await api('GET', `/action-plans/${body.id}`);
    expect(back.status).toBe(200);
    expect(await back.json()).toEqual(NIZHYN);
  });

  it('imports Starobilsk 2021 completely (108 indicators, 262 executors) and round-trips it', async () => {
    const r = await api('POST', '/action-plans/import', STAROBILSK);
    expect(r.status).toBe(201);
    const body = (await r.json()) as { id: number; counts: Record<string, number> };
    expect(body.counts).toEqual({ strategicGoals: 4, operationalGoals: 25, tasks: 81, indicators: 108 });
    const executors = await t.owner<{ n: number }>(
      'SELECT count(*)::int AS n FROM plan_task_executors e JOIN plan_tasks k ON k.id = e.task_id WHERE k.plan_id = $1',
      [body.id],
    );
    expect(executors.rows[0].n).toBe(262);
    expect(await (await api('GET', `/action-plans/${body.id}`)).json()).toEqual(STAROBILSK);
    // The periods as written are parsed where they can be: «2021-2026 роки» spans the years, «Постійно» is continuous.
    const periods = await t.owner<{ period_text: string; f: string | null; to: string | null; continuous: boolean }>(
      `SELECT period_text, to_char(period_from, 'YYYY-MM-DD') AS f, to_char(period_to, 'YYYY-MM-DD') AS to, continuous
       FROM plan_tasks WHERE plan_id = $1 AND period_text IN ('2021-2026 роки', 'ІІ півріччя 2021') ORDER BY period_text`,
      [body.id],
    );
    expect(periods.rows[0]).toMatchObject({ period_text: '2021-2026 роки', f: '2021-01-01', to: '2026-12-31' });
    expect(periods.rows.find((p) => p.period_text === 'ІІ півріччя 2021')).toMatchObject({
      f: '2021-07-01',
      to: '2021-12-31',
    });
  });

  it('imports a plan from another hromada with indicator targets and funding amounts, and exports them', async () => {
    const r = await api('POST', '/action-plans/import', THIRD);
    expect(r.status).toBe(201);
    const body = (await r.json()) as { id: number; counts: Record<string, number> };
    expect(body.counts).toEqual({ strategicGoals: 1, operationalGoals: 1, tasks: 2, indicators: 2 });
    const back = (await (await api('GET', `/action-plans/${body.id}`)).json()) as typeof THIRD;
    expect(back).toEqual(THIRD);
    const funding = await t.owner<{ kind: string }>(
      `SELECT f.kind FROM plan_task_funding f JOIN plan_tasks k ON k.id = f.task_id WHERE k.plan_id = $1 ORDER BY k.position, f.position`,
      [body.id],
    );
    expect(funding.rows.map((f) => f.kind)).toEqual(['local', 'international', 'oblast']);
    const list = (await (await api('GET', '/action-plans')).json()) as {
      items: { id: number; tasks: number }[];
      total: number;
    };
    expect(list.total).toBeGreaterThanOrEqual(3);
    expect(list.items.find((p) => p.id === body.id)?.tasks).toBe(2);
  });
});

describe('bad plans are refused with every problem and its path; nothing is stored', () => {
  const refused = async (doc: unknown, expected: { path: string; message: RegExp }[]) => {
    const before = await counts();
    const r = await api('POST', '/action-plans/import', doc);
    expect(r.status).toBe(400);
    const body = (await r.json()) as { errors: { path: string; message: string }[] };
    for (const e of expected) {
      const found = body.errors.find((x) => x.path === e.path);
      expect(found, `${e.path} in ${JSON.stringify(body.errors)}`).toBeDefined();
      expect(found?.message).toMatch(e.message);
    }
    expect(await counts()).toEqual(before);
    return body.errors;
  };

  it('a missing title', async () => {
    const doc = clone(STAROBILSK) as { document: Record<string, unknown> };
    delete doc.document.title;
    await refused(doc, [{ path: '$.document.title', message: /Обов’язкове поле/ }]);
  });

  it('duplicate codes, named with where the code first stood', async () => {
    const doc = clone(THIRD);
    doc.strategic_goals[0].operational_goals[0].tasks[1].code = 'A.1.1';
    await refused(doc, [
      {
        path: '$.strategic_goals[0].operational_goals[0].tasks[1].code',
        message: /«A\.1\.1» повторюється.*tasks\[0\]\.code/,
      },
    ]);
  });

  it('a task without a goal', async () => {
    const doc = clone(THIRD) as unknown as { strategic_goals: Record<string, unknown>[] };
    doc.strategic_goals[0].tasks = [{ code: 'X', title: 'Без цілі' }];
    await refused(doc, [{ path: '$.strategic_goals[0].tasks', message: /операційній цілі/ }]);
  });

  it('a target that is not a number, an unknown funding source, a bad date — all at once', async () => {
    const doc = clone(THIRD) as unknown as {
      document: Record<string, unknown>;
      strategic_goals: { operational_goals: { tasks: Record<string, unknown>[] }[] }[];
    };
    const task = doc.strategic_goals[0].operational_goals[0].tasks[0];
    (task.indicators as Record<string, unknown>[])[0] = {
      name: 'Кількість отримувачів',
      targets: { '2026': 'тридцять' },
    };
    task.funding_sources = ['Кошти з невідомого джерела'];
    doc.document.date = '2026-02-30';
    const errors = await refused(doc, [
      { path: '$.strategic_goals[0].operational_goals[0].tasks[0].indicators[0].targets.2026', message: /число/ },
      {
        path: '$.strategic_goals[0].operational_goals[0].tasks[0].funding_sources[0]',
        message: /Невідоме джерело фінансування «Кошти з невідомого джерела»/,
      },
      { path: '$.document.date', message: /РРРР-ММ-ДД/ },
    ]);
    expect(errors).toHaveLength(3);
  });

  it('not an object, no goals, a goal title missing', async () => {
    await refused([1, 2], [{ path: '$', message: /об’єкт/ }]);
    await refused({ hromada: 'Х', document: { title: 'План' }, strategic_goals: [] }, [
      { path: '$.strategic_goals', message: /порожнім/ },
    ]);
    const doc = clone(THIRD) as unknown as { strategic_goals: Record<string, unknown>[] };
    doc.strategic_goals[0].title = '';
    await refused(doc, [{ path: '$.strategic_goals[0].title', message: /Обов’язкове поле/ }]);
  });
});

describe('access', () => {
  it('a worker reads plans but cannot import or change them; a provider and a resident are refused', async () => {
    const workerToken = await apiTokenFor(t, 'worker');
    expect((await api('GET', '/action-plans', undefined, workerToken)).status).toBe(200);
    expect((await api('POST', '/action-plans/import', THIRD, workerToken)).status).toBe(403);
    expect((await worker.get('/action-plans')).status).toBe(200);
    expect((await worker.get('/action-plans/import')).status).toBe(403);
    const a = await agency(t, { name: 'ГО «Плани»' });
    const prov = await staffUser(t, { role: 'provider', agencyId: a });
    const provider = await signedIn(t, prov.username);
    expect((await provider.get('/action-plans')).status).toBe(403);
    const resident = await signedIn(t, { email: 'resident@example.com' });
    expect((await resident.get('/action-plans')).status).not.toBe(200);
  });

  it('another hromada’s plan is not found, and its list does not show ours', async () => {
    const other = await newHromada(t);
    const theirs = await staffUser(t, { role: 'manager', hromadaId: other.id });
    const c = await signedIn(t, theirs.username, { hromadaCode: other.code });
    const ours = (await t.owner<{ id: string }>('SELECT id FROM action_plans ORDER BY id LIMIT 1')).rows[0].id;
    expect((await c.get(`/action-plans/${ours}`)).status).toBe(404);
    expect((await c.get(`/action-plans/${ours}/export.json`)).status).toBe(404);
    const list = await c.get('/action-plans');
    expect(list.status).toBe(200);
    expect(list.text).toContain('id="plans-empty"');
    expect((await c.get('/action-plans/abc')).status).toBe(404);
  });
});

describe('the pages: import, a task’s note with evidence, a manual value, the history', () => {
  it('imports through the form; a broken file shows every problem with its path', async () => {
    await manager.get('/action-plans/import');
    const bad = clone(THIRD) as unknown as { document: Record<string, unknown> };
    delete bad.document.title;
    const before = await counts();
    const refused = await manager.postMultipart(
      '/action-plans/import',
      multipartForm({}, { file: { data: Buffer.from(JSON.stringify(bad)), name: 'plan.json' } }),
    );
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('$.document.title');
    expect(refused.text).toContain('План не імпортовано: у файлі 1 помилка');
    expect(await counts()).toEqual(before);
    const notJson = await manager.postMultipart(
      '/action-plans/import',
      multipartForm({}, { file: { data: Buffer.from('{ не json'), name: 'plan.json' } }),
    );
    expect(notJson.status).toBe(400);
    expect(notJson.text).toContain('Файл не є правильним JSON');
    const ok = await manager.postMultipart(
      '/action-plans/import',
      multipartForm({}, { file: { data: Buffer.from(JSON.stringify(THIRD)), name: 'plan.json' } }),
    );
    expect(ok.status, ok.text.slice(0, 300)).toBe(303);
    const page = await manager.get(ok.location ?? '');
    expect(page.status).toBe(200);
    expect(page.text).toContain('План імпортовано повністю.');
    expect(page.text).toContain('Запровадити догляд вдома у віддалених селах');
    expect(page.text).toContain('КУ «Центр надання соціальних послуг»');
  });

  it('a manager adds a note that sets the status, with an evidence file, and enters a value; history keeps both', async () => {
    const plan = (await t.owner<{ id: string }>('SELECT id FROM action_plans ORDER BY id DESC LIMIT 1')).rows[0].id;
    const task = (
      await t.owner<{ id: string }>("SELECT id FROM plan_tasks WHERE plan_id = $1 AND code = 'A.1.1'", [plan])
    ).rows[0].id;
    const ind = (
      await t.owner<{ id: string }>('SELECT id FROM plan_indicators WHERE task_id = $1 ORDER BY position LIMIT 1', [
        task,
      ])
    ).rows[0].id;
    const url = `/action-plans/${plan}/tasks/${task}`;
    const page = await manager.get(url);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Кількість отримувачів догляду вдома');
    const [y, m, d] = kyivToday().split('-');
    const note = (o: Record<string, string>) => ({
      'notedOn-day': d,
      'notedOn-month': m,
      'notedOn-year': y,
      body: 'Укладено договір із центром; набрано 8 отримувачів',
      status: 'in_progress',
      ...o,
    });
    const empty = await manager.postMultipart(`${url}/notes`, multipartForm(note({ body: '' })));
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Опишіть, що зроблено');
    const future = await manager.postMultipart(
      `${url}/notes`,
      multipartForm(note({ 'notedOn-year': String(Number(y) + 1) })),
    );
    expect(future.status).toBe(400);
    expect(future.text).toContain('Дата не може бути пізнішою за сьогодні');
    const notPdf = await manager.postMultipart(
      `${url}/notes`,
      multipartForm(note({}), { file: { data: Buffer.from('просто текст'), name: 'a.txt' } }),
    );
    expect(notPdf.status).toBe(400);
    expect((await t.owner('SELECT 1 FROM plan_task_notes WHERE task_id = $1', [task])).rowCount).toBe(0);
    const ok = await manager.postMultipart(
      `${url}/notes`,
      multipartForm(note({}), { file: { data: SAMPLE.pdf, name: 'договір.pdf' } }),
    );
    expect(ok.status, ok.text.slice(0, 300)).toBe(303);
    const after = await manager.get(url);
    expect(after.text).toContain('Укладено договір із центром');
    expect(after.text).toContain('Виконується');
    const href = /href="(\/action-plans\/[^"]+\/file)"/.exec(after.text)?.[1];
    expect(href).toBeDefined();
    const file = await fetch(`${t.baseUrl}${href}`, {
      headers: { cookie: [...manager.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    // A value: bad period and no number are refused; a good one is stored and shown.
    const bad = await manager.post(`${url}/values`, { indicator: ind, period: '2026-Q5', actual: '9' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Вкажіть період як 2025, 2025-H2 або 2025-Q3');
    const nan = await manager.post(`${url}/values`, { indicator: ind, period: '2026', actual: 'багато' });
    expect(nan.status).toBe(400);
    expect(nan.text).toContain('Введіть число');
    const set = await manager.post(`${url}/values`, { indicator: ind, period: '2026', target: '30', actual: '8' });
    expect(set.status).toBe(303);
    const shown = await manager.get(url);
    expect(shown.text).toContain('2026 рік: ціль 30, факт 8');
    const changes = await t.owner<{ entity: string; change: string; before: unknown; after: unknown }>(
      'SELECT entity, change, before, after FROM plan_history WHERE task_id = $1 ORDER BY id',
      [task],
    );
    expect(changes.rows.map((c) => `${c.entity}:${c.change}`)).toEqual(['note:add', 'task:update', 'value:update']);
    expect(changes.rows[1]).toMatchObject({ before: { status: 'not_started' }, after: { status: 'in_progress' } });
    expect(changes.rows[2]).toMatchObject({
      before: { target: '30.00', actual: null },
      after: { target: 30, actual: 8 },
    });
    expect(shown.text).toContain('Змінено стан завдання');
    // A worker reads the task but cannot post to it.
    expect((await worker.get(url)).status).toBe(200);
    expect((await worker.post(`${url}/values`, { indicator: ind, period: '2026', actual: '9' })).status).toBe(403);
  });
});

describe('indicators computed from the platform’s data', () => {
  it('an import refuses an unknown metric and a unit that does not fit, with their paths', async () => {
    const doc = clone(THIRD) as unknown as {
      strategic_goals: { operational_goals: { tasks: { indicators: unknown[] }[] }[] }[];
    };
    const task = doc.strategic_goals[0].operational_goals[0].tasks[0];
    task.indicators = [
      { name: 'Невідомо що', metric: 'nothing.here' },
      { name: 'Години догляду', unit: 'осіб', metric: 'delivery.hours' },
      { name: 'Отримувачі', unit: 'осіб', metric: 'delivery.personsServed' },
    ];
    const before = await counts();
    const r = await api('POST', '/action-plans/import', doc);
    expect(r.status).toBe(400);
    const body = (await r.json()) as { errors: { path: string; message: string }[] };
    const at = '$.strategic_goals[0].operational_goals[0].tasks[0].indicators';
    expect(body.errors).toEqual([
      { path: `${at}[0].metric`, message: 'Невідомий показник «nothing.here»' },
      { path: `${at}[1].unit`, message: 'Одиниця «осіб» не відповідає показнику «delivery.hours»' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('a manager binds an indicator to a metric; its actual computes itself, freezes for a report and stays', async () => {
    const created = (await (await api('POST', '/action-plans/import', THIRD)).json()) as { id: number };
    const plan = created.id;
    const task = (
      await t.owner<{ id: string }>("SELECT id FROM plan_tasks WHERE plan_id = $1 AND code = 'A.1.1'", [plan])
    ).rows[0].id;
    const ind = (
      await t.owner<{ id: string }>('SELECT id FROM plan_indicators WHERE task_id = $1 ORDER BY position LIMIT 1', [
        task,
      ])
    ).rows[0].id;
    const url = `/action-plans/${plan}/tasks/${task}`;
    await manager.get(url);
    const wrongUnit = await manager.post(`${url}/indicators/${ind}/metric`, { metric: 'delivery.hours' });
    expect(wrongUnit.status).toBe(400);
    expect(wrongUnit.text).toContain('Одиниця індикатора «осіб» не відповідає одиниці показника');
    const bound = await manager.post(`${url}/indicators/${ind}/metric`, { metric: 'delivery.personsServed' });
    expect(bound.status).toBe(303);
    const year = kyivToday().slice(0, 4);
    const served = async () =>
      (
        await t.owner<{ n: number }>(
          `SELECT count(DISTINCT person_id)::int AS n FROM service_acts WHERE hromada_id = (SELECT hromada_id FROM action_plans WHERE id = $1)
           AND cancelled_at IS NULL AND act_date BETWEEN $2::date AND $3::date`,
          [plan, `${year}-01-01`, `${year}-12-31`],
        )
      ).rows[0].n;
    const svc = (await service(t, { name: 'Догляд вдома (плани)' })).id;
    const provider = await agency(t, { name: 'Центр (плани)' });
    for (const lastName of ['Отримувачка', 'Отримувач'])
      await serviceAct(t, {
        personId: await person(t, { lastName }),
        serviceId: svc,
        agencyId: provider,
        actDate: kyivToday(),
      });
    const expected = await served();
    expect(expected).toBeGreaterThanOrEqual(2);
    const page = await manager.get(url);
    expect(page.text).toContain(`${year} рік: ціль 30, факт ${expected}`);
    expect(page.text).toContain('Обчислюється з даних платформи');
    // A computed indicator takes no hand-entered value.
    const byHand = await manager.post(`${url}/values`, { indicator: ind, period: year, actual: '1' });
    expect(byHand.status).toBe(400);
    // Its target is entered by hand; the actual value stays the platform's.
    const target = await manager.post(`${url}/values`, { indicator: ind, period: '2027', target: '50' });
    expect(target.status).toBe(303);
    const targetRow = await t.owner<{ target: string; actual: string | null }>(
      'SELECT target::text, actual::text FROM plan_indicator_values WHERE indicator_id = $1 AND period = $2',
      [ind, '2027'],
    );
    expect(targetRow.rows[0]).toEqual({ target: '50.00', actual: null });
    // Frozen for a report: kept with who and when, and a new act no longer changes it.
    const frozen = await manager.post(`${url}/indicators/${ind}/freeze`, { period: year });
    expect(frozen.status).toBe(303);
    const row = await t.owner<{ actual: string; frozen_by: string | null }>(
      'SELECT actual::text, frozen_by FROM plan_indicator_values WHERE indicator_id = $1 AND period = $2',
      [ind, year],
    );
    expect(Number(row.rows[0].actual)).toBe(expected);
    expect(row.rows[0].frozen_by).not.toBeNull();
    const again = await manager.post(`${url}/indicators/${ind}/freeze`, { period: year });
    expect(again.status).toBe(400);
    expect(again.text).toContain('зафіксовано для звіту');
    const history = await t.owner<{ entity: string; change: string }>(
      'SELECT entity, change FROM plan_history WHERE task_id = $1 ORDER BY id',
      [task],
    );
    expect(history.rows.map((h) => `${h.entity}:${h.change}`)).toEqual([
      'indicator:update',
      'value:update',
      'value:freeze',
    ]);
    // Narrowed to one service: the label names it; a service of another hromada, or a metric that has no services,
    // is refused.
    const narrowed = await manager.post(`${url}/indicators/${ind}/metric`, {
      metric: 'delivery.personsServed',
      service: svc,
    });
    expect(narrowed.status).toBe(303);
    const stored = await t.owner<{ metric_key: string }>('SELECT metric_key FROM plan_indicators WHERE id = $1', [ind]);
    expect(stored.rows[0].metric_key).toBe(`delivery.personsServed?service=${svc}`);
    const narrowedPage = await manager.get(url);
    expect(narrowedPage.text).toContain('Особи, яким надано послуги — Догляд вдома (плани)');
    expect(narrowedPage.text).toContain(`service=${svc}&amp;period=`);
    const other = await newHromada(t);
    const foreign = (await service(t, { hromadaId: other.id, name: 'Чужа' })).id;
    const refusedForeign = await manager.post(`${url}/indicators/${ind}/metric`, {
      metric: 'delivery.personsServed',
      service: foreign,
    });
    expect(refusedForeign.status).toBe(400);
    expect(refusedForeign.text).toContain('Виберіть послугу громади зі списку');
    const refusedMetric = await manager.post(`${url}/indicators/${ind}/metric`, {
      metric: 'delivery.familiesServed',
      service: svc,
    });
    expect(refusedMetric.status).toBe(400);
    expect(refusedMetric.text).toContain('Цей показник не можна обмежити послугою');
    // Narrowed to a classifier group the hromada has services in (015: догляд); a group it has none in is refused.
    await t.owner(`UPDATE services SET code = '015.9' WHERE id = $1`, [svc]);
    const grouped = await manager.post(`${url}/indicators/${ind}/metric`, {
      metric: 'delivery.personsServed',
      service: 'group:015',
    });
    expect(grouped.status).toBe(303);
    const groupedKey = await t.owner<{ metric_key: string }>('SELECT metric_key FROM plan_indicators WHERE id = $1', [
      ind,
    ]);
    expect(groupedKey.rows[0].metric_key).toBe('delivery.personsServed?group=015');
    const groupedPage = await manager.get(url);
    expect(groupedPage.text).toMatch(
      /Особи, яким надано послуги — Група 015 класифікатора: [^<]*Догляд вдома \(плани\)/,
    );
    expect(groupedPage.text).toContain('service=group:015&amp;period=');
    const noGroup = await manager.post(`${url}/indicators/${ind}/metric`, {
      metric: 'delivery.personsServed',
      service: 'group:016',
    });
    expect(noGroup.status).toBe(400);
    const badGroup = await manager.post(`${url}/indicators/${ind}/metric`, {
      metric: 'delivery.personsServed',
      service: "group:0' OR 1=1",
    });
    expect(badGroup.status).toBe(400);
    await t.owner(`UPDATE services SET code = NULL WHERE id = $1`, [svc]);
    expect(
      (await manager.post(`${url}/indicators/${ind}/metric`, { metric: 'delivery.personsServed', service: svc }))
        .status,
    ).toBe(303);
    // The export names the metric and its service, so the plan imports again bound in this hromada.
    const exported = (await (await api('GET', `/action-plans/${plan}`)).json()) as typeof THIRD;
    const exportedIndicator = exported.strategic_goals[0].operational_goals[0].tasks[0].indicators[0] as {
      metric?: string;
    };
    expect(exportedIndicator.metric).toBe(`delivery.personsServed?service=${svc}`);
    const reimported = await api('POST', '/action-plans/import', exported);
    expect(reimported.status).toBe(201);
    // In another hromada that service is unknown: the indicator's metric is refused with its path.
    const theirs = await staffUser(t, { role: 'manager', hromadaId: other.id });
    const theirImport = await api('POST', '/action-plans/import', exported, await apiTokenFor(t, theirs.username));
    expect(theirImport.status).toBe(400);
    expect(JSON.stringify(await theirImport.json())).toContain(
      `Невідомий показник «delivery.personsServed?service=${svc}»`,
    );
  });
});

describe('the plan dashboard', () => {
  it('shows tasks by goal and status with a chart and its table, lights with reasons, overdue tasks and funding', async () => {
    const doc = clone(THIRD);
    const task = doc.strategic_goals[0].operational_goals[0].tasks[0];
    task.period = '2020 рік'; // ended, not done → overdue
    (task.indicators[0] as { targets: Record<string, number>; actuals: Record<string, number> }).actuals = {
      '2026': 12,
    };
    const created = (await (await api('POST', '/action-plans/import', doc)).json()) as { id: number };
    const page = await manager.get(`/action-plans/${created.id}/dashboard`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('src="data:image/svg+xml;base64,');
    expect(page.text).toMatch(/id="tasks-table"[\s\S]*A\. Доступні послуги/);
    // 12 of the target 30 is 40 %: red, with the reason in words.
    expect(page.text).toContain('факт 12 — лише 40 % цілі 30');
    expect(page.text).toContain('tb-light--red');
    expect(page.text).toMatch(/id="overdue-list"[\s\S]*A\.1\.1 Запровадити догляд вдома/);
    expect(page.text).toMatch(/id="funding-table"[\s\S]*Місцевий бюджет[\s\S]*150[\s\u00a0]000/);
    expect((await worker.get(`/action-plans/${created.id}/dashboard`)).status).toBe(200);
    const other = await newHromada(t);
    const theirs = await staffUser(t, { role: 'manager', hromadaId: other.id });
    const c = await signedIn(t, theirs.username, { hromadaCode: other.code });
    expect((await c.get(`/action-plans/${created.id}/dashboard`)).status).toBe(404);
  });
});

describe('the public monitoring page', () => {
  it('shows only published plans without login; counts of fewer than 5 persons are suppressed', async () => {
    const doc = clone(THIRD);
    doc.document.title = 'План для громадськості';
    const ind = doc.strategic_goals[0].operational_goals[0].tasks[0].indicators[0] as {
      actuals: Record<string, number>;
    };
    ind.actuals = { '2026': 3 }; // 3 persons: suppressed publicly, shown to staff
    const created = (await (await api('POST', '/action-plans/import', doc)).json()) as { id: number };
    const code = (
      await t.owner<{ code: string }>(
        'SELECT code FROM hromadas WHERE id = (SELECT hromada_id FROM action_plans WHERE id = $1)',
        [created.id],
      )
    ).rows[0].code;
    const anonymous = new HttpClient(t.baseUrl);
    expect((await anonymous.get(`/hromadas/${code}/plans/${created.id}`)).status).toBe(404);
    expect((await anonymous.get(`/hromadas/${code}/plans`)).text).not.toContain('План для громадськості');
    await manager.get(`/action-plans/${created.id}`);
    const published = await manager.post(`/action-plans/${created.id}/publish`, { publish: 'yes' });
    expect(published.status).toBe(303);
    expect((await manager.get(published.location ?? '')).text).toContain('План опубліковано.');
    const list = await anonymous.get(`/hromadas/${code}/plans`);
    expect(list.status).toBe(200);
    expect(list.text).toContain('План для громадськості');
    const page = await anonymous.get(`/hromadas/${code}/plans/${created.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('менше 5');
    expect(page.text).toContain('число не показується');
    // No computed indicator: no figure to date.
    expect(page.text).not.toContain('Дані обчислено');
    expect(page.text).not.toContain(`/action-plans/${created.id}/tasks/`);
    const staff = await manager.get(`/action-plans/${created.id}/dashboard`);
    expect(staff.text).toContain('факт 3 — лише 10 % цілі 30');
    // A worker cannot publish; unpublished again, the public page is gone.
    expect((await worker.post(`/action-plans/${created.id}/publish`, { publish: 'no' })).status).toBe(403);
    await manager.post(`/action-plans/${created.id}/publish`, { publish: 'no' });
    expect((await anonymous.get(`/hromadas/${code}/plans/${created.id}`)).status).toBe(404);
    expect((await anonymous.get('/hromadas/UA00000000000000000/plans')).status).toBe(404);
    expect((await anonymous.get('/hromadas/bad/plans')).status).toBe(404);
  });
});
