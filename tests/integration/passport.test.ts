import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { apiTokenFor } from '../helpers/api.js';
import { pdfText } from './subject-report.pdf-text.js';
import { agency, newHromada, person, service, serviceAct, staffUser } from '../factories/index.js';
import { addDays, kyivToday } from '../../src/platform/dates.js';

/**
 * Issue 13 items 6–7: the social passport and the open data of a hromada of its own, against a hand-counted fixture.
 *
 * Settlement S1: 7 women (3 aged 80+, 4 aged 35–59) and 6 men (35–59); S2: 3 women (60–79). Four of the S1 women
 * are IDPs. Served in the last 12 months: 4 women and 2 men of S1 (home care). One communal provider with 10 places.
 * Small counts (1–4) are hidden, and so is the complement that would give them away.
 */
let t: TestApp;
let code: string;
let s1Name: string;
let s2Name: string;
let settlementCodes: string[];

const get = (path: string) => fetch(`${t.baseUrl}${path}`);

beforeAll(async () => {
  t = await startTestApp();
  const h = await newHromada(t);
  code = h.code;
  const settlements = (
    await t.owner<{ code: string; name: string }>(
      'SELECT code, name FROM settlements WHERE hromada_code = $1 ORDER BY code LIMIT 2',
      [h.code],
    )
  ).rows;
  [s1Name, s2Name] = settlements.map((s) => s.name);
  settlementCodes = settlements.map((s) => s.code);
  await staffUser(t, { role: 'worker', hromadaId: h.id });
  const p = (sex: 'female' | 'male', birthDate: string, s: number, categories: string[] = []) =>
    person(t, {
      hromadaId: h.id,
      lastName: 'Паспортна',
      firstName: 'Тест',
      sex,
      birthDate,
      settlementCode: settlements[s].code,
    }).then(async (id) => {
      for (const code of categories)
        await t.owner('INSERT INTO person_categories (hromada_id, person_id, code) VALUES ($1, $2, $3)', [
          h.id,
          id,
          code,
        ]);
      return id;
    });
  const women: string[] = [];
  const men: string[] = [];
  for (let k = 0; k < 3; k++) women.push(await p('female', '1940-01-01', 0));
  for (let k = 0; k < 4; k++) women.push(await p('female', '1980-01-01', 0, ['idp']));
  for (let k = 0; k < 6; k++) men.push(await p('male', '1975-01-01', 0));
  for (let k = 0; k < 3; k++) await p('female', '1955-01-01', 1);
  const svc = (await service(t, { hromadaId: h.id, name: 'Догляд вдома (паспорт)' })).id;
  const provider = await agency(t, { hromadaId: h.id, name: 'Центр (паспорт)', places: 10 });
  const recently = addDays(kyivToday(), -30);
  for (const personId of [...women.slice(0, 4), ...men.slice(0, 2)])
    await serviceAct(t, { hromadaId: h.id, personId, serviceId: svc, agencyId: provider, actDate: recently });
  // An act of more than a year ago is outside the passport's window.
  await serviceAct(t, {
    hromadaId: h.id,
    personId: men[5],
    serviceId: svc,
    agencyId: provider,
    actDate: addDays(kyivToday(), -400),
  });
});
afterAll(async () => {
  await t?.close();
});

/** A table of the page as text rows: header cells and data cells, by the table's id. */
function tableRows(html: string, id: string): string[][] {
  const table = html.slice(
    html.indexOf(`id="table-${id}"`),
    html.indexOf('</table>', html.indexOf(`id="table-${id}"`)),
  );
  return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1].trim()),
  );
}

describe('the social passport', () => {
  it('shows the registry by settlement and sex with small counts and their complement hidden, without login', async () => {
    const res = await get(`/hromadas/${code}/passport`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Соціальний паспорт громади');
    expect(html).not.toContain('Паспортна');
    // S2 has 3 women: hidden («к») with S2's total; then S1's 7 women (the women's total would show the 3) and S1's
    // total 13 (the grand total would show S2's). S1's 6 men stay: no sum then has a single hidden count.
    expect(tableRows(html, 'persons-by-settlement-sex').slice(1)).toEqual([
      [s1Name, 'к', '6', 'к'],
      [s2Name, 'к', '0', 'к'],
      ['Разом', '10', '6', '16'],
    ]);
    // By age: 3 women of 80+ hidden with the complement; 4 women and 6 men of 35–59.
    const age = tableRows(html, 'persons-by-age-sex').slice(1);
    expect(age.find((r) => r[0] === '80+ років')).toEqual(['80+ років', 'к', '0', 'к']);
    expect(age.at(-1)).toEqual(['Разом', '10', '6', '16']);
    // 4 IDP women: hidden with their row's total; categories overlap, so there is no column total to protect.
    expect(tableRows(html, 'persons-by-category-sex').slice(1)).toEqual([
      ['Внутрішньо переміщена особа (ВПО)', 'к', '0', 'к'],
    ]);
    // Served: 4 women and 2 men hidden, their total 6 shown; the act of 400 days ago is not counted.
    expect(tableRows(html, 'persons-served-by-service-sex').slice(1)).toEqual([
      ['Догляд вдома (паспорт)', 'к', 'к', '6'],
    ]);
    expect(tableRows(html, 'providers-capacity').slice(1)).toEqual([
      ['Комунальний заклад (установа)', '1', '10', '0', '0'],
      ['Разом', '1', '10', '0', '0'],
    ]);
    expect(html).toContain('Дані станом на');
  });

  it('gives the same figures as PDF and XLSX', async () => {
    const pdf = await get(`/hromadas/${code}/passport.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await pdf.arrayBuffer())).text.replace(/\s+/g, ' ');
    expect(text).toContain('Населення в реєстрі за населеними пунктами і статтю');
    expect(text).toContain('Разом 10 6 16');
    expect(text).not.toContain('Паспортна');
    const xlsx = await get(`/hromadas/${code}/passport.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const sheet = wb.getWorksheet('Населені пункти')!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(4)).toEqual(['Населений пункт', 'Жінки', 'Чоловіки', 'Разом']);
    expect(values(5)).toEqual([s1Name, 'к', 6, 'к']);
    expect(values(6)).toEqual([s2Name, 'к', 0, 'к']);
    expect(values(7)).toEqual(['Разом', 10, 6, 16]);
  });

  it('an unknown or inactive hromada is not found', async () => {
    expect((await get('/hromadas/UA00000000000000000/passport')).status).toBe(404);
    expect((await get('/hromadas/не-код/passport')).status).toBe(404);
    const inactive = (await t.owner<{ code: string }>('SELECT code FROM hromadas WHERE NOT active LIMIT 1')).rows[0]
      .code;
    expect((await get(`/hromadas/${inactive}/passport`)).status).toBe(404);
  });
});

describe('open data', () => {
  it('lists every dataset with its stable URLs and a dictionary of its fields', async () => {
    const res = await get(`/hromadas/${code}/open-data`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const ds of ['persons-by-settlement-sex', 'providers-capacity', 'plan-indicators', 'plan-funding'])
      expect(html).toContain(`/hromadas/${code}/open-data/${ds}.csv`);
    expect(html).toContain('<code>suppressed</code>');
    expect(html).toContain('true, якщо число приховано');
  });

  it('gives a passport table as CSV and JSON: a hidden count is empty and marked, the totals are rows', async () => {
    const csv = await (await get(`/hromadas/${code}/open-data/persons-by-settlement-sex.csv`)).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('row_key,row_label,column,value,suppressed');
    expect(lines).toContain('total,Разом,female,10,false');
    expect(lines.filter((l) => l.endsWith(',,true')).length).toBe(4);
    expect(lines).toContain(`${settlementCodes[0]},${s1Name},male,6,false`);
    const json = (await (await get(`/hromadas/${code}/open-data/persons-served-by-service-sex.json`)).json()) as {
      computedAt: string;
      fields: { name: string; description: string }[];
      rows: { column: string; value: number | null; suppressed: boolean }[];
    };
    expect(json.fields.map((f) => f.name)).toEqual(['row_key', 'row_label', 'column', 'value', 'suppressed']);
    expect(json.rows.map((r) => [r.column, r.value, r.suppressed])).toEqual([
      ['female', null, true],
      ['male', null, true],
      ['total', 6, false],
    ]);
    expect(Date.parse(json.computedAt)).toBeGreaterThan(0);
    expect((await get(`/hromadas/${code}/open-data/persons.csv`)).status).toBe(404);
    expect((await get(`/hromadas/${code}/open-data/persons-by-age-sex.xml`)).status).toBe(404);
  });

  it('gives the published plans’ indicators (a count of 1–4 persons withheld) and funding', async () => {
    const manager = await staffUser(t, {
      role: 'manager',
      hromadaId: (await t.owner<{ id: number }>('SELECT id FROM hromadas WHERE code = $1', [code])).rows[0].id,
    });
    const token = await apiTokenFor(t, manager.username);
    const plan = {
      hromada: 'Паспортна громада',
      document: {
        title: 'План на 2026',
        approved_by: 'Рада',
        number: '1',
        date: '2026-01-15',
        period: { from: 2026, to: 2026 },
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
                  title: 'Захід',
                  executors: ['Відділ'],
                  period: '2026',
                  indicators: [
                    {
                      name: 'Охоплено осіб',
                      unit: 'осіб',
                      baseline: 0,
                      targets: { '2026': 10 },
                      actuals: { '2026': 3 },
                      responsible: null,
                    },
                    {
                      name: 'Проведено заходів',
                      unit: 'заходів',
                      baseline: 0,
                      targets: { '2026': 4 },
                      actuals: { '2026': 2 },
                      responsible: null,
                    },
                  ],
                  expected_result: null,
                  funding_sources: [
                    {
                      source: 'Місцевий бюджет',
                      kind: 'local',
                      amounts: [{ year: 2026, planned: 5000, actual: 1200 }],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
      monitoring: null,
    };
    const created = await fetch(`${t.baseUrl}/api/v1/action-plans/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(plan),
    });
    const id = ((await created.json()) as { id: number }).id;
    const before = (await (await get(`/hromadas/${code}/open-data/plan-indicators.json`)).json()) as {
      rows: unknown[];
    };
    expect(before.rows).toEqual([]);
    await t.owner(`UPDATE action_plans SET status = 'published' WHERE id = $1`, [id]);
    const ind = (await (await get(`/hromadas/${code}/open-data/plan-indicators.json`)).json()) as {
      rows: { indicator: string; target: number; actual: number | null; actual_suppressed: boolean }[];
    };
    expect(ind.rows.map((r) => [r.indicator, r.target, r.actual, r.actual_suppressed])).toEqual([
      ['Охоплено осіб', 10, null, true],
      ['Проведено заходів', 4, 2, false],
    ]);
    const funding = await (await get(`/hromadas/${code}/open-data/plan-funding.csv`)).text();
    expect(funding).toContain(`${id},План на 2026,1.1.1,local,Місцевий бюджет,2026,5000,1200`);
  });
});
