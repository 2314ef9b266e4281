import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { csvText, SAMPLE_HEADER, sampleCells, sampleRow } from '../../src/modules/persons-import/import.sample.js';
import { importFile } from '../fixtures/import/flow.js';

let t: TestApp;
const people = Array.from({ length: 6 }, (_, k) => sampleRow(7000 + k));
const BALAKYRIVKA = 'UA44140110020068530';

beforeAll(async () => {
  t = await startTestApp({ jobs: true });
  const client = t.client();
  await signInAs(t, client, { username: 'worker' });
  const rows = people.map((p) => sampleCells({ ...p, settlement: BALAKYRIVKA }));
  const res = await importFile(t, client, csvText([SAMPLE_HEADER, ...rows]), 'seed.csv');
  expect(res.status).toBe('done');
  // A value a spreadsheet would run as a formula (as if written by another system).
  await t.owner(
    'UPDATE persons SET last_name = \'=HYPERLINK("http://evil";"x")\', patronymic = \'@SUM(1)\' WHERE rnokpp_mask LIKE $1',
    [`%${people[0].rnokpp.slice(-4)}`],
  );
});
afterAll(async () => {
  await t?.close();
});

async function manager() {
  const client = t.client();
  await signInAs(t, client, { username: 'manager' });
  await client.get('/staff');
  expect(client.lastCsrf).toBeTruthy();
  return client;
}

/** The export as raw bytes (the BOM must be checked before any text decoding). */
function postRaw(m: HttpClient, fields: Record<string, string>) {
  return fetch(`${t.baseUrl}/persons/export`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie: [...m.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ _csrf: m.lastCsrf!, ...fields }).toString(),
  });
}

describe('export of the current search', () => {
  it('is refused to a worker without the export right, and without a CSRF token', async () => {
    const worker = t.client();
    await signInAs(t, worker, { username: 'worker' });
    await worker.get('/staff');
    expect(worker.lastCsrf).toBeTruthy();
    expect((await worker.post('/persons/export', { q: '', settlementCode: BALAKYRIVKA, format: 'csv' })).status).toBe(
      403,
    );
    const m = await manager();
    expect((await m.post('/persons/export', { _csrf: null, settlementCode: BALAKYRIVKA, format: 'csv' })).status).toBe(
      403,
    );
  });

  it('gives a CSV for Excel: BOM, semicolons, masked identifiers, formulas neutralised', async () => {
    const m = await manager();
    const res = await postRaw(m, {
      q: '',
      birthDate: '',
      birthYear: '',
      settlementCode: BALAKYRIVKA,
      districtId: '',
      category: '',
      format: 'csv',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="osoby-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const raw = bytes.toString('utf8');
    const lines = raw.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'Прізвище;Ім’я;По батькові;Дата народження;Стать;РНОКПП (приховано);УНЗР (приховано);Населений пункт;Код КАТОТТГ',
    );
    expect(lines.length).toBe(7);
    for (const p of people) {
      expect(raw).not.toContain(p.rnokpp);
      expect(raw).toContain(`••••••${p.rnokpp.slice(-4)}`);
    }
    expect(raw).toContain(`"'=HYPERLINK(""http://evil"";""x"")"`);
    expect(raw).toContain(";'@SUM(1);");
    expect(lines.slice(1).every((l) => !/(^|;)[=+\-@]/.test(l))).toBe(true);
    const [y, mo, d] = people[1].birthDate.split('-');
    expect(raw).toContain(`${d}.${mo}.${y}`);
  });

  it('gives an XLSX with a Ukrainian header row, masked and neutralised', async () => {
    const m = await manager();
    const res = await postRaw(m, { settlementCode: BALAKYRIVKA, format: 'xlsx' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/filename="osoby-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Особи');
    expect(ws.getRow(1).getCell(1).value).toBe('Прізвище');
    expect(ws.rowCount).toBe(7);
    const cells: string[] = [];
    ws.eachRow((row) => {
      row.eachCell((c) => {
        const v = c.value;
        cells.push(v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : String(v));
      });
    });
    expect(cells).toContain('\'=HYPERLINK("http://evil";"x")');
    expect(cells.every((c) => !/^[=+\-@]/.test(c))).toBe(true);
    for (const p of people) expect(cells).not.toContain(p.rnokpp);
    ws.eachRow((row) => {
      row.eachCell((c) => {
        expect(c.formula).toBeUndefined();
      });
    });
  });

  it('the search results offer the export to those allowed (a manager), not to a worker; the button posts the same search', async () => {
    const m = await manager();
    await m.get('/persons');
    const found = await m.post('/persons/search', { q: '', settlementCode: BALAKYRIVKA });
    expect(found.status).toBe(200);
    expect(found.text).toContain('action="/persons/export"');
    expect(found.text).toContain('Вивантажити результати у CSV');
    const form = /<form method="post" action="\/persons\/export"[^>]*>([\s\S]*?)<\/form>/.exec(found.text)![1];
    const fields = Object.fromEntries(
      [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((x) => [x[1], x[2]]),
    );
    expect(fields.settlementCode).toBe(BALAKYRIVKA);
    const res = await postRaw(m, { ...fields, format: 'xlsx' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/\.xlsx"$/);
    expect(Number(res.headers.get('x-export-rows'))).toBeGreaterThanOrEqual(people.length);
    const worker = t.client();
    await signInAs(t, worker, { username: 'worker' });
    await worker.get('/persons');
    const theirs = await worker.post('/persons/search', { q: '', settlementCode: BALAKYRIVKA });
    expect(theirs.status).toBe(200);
    expect(theirs.text).toContain(people[1].lastName);
    expect(theirs.text).not.toContain('action="/persons/export"');
  });

  it('is audited with the filters used and the number of rows, not the query', async () => {
    const m = await manager();
    const res = await m.post('/persons/export', { q: people[2].lastName, settlementCode: BALAKYRIVKA, format: 'csv' });
    expect(res.status).toBe(200);
    const { rows } = await t.owner<{ fields: string[]; reason: string; operation: string; actor_label: string }>(
      "SELECT fields, reason, operation, actor_label FROM audit_log WHERE action = 'person.export' ORDER BY id DESC LIMIT 1",
    );
    expect(rows[0].fields).toEqual(['q:name', 'settlementCode']);
    expect(rows[0].reason).toMatch(/^format:csv;rows:\d+$/);
    expect(rows[0].operation).toBe('read');
    const all = await t.owner<{ n: string }>(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'person.export' AND reason LIKE '%' || $1 || '%'",
      [people[2].lastName],
    );
    expect(Number(all.rows[0].n)).toBe(0);
  });
});
