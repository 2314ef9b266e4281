import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { multipartForm } from '../helpers/cabinet.js';
import { signedIn } from '../factories/index.js';
import { apiTokenFor } from '../helpers/api.js';

/** Issue 13 item 2: a plan filled by hand in the XLSX template imports whole, or is refused cell by cell. */
let t: TestApp;
let manager: HttpClient;
let worker: HttpClient;
let token: string;

const cookie = (c: HttpClient) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** The template downloaded as a manager would, filled in like an officer would. */
async function filledTemplate(change: (wb: ExcelJS.Workbook) => void = () => {}): Promise<Buffer> {
  const res = await fetch(`${t.baseUrl}/action-plans/template.xlsx`, { headers: { cookie: cookie(manager) } });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const plan = wb.getWorksheet('План')!;
  const values = [
    'Шаблонна сільська громада',
    'План соціального захисту на 2026–2027 роки',
    'Шаблонна сільська рада',
    '12/3',
  ];
  values.forEach((v, i) => (plan.getRow(i + 2).getCell(2).value = v));
  plan.getRow(6).getCell(2).value = '15.01.2026';
  plan.getRow(7).getCell(2).value = 2026;
  plan.getRow(8).getCell(2).value = 2027;
  plan.getRow(9).getCell(2).value = 'Людяність; Відкритість';
  const tasks = wb.getWorksheet('Заходи')!;
  tasks.spliceRows(2, 1);
  tasks.addRow([
    '1',
    'Доступні послуги',
    '1.1',
    'Послуги вдома',
    '1.1.1',
    'Запровадити догляд удома',
    'Відділ; Центр',
    '2026–2027',
    'Послуга в усіх селах',
  ]);
  tasks.addRow(['1', 'Доступні послуги', '1.1', 'Послуги вдома', '1.1.2', 'Соціальне таксі', 'Відділ', 'Постійно', '']);
  tasks.addRow(['2', 'Кадри', '2.1', 'Навчання', '2.1.1', 'Навчити фахівців', 'Центр', '2026', '']);
  const ind = wb.getWorksheet('Індикатори')!;
  ind.spliceRows(2, 1);
  ind.addRow(['1.1.1', 'Отримувачі догляду', 'осіб', 12, '2026', 30, '', 'Центр', '']);
  ind.addRow(['1.1.1', 'Отримувачі догляду', 'осіб', 12, '2027', '45', '', 'Центр', '']);
  ind.addRow(['2.1.1', 'Фахівці, що пройшли навчання', 'осіб', 0, '2026', 10, '4', '', 'staff.trained']);
  const funding = wb.getWorksheet('Фінансування')!;
  funding.spliceRows(2, 1);
  funding.addRow(['1.1.1', 'Місцевий бюджет громади', 'Місцевий бюджет', 2026, '150 000', 120000]);
  funding.addRow(['1.1.1', 'Місцевий бюджет громади', 'Місцевий бюджет', 2027, 160000, '']);
  funding.addRow(['2.1.1', 'Проєкт ПРООН', 'international', '', '', '']);
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (data: Buffer) =>
  manager.postMultipart(
    '/action-plans/import',
    multipartForm({}, { file: { data, name: 'plan.xlsx', type: 'application/octet-stream' } }),
  );
const plans = async () => (await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM action_plans')).rows[0].n;

beforeAll(async () => {
  t = await startTestApp();
  manager = await signedIn(t, 'manager');
  worker = await signedIn(t, 'worker');
  token = await apiTokenFor(t, 'manager');
});
afterAll(async () => {
  await t?.close();
});

describe('the XLSX template', () => {
  it('is offered on the import page to managers only', async () => {
    const page = await manager.get('/action-plans/import');
    expect(page.text).toContain('href="/action-plans/template.xlsx"');
    const res = await fetch(`${t.baseUrl}/action-plans/template.xlsx`, { headers: { cookie: cookie(worker) } });
    expect(res.status).toBe(403);
  });

  it('imports a filled template whole: goals, tasks, executors, indicators by period, funding by year', async () => {
    await manager.get('/action-plans/import');
    const res = await upload(await filledTemplate());
    expect(
      res.status,
      res.text.slice(res.text.indexOf('problems-table'), res.text.indexOf('problems-table') + 600),
    ).toBe(303);
    const id = /\/action-plans\/([0-9]+)/.exec(res.location ?? '')![1];
    const plan = (await (
      await fetch(`${t.baseUrl}/api/v1/action-plans/${id}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      hromada: string;
      document: Record<string, unknown>;
      values: string[];
      strategic_goals: { code: string; operational_goals: { code: string; tasks: Record<string, unknown>[] }[] }[];
    };
    expect(plan.hromada).toBe('Шаблонна сільська громада');
    expect(plan.document).toEqual({
      title: 'План соціального захисту на 2026–2027 роки',
      approved_by: 'Шаблонна сільська рада',
      number: '12/3',
      date: '2026-01-15',
      period: { from: 2026, to: 2027 },
    });
    expect(plan.values).toEqual(['Людяність', 'Відкритість']);
    expect(
      plan.strategic_goals.map((s) => [s.code, s.operational_goals.map((o) => o.tasks.map((x) => x.code))]),
    ).toEqual([
      ['1', [['1.1.1', '1.1.2']]],
      ['2', [['2.1.1']]],
    ]);
    const care = plan.strategic_goals[0].operational_goals[0].tasks[0];
    expect(care.executors).toEqual(['Відділ', 'Центр']);
    expect(care.indicators).toEqual([
      {
        name: 'Отримувачі догляду',
        unit: 'осіб',
        baseline: 12,
        targets: { '2026': 30, '2027': 45 },
        actuals: {},
        responsible: 'Центр',
      },
    ]);
    expect(care.funding_sources).toEqual([
      {
        source: 'Місцевий бюджет громади',
        kind: 'local',
        amounts: [
          { year: 2026, planned: 150000, actual: 120000 },
          { year: 2027, planned: 160000, actual: null },
        ],
      },
    ]);
    const training = plan.strategic_goals[1].operational_goals[0].tasks[0];
    expect((training.indicators as { metric: string; actuals: unknown }[])[0]).toMatchObject({
      metric: 'staff.trained',
      actuals: { '2026': 4 },
    });
  });
});

describe('a template filled wrongly is refused with every problem by sheet, row and column; nothing is stored', () => {
  it('moved and missing columns', async () => {
    const before = await plans();
    const res = await upload(
      await filledTemplate((wb) => {
        const tasks = wb.getWorksheet('Заходи')!;
        const header = tasks.getRow(1);
        const [e, f] = [header.getCell(5).value, header.getCell(6).value];
        header.getCell(5).value = f;
        header.getCell(6).value = e;
        wb.getWorksheet('Фінансування')!.getRow(1).getCell(6).value = null;
      }),
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain('«Заходи», рядок 1, стовпець E');
    expect(res.text).toContain('Тут має бути стовпець «Код завдання», а знайдено «Завдання (захід)»');
    expect(res.text).toContain('«Заходи», рядок 1, стовпець F');
    expect(res.text).toContain('«Фінансування», рядок 1, стовпець F');
    expect(res.text).toContain('Немає стовпця «Фактично, грн»');
    expect(await plans()).toBe(before);
  });

  it('an empty title, a target that is not a number, an unknown task, a period missing, an unknown kind, a duplicate code', async () => {
    const before = await plans();
    const res = await upload(
      await filledTemplate((wb) => {
        wb.getWorksheet('План')!.getRow(3).getCell(2).value = '';
        const ind = wb.getWorksheet('Індикатори')!;
        ind.getRow(2).getCell(6).value = 'тридцять';
        ind.addRow(['9.9.9', 'Чужий', 'осіб', 0, '2026', 1, '', '', '']);
        ind.addRow(['1.1.2', 'Поїздки', 'поїздок', 0, '', 100, '', '', '']);
        wb.getWorksheet('Фінансування')!.addRow(['1.1.2', 'Гроші', 'казна', 2026, 1, '']);
        wb.getWorksheet('Заходи')!.addRow(['2', 'Кадри', '2.1', 'Навчання', '2.1.1', 'Ще раз', 'Центр', '2026', '']);
      }),
    );
    expect(res.status).toBe(400);
    for (const [where, what] of [
      ['«План», рядок 3, стовпець B', 'Заповніть клітинку'],
      ['«Індикатори», рядок 2, стовпець F', 'Тут має бути число'],
      ['«Індикатори», рядок 5, стовпець A', 'Завдання з кодом «9.9.9» немає на аркуші «Заходи»'],
      ['«Індикатори», рядок 6, стовпець E', 'Вкажіть період, до якого належать ціль і факт'],
      ['«Фінансування», рядок 5, стовпець C', 'Невідомий вид джерела'],
      ['«Заходи», рядок 5, стовпець E', 'Завдання з кодом «2.1.1» уже є вище'],
    ])
      expect(res.text.replace(/&laquo;|&raquo;/g, (m) => (m === '&laquo;' ? '«' : '»'))).toMatch(
        new RegExp(`${where}[\\s\\S]{0,200}${what}`),
      );
    expect(await plans()).toBe(before);
  });

  it('a file that is not a workbook', async () => {
    const res = await upload(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('не архів')]));
    expect(res.status).toBe(400);
    expect(res.text).toContain('Файл не вдалося прочитати як XLSX');
  });
});
