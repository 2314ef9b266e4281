import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { apiTokenFor } from '../helpers/api.js';
import { pdfText } from './subject-report.pdf-text.js';
import { agency, newHromada, person, service, serviceAct, signedIn, staffUser } from '../factories/index.js';

/**
 * Issue 13 item 5: semi-annual and annual monitoring reports of a plan, made in the background with progress, kept
 * with the figures they froze, as PDF and XLSX — in a hromada of its own, against hand-counted acts.
 *
 * Acts of home care in 2025: Ярина 10.02 (I half), Марко 01.08 and Ольга 01.09 (II half): 3 persons in the year,
 * 1 in the first half, 2 in the second. The plan (2025–2027) targets 4 persons in 2025.
 */
let t: TestApp;
let manager: HttpClient;
let worker: HttpClient;
let otherManager: HttpClient;
let planId: number;
let taskId: string;
let hromadaId: number;
let svc: string;
let provider: number;

const PLAN = {
  hromada: 'Звітна громада',
  document: {
    title: 'План соціального захисту 2025–2027',
    approved_by: 'Звітна рада',
    number: '7/1',
    date: '2025-01-20',
    period: { from: 2025, to: 2027 },
  },
  values: [],
  strategic_goals: [
    {
      code: '1',
      title: 'Догляд удома',
      operational_goals: [
        {
          code: '1.1',
          title: 'Послуга в кожному селі',
          tasks: [
            {
              code: '1.1.1',
              title: 'Надавати догляд удома',
              executors: ['Центр надання соціальних послуг'],
              period: '2025–2027',
              indicators: [
                {
                  name: 'Отримувачі догляду вдома',
                  unit: 'осіб',
                  baseline: 1,
                  targets: { '2025': 4, '2026': 5 },
                  actuals: {},
                  responsible: 'Центр',
                  metric: 'delivery.personsServed',
                },
                {
                  name: 'Села з послугою',
                  unit: 'сіл',
                  baseline: 0,
                  targets: { '2025': 2 },
                  actuals: { '2025': 2 },
                  responsible: 'Відділ',
                },
              ],
              expected_result: 'Догляд доступний у всіх селах',
              funding_sources: [
                { source: 'Місцевий бюджет', kind: 'local', amounts: [{ year: 2025, planned: 100000, actual: 80000 }] },
              ],
            },
          ],
        },
      ],
    },
  ],
  monitoring: null,
};

const cookie = (c: HttpClient) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const download = (c: HttpClient, url: string) => fetch(`${t.baseUrl}${url}`, { headers: { cookie: cookie(c) } });

/** Asks for a report and waits for the worker to make it; returns its page URL. */
async function makeReport(fields: Record<string, string>): Promise<string> {
  const res = await manager.post(`/action-plans/${planId}/reports`, fields);
  expect(res.status).toBe(303);
  const url = res.headers.get('location')!;
  for (let k = 0; k < 100; k++) {
    const page = await manager.get(url);
    if (page.text.includes('id="report-files"')) return url;
    expect(page.text).not.toContain('Звіт не сформовано');
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('report not made in 20 s');
}

const reports = async () =>
  (await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM plan_reports WHERE hromada_id = $1', [hromadaId]))
    .rows[0].n;

beforeAll(async () => {
  t = await startTestApp({ jobs: true });
  const h = await newHromada(t);
  hromadaId = h.id;
  const m = await staffUser(t, { role: 'manager', hromadaId: h.id, displayName: 'Марія Звітна' });
  const w = await staffUser(t, { role: 'worker', hromadaId: h.id });
  manager = await signedIn(t, m.username, { hromadaCode: h.code });
  worker = await signedIn(t, w.username, { hromadaCode: h.code });
  otherManager = await signedIn(t, 'manager');
  const token = await apiTokenFor(t, m.username);
  const res = await fetch(`${t.baseUrl}/api/v1/action-plans/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(PLAN),
  });
  expect(res.status).toBe(201);
  planId = ((await res.json()) as { id: number }).id;
  taskId = (await t.owner<{ id: string }>('SELECT id FROM plan_tasks WHERE plan_id = $1', [planId])).rows[0].id;
  svc = (await service(t, { hromadaId: h.id, name: 'Догляд вдома (звіт)' })).id;
  provider = await agency(t, { hromadaId: h.id, name: 'Центр (звіт)' });
  for (const [lastName, actDate] of [
    ['Ярина', '2025-02-10'],
    ['Марко', '2025-08-01'],
    ['Ольга', '2025-09-01'],
  ])
    await serviceAct(t, {
      hromadaId: h.id,
      personId: await person(t, { hromadaId: h.id, lastName }),
      serviceId: svc,
      agencyId: provider,
      actDate,
    });
  for (const [on, body] of [
    ['2025-05-05', 'Укладено договори з двома надавачами'],
    ['2026-01-10', 'Розширено на нові села'],
  ])
    await t.owner(
      `INSERT INTO plan_task_notes (hromada_id, task_id, noted_on, body, created_by) VALUES ($1, $2, $3, $4, $5)`,
      [h.id, taskId, on, body, m.userId],
    );
});
afterAll(async () => {
  await t?.close();
});

describe('the annual report', () => {
  it('is made in the background, freezes the year’s computed value and carries it into its PDF and XLSX', async () => {
    const form = await manager.get(`/action-plans/${planId}/reports/new`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Сформувати звіт про моніторинг');
    const url = await makeReport({ kind: 'annual', year: '2025' });
    const page = await manager.get(url);
    expect(page.text).toContain('Звіт про моніторинг виконання плану за 2025 рік');
    expect(page.text).toContain('Зафіксовано 1 обчислене значення');
    // 3 persons served against a target of 4: 75 %, «close to the target».
    const indicators = page.text.slice(page.text.indexOf('id="report-indicators"'));
    expect(indicators).toMatch(
      /Отримувачі догляду вдома[\s\S]*?>1<[\s\S]*?>4<[\s\S]*?>3<[\s\S]*?Близько до цілі<\/strong> 75 %/,
    );
    expect(indicators).toMatch(/Села з послугою[\s\S]*?Досягнуто<\/strong> 100 %/);
    expect(page.text).toContain('У звіті 1 запис про хід виконання за період.');

    // The year's computed value is frozen on the indicator with who and when, and the history says so.
    const frozen = await t.owner<{ actual: string; frozen_by: string }>(
      `SELECT v.actual::text, v.frozen_by FROM plan_indicator_values v JOIN plan_indicators i ON i.id = v.indicator_id
       WHERE i.task_id = $1 AND i.metric_key IS NOT NULL AND v.period = '2025'`,
      [taskId],
    );
    expect(Number(frozen.rows[0].actual)).toBe(3);
    const history = await t.owner<{ change: string; after: { report?: string } }>(
      `SELECT change, after FROM plan_history WHERE task_id = $1 AND entity = 'value'`,
      [taskId],
    );
    expect(history.rows.map((r) => r.change)).toEqual(['freeze']);
    expect(history.rows[0].after.report).toBe(url.split('/').pop());

    const pdf = await download(worker, `${url}/report.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await pdf.arrayBuffer())).text.replace(/\s+/g, ' ');
    expect(text).toContain('Звіт про моніторинг виконання плану за 2025 рік');
    expect(text).toContain('Звітна громада');
    expect(text).toContain('Надавати догляд удома');
    expect(text).toContain('05.05.2025: Укладено договори з двома надавачами');
    expect(text).not.toContain('Розширено на нові села');
    expect(text).toContain('Фінансування у 2025 році, грн');
    expect(text).toMatch(/Місцевий бюджет[\s\S]*100\s000[\s\S]*80\s000[\s\S]*80 %/);

    const xlsx = await download(manager, `${url}/report.xlsx`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Зведення', 'Завдання', 'Індикатори', 'Фінансування']);
    const sheet = wb.getWorksheet('Індикатори')!;
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(row(4)).toEqual([
      '№',
      'Індикатор',
      'Одиниця',
      'Базове',
      'Ціль',
      'Період цілі',
      'Факт',
      '% цілі',
      'Стан',
      'Джерело',
      'Зафіксовано',
    ]);
    expect(row(5)).toEqual([
      '1.1.1',
      'Отримувачі догляду вдома',
      'осіб',
      1,
      4,
      '2025 рік',
      3,
      75,
      'Близько до цілі',
      'обчислено',
      'так',
    ]);
    const funding = wb.getWorksheet('Фінансування')!;
    expect((funding.getRow(5).values as unknown[]).slice(1)).toEqual(['Місцевий бюджет', 2025, 100000, 80000]);

    // Later acts change neither the kept report nor the frozen value.
    await serviceAct(t, {
      hromadaId,
      personId: await person(t, { hromadaId, lastName: 'Пізній' }),
      serviceId: svc,
      agencyId: provider,
      actDate: '2025-12-01',
    });
    const again = await manager.get(url);
    expect(again.text.slice(again.text.indexOf('id="report-indicators"'))).toMatch(
      /Отримувачі догляду вдома[\s\S]*?>3</,
    );
    const task = await manager.get(`/action-plans/${planId}/tasks/${taskId}`);
    expect(task.text).toContain('2025 рік: ціль 4, факт 3');

    // The plan's page lists it; the audit has the request, the making and the download.
    const planPage = await manager.get(`/action-plans/${planId}`);
    expect(planPage.text).toContain('Річний звіт, 2025 рік');
    const audit = await t.owner<{ action: string }>(
      `SELECT action FROM audit_log WHERE hromada_id = $1 AND entity_type = 'plan_report' ORDER BY id`,
      [hromadaId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'plans.report.request',
        'plans.report.freeze',
        'plans.report.make',
        'plans.report.view',
        'plans.report.download',
      ]),
    );
  });
});

describe('a semi-annual report', () => {
  it('counts the half-year and judges it against the year’s target when the half has none', async () => {
    const url = await makeReport({ kind: 'semiannual', year: '2025', half: '2' });
    const page = await manager.get(url);
    expect(page.text).toContain('Звіт про моніторинг виконання плану за ІІ півріччя 2025');
    const indicators = page.text.slice(page.text.indexOf('id="report-indicators"'));
    expect(indicators).toMatch(
      /Отримувачі догляду вдома[\s\S]*?>4<br><span class="govuk-body-s">2025 рік<\/span>[\s\S]*?>3</,
    );
    const pdf = pdfText(Buffer.from(await (await download(manager, `${url}/report.pdf`)).arrayBuffer())).text;
    expect(pdf).toContain('ІІ півріччя 2025');
    expect(pdf).not.toContain('Укладено договори');
  });
});

describe('bad requests are refused with a Ukrainian message, and nothing is stored', () => {
  it('a semi-annual report without its half, a year outside the plan, a period not yet begun, no kind', async () => {
    const before = await reports();
    const cases: [Record<string, string>, string][] = [
      [{ kind: 'semiannual', year: '2025' }, 'Оберіть півріччя'],
      [{ kind: 'annual', year: '2024' }, 'Рік звіту має бути в межах періоду плану: 2025–2027'],
      [{ kind: 'annual', year: '2027' }, 'Звітний період ще не почався'],
      [{ year: '2025' }, 'Оберіть вид звіту'],
      [{ kind: 'annual', year: 'двадцять' }, 'Оберіть рік звіту'],
    ];
    for (const [fields, message] of cases) {
      const res = await manager.post(`/action-plans/${planId}/reports`, fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.text).toContain('govuk-error-summary');
      expect(res.text).toContain(message);
    }
    expect(await reports()).toBe(before);
  });
});

describe('access', () => {
  it('a worker reads reports but cannot ask for one; another hromada sees none of them', async () => {
    const url = (await t.owner<{ id: string }>('SELECT id FROM plan_reports WHERE plan_id = $1 LIMIT 1', [planId]))
      .rows[0].id;
    const page = `/action-plans/${planId}/reports/${url}`;
    expect((await worker.get(page)).status).toBe(200);
    expect((await worker.get(`/action-plans/${planId}/reports/new`)).status).toBe(403);
    const before = await reports();
    expect((await worker.post(`/action-plans/${planId}/reports`, { kind: 'annual', year: '2025' })).status).toBe(403);
    expect(await reports()).toBe(before);
    expect((await otherManager.get(page)).status).toBe(404);
    expect((await download(otherManager, `${page}/report.pdf`)).status).toBe(404);
    expect((await otherManager.post(`/action-plans/${planId}/reports`, { kind: 'annual', year: '2025' })).status).toBe(
      404,
    );
    const anonymous = await fetch(`${t.baseUrl}${page}/report.pdf`, { redirect: 'manual' });
    expect([302, 303, 401]).toContain(anonymous.status);
    expect((await manager.get(`/action-plans/${planId}/reports/00000000-0000-4000-8000-000000000000`)).status).toBe(
      404,
    );
  });
});
