import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { csvText, SAMPLE_HEADER, sampleCells, sampleRow } from '../../src/modules/persons-import/import.sample.js';
import { importFile, pageText, personCount, upload } from '../fixtures/import/flow.js';
import { nameTokens } from '../../src/modules/persons/persons.tokens.js';
import { transliterate } from '../../src/modules/persons/identity/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ jobs: true });
});
afterAll(async () => {
  await t?.close();
});

const rows = (from: number, n: number) => Array.from({ length: n }, (_, k) => sampleCells(sampleRow(from + k)));

describe('import of persons from CSV and XLSX', () => {
  it('imports a good CSV of 50 rows, and a second run of the same file creates nothing', async () => {
    const client = t.client();
    await signInAs(t, client, { username: 'worker' });
    const before = await personCount(t);
    const csv = '\uFEFF' + csvText([SAMPLE_HEADER, ...rows(0, 50)]);
    const first = await importFile(t, client, csv, 'osoby.csv');
    expect(first.status).toBe('done');
    expect(first.mappingPage.text).toContain('Відповідність стовпців');
    expect(pageText(first.report.text)).toContain('Створено 50 осіб');
    expect((await personCount(t)) - before).toBe(50);
    const { rows: created } = await t.owner<{ n: string }>(
      "SELECT count(*) AS n FROM persons WHERE reg_settlement_code = 'UA44140110020068530' AND created_at > now() - interval '5 minutes'",
    );
    expect(Number(created[0].n)).toBe(25); // by code and by the name «Балакирівка»
    // The registry's own encodings: search tokens and the Latin name (КМУ №55).
    const s = sampleRow(7);
    const { rows: enc } = await t.owner<{ name_tokens: string[]; latin_name: string; birth_date: string }>(
      "SELECT name_tokens, latin_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM persons WHERE last_name = $1 AND first_name = $2 AND birth_date = $3",
      [s.lastName, s.firstName, s.birthDate],
    );
    expect(enc).toEqual([
      {
        name_tokens: nameTokens(s.lastName, s.firstName, s.patronymic),
        latin_name: transliterate(`${s.lastName} ${s.firstName} ${s.patronymic}`),
        birth_date: s.birthDate,
      },
    ]);
    const second = await importFile(t, client, csv, 'osoby.csv');
    const text = pageText(second.report.text);
    expect(text).toContain('Створено 0 осіб');
    expect(text).toContain('Пропущено 50 дублікатів');
    expect(text).toContain('Особа з таким РНОКПП уже є в реєстрі — пропущено');
    expect((await personCount(t)) - before).toBe(50);
    const audit = await t.owner<{ action: string; reason: string }>(
      'SELECT action, reason FROM audit_log WHERE entity_id = $1 ORDER BY id',
      [first.id],
    );
    // The batch entry of the created persons carries the import's id too.
    expect(audit.rows.map((r) => r.action)).toEqual([
      'person.import.upload',
      'person.import.start',
      'person.create',
      'person.import',
    ]);
    expect(audit.rows[3].reason).toMatch(/^sha256:[0-9a-f]{64};rows:50\/50;created:50;duplicates:0;invalid:0/);
    // Every created person is named by a batch entry of the audit trail (decision 0009).
    const { rows: entries } = await t.owner<{
      entity_type: string;
      entity_id: string;
      fields: string[];
      reason: string;
    }>(
      "SELECT entity_type, entity_id, fields, reason FROM audit_log WHERE action = 'person.create' AND request_id = $1",
      [`import:${first.id}`],
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ entity_type: 'person.batch', entity_id: first.id });
    expect(entries[0].fields).toEqual(
      expect.arrayContaining(['lastName', 'firstName', 'birthDate', 'rnokpp', 'phone', 'settlementCode']),
    );
    const { rows: createdIds } = await t.owner<{ id: string }>(
      'SELECT id FROM persons WHERE created_at = (SELECT max(created_at) FROM persons)',
    ); // the import's one batch
    expect(entries[0].reason).toMatch(/^count:50;ids:/);
    expect(entries[0].reason.split(';ids:')[1].split(',').sort()).toEqual(createdIds.map((r) => r.id).sort());
  });

  it('a dry run validates everything, creates nothing, and can then be imported', async () => {
    const client = t.client();
    await signInAs(t, client, { username: 'manager' });
    const before = await personCount(t);
    const data = rows(1000, 20);
    data[4][5] = '1234567890'; // bad checksum
    const dry = await importFile(t, client, csvText([SAMPLE_HEADER, ...data]), 'a.csv', { mode: 'dry' });
    const text = pageText(dry.report.text);
    expect(text).toContain('Звіт пробного запуску');
    expect(text).toContain('Буде створено 19 осіб');
    expect(text).toContain('1 рядок з помилками не імпортовано');
    expect(await personCount(t)).toBe(before);
    const audits = await t.owner("SELECT 1 FROM audit_log WHERE action = 'person.create' AND request_id = $1", [
      `import:${dry.id}`,
    ]);
    expect(audits.rowCount).toBe(0);
    const go = await client.post(
      `/persons/import/${dry.id}/start`,
      Object.fromEntries(
        [...dry.report.text.matchAll(/<input type="hidden" name="(map_\w+|mode)" value="([^"]*)"/g)].map((m) => [
          m[1],
          m[2],
        ]),
      ),
    );
    expect(go.status).toBe(303);
    const { waitFinished } = await import('../fixtures/import/flow.js');
    expect(await waitFinished(t, dry.id)).toBe('done');
    expect(pageText((await client.get(`/persons/import/${dry.id}`)).text)).toContain('Створено 19 осіб');
    expect((await personCount(t)) - before).toBe(19);
  });

  it('imports the first sheet of an XLSX with date and number cells', async () => {
    const client = t.client();
    await signInAs(t, client, { username: 'worker' });
    const before = await personCount(t);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Люди');
    ws.addRow(['Surname', 'First name', 'Patronymic', 'Date of birth', 'Sex', 'RNOKPP', 'Settlement']);
    for (let k = 0; k < 10; k++) {
      const r = sampleRow(2000 + k);
      ws.addRow([
        r.lastName,
        r.firstName,
        r.patronymic,
        new Date(`${r.birthDate}T00:00:00Z`),
        r.sex === 'male' ? 'male' : 'female',
        Number(r.rnokpp),
        'UA44140110010014704',
      ]);
    }
    wb.addWorksheet('Інше').addRow(['не читається']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await importFile(t, client, buf, 'people.xlsx');
    expect(res.mappingPage.text).toContain('Файл XLSX');
    expect(pageText(res.report.text)).toContain('Створено 10 осіб');
    expect((await personCount(t)) - before).toBe(10);
  });

  it('reads a CSV in Windows-1251 with commas and says so', async () => {
    const client = t.client();
    await signInAs(t, client, { username: 'worker' });
    const before = await personCount(t);
    const csv = csvText([SAMPLE_HEADER, ...rows(3000, 5)], ',');
    const res = await importFile(t, client, iconv.encode(csv, 'win1251'), 'cp1251.csv');
    expect(pageText(res.mappingPage.text)).toContain('кодування Windows-1251 розпізнано');
    expect(pageText(res.report.text)).toContain('Створено 5 осіб');
    const { rows: names } = await t.owner<{ last_name: string }>(
      'SELECT last_name FROM persons ORDER BY created_at DESC LIMIT 5',
    );
    expect(names.every((r) => /^[А-ЯІЇЄҐа-яіїєґ’]+$/.test(r.last_name))).toBe(true);
    expect((await personCount(t)) - before).toBe(5);
  });

  it('requires the CSRF token on the upload and the import right', async () => {
    const client = t.client();
    await signInAs(t, client, { username: 'worker' });
    const noToken = await upload(client, csvText([SAMPLE_HEADER, ...rows(4000, 2)]), 'x.csv', { csrf: false });
    expect(noToken.status).toBe(403);
    const { rows: imports } = await t.owner('SELECT id FROM person_imports WHERE total_rows = 2');
    expect(imports.length).toBe(0);
    const front = t.client();
    await signInAs(t, front, { username: 'frontdesk' });
    expect((await front.get('/persons/import')).status).toBe(403);
    const anon = t.client();
    expect((await anon.get('/persons/import')).status).toBe(302);
  });
});
