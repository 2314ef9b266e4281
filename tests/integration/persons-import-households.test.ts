import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { csvText, SAMPLE_HEADER, sampleCells, sampleRow } from '../../src/modules/persons-import/import.sample.js';
import { importFile, pageText, personCount, selectedMapping, upload } from '../fixtures/import/flow.js';

let t: TestApp;
let worker: HttpClient;
beforeAll(async () => {
  t = await startTestApp({ jobs: true });
  worker = t.client();
  await signInAs(t, worker, { username: 'worker' });
});
afterAll(async () => {
  await t?.close();
});

const HEADER = [...SAMPLE_HEADER, 'Код домогосподарства', 'Стосунок до голови'];
/** Sample row i with its household cells (even i live in one settlement, odd i in another). */
const row = (i: number, key = '', relation = '') => [...sampleCells(sampleRow(i)), key, relation];
const file = (rows: string[][]) => '\uFEFF' + csvText([HEADER, ...rows]);
const householdCount = async () =>
  Number((await t.owner<{ n: string }>('SELECT count(*) AS n FROM households')).rows[0].n);

/** The households holding the persons of these sample rows: head's row → [row, relation] of each present member. */
async function householdsOf(rows: number[]) {
  const byName = new Map(
    rows.map((i) => {
      const r = sampleRow(i);
      return [`${r.lastName}|${r.firstName}|${r.birthDate}`, i];
    }),
  );
  const { rows: found } = await t.owner<{
    household_id: string;
    head: string;
    key: string;
    relation: string;
    address: string | null;
  }>(
    `SELECT m.household_id, h.head_person_id = p.id AS head, p.last_name || '|' || p.first_name || '|' || p.birth_date AS key, m.relation,
       h.settlement_code AS address
     FROM household_members m JOIN households h ON h.id = m.household_id JOIN persons p ON p.id = m.person_id
     WHERE m.left_on IS NULL ORDER BY m.household_id, m.relation = 'head' DESC, p.birth_date`,
  );
  const out = new Map<string, { head: number | null; members: [number, string][]; settlement: string | null }>();
  for (const f of found) {
    const i = byName.get(f.key);
    if (i === undefined) continue;
    const h = out.get(f.household_id) ?? { head: null, members: [], settlement: f.address };
    if (f.head) h.head = i;
    h.members.push([i, f.relation]);
    out.set(f.household_id, h);
  }
  return [...out.values()];
}

describe('households in the import', () => {
  it('creates two households with their heads and relations, audited, and a re-run creates nothing twice', async () => {
    const before = [await personCount(t), await householdCount()];
    const csv = file([
      row(100, 'HH-1', 'Голова'),
      row(102, 'HH-1', 'дружина'),
      row(104, 'HH-1', 'Дитина'),
      row(106),
      row(108, 'HH-2', 'батько / мати'),
      row(110, 'HH-2', 'голова'),
    ]);
    const first = await importFile(t, worker, csv, 'households.csv');
    expect(selectedMapping(first.mappingPage.text)).toMatchObject({ map_householdKey: '10', map_relation: '11' });
    expect(pageText(first.mappingPage.text)).toContain('Код домогосподарства (необов’язково)');
    const text = pageText(first.report.text);
    expect(text).toContain('Створено 6 осіб');
    expect(text).toContain('Створено 2 домогосподарства');
    expect(text).toContain('Зауважень немає');
    expect((await personCount(t)) - before[0]).toBe(6);
    expect((await householdCount()) - before[1]).toBe(2);
    const made = await householdsOf([100, 102, 104, 106, 108, 110]);
    expect(made.map((h) => ({ head: h.head, members: h.members })).sort((a, b) => a.head! - b.head!)).toEqual([
      {
        head: 100,
        members: [
          [100, 'head'],
          [102, 'spouse'],
          [104, 'child'],
        ],
      },
      {
        head: 110,
        members: [
          [110, 'head'],
          [108, 'parent'],
        ],
      },
    ]);
    expect(made.every((h) => h.settlement === 'UA44140110010014704')).toBe(true); // the head's registration address
    const audit = await t.owner<{ reason: string }>(
      "SELECT reason FROM audit_log WHERE action = 'household.create' AND request_id = $1 ORDER BY id",
      [`import:${first.id}`],
    );
    expect(audit.rows.map((r) => r.reason)).toEqual(['members:3', 'members:2']);
    const finished = await t.owner<{ reason: string }>(
      "SELECT reason FROM audit_log WHERE action = 'person.import' AND entity_id = $1",
      [first.id],
    );
    expect(finished.rows[0].reason).toMatch(/;households:2$/);

    const again = await importFile(t, worker, csv, 'households.csv');
    const text2 = pageText(again.report.text);
    expect(text2).toContain('Створено 0 осіб');
    expect(text2).toContain('Створено 0 домогосподарств');
    expect(text2).toContain('Пропущено 2 домогосподарства, які вже є в реєстрі');
    expect(text2).toContain('Таке домогосподарство (ті самі особи) вже є в реєстрі — пропущено');
    expect((await householdCount()) - before[1]).toBe(2);
  });

  it('reports an unknown relation and two heads at their rows and columns; fixed, the file links the persons already imported', async () => {
    const before = [await personCount(t), await householdCount()];
    const rows = [
      row(200, 'A', 'голова'),
      row(202, 'A', 'кум'),
      row(204, 'B', 'голова'),
      row(206, 'B', 'Голова'),
      row(208, 'B', 'син'),
      row(210, 'C', 'голова'),
      row(212, 'C', 'онука'),
    ];
    const res = await importFile(t, worker, file(rows), 'bad-households.csv');
    const text = pageText(res.report.text);
    expect(text).toContain('Створено 7 осіб');
    expect(text).toContain('Створено 1 домогосподарство');
    expect(text).toContain('2 домогосподарства не створено через помилки');
    expect(text).toContain('3 L (Стосунок до голови) Домогосподарство Невідомий стосунок до голови');
    expect(text).toContain(
      '5 L (Стосунок до голови) Домогосподарство Друга голова домогосподарства: голову вже вказано в рядку 4 — домогосподарство не створено',
    );
    expect((await personCount(t)) - before[0]).toBe(7);
    expect((await householdCount()) - before[1]).toBe(1);

    rows[1][11] = 'дружина';
    rows[3][11] = 'дружина';
    const fixed = await importFile(t, worker, file(rows), 'bad-households-fixed.csv');
    const text2 = pageText(fixed.report.text);
    expect(text2).toContain('Створено 0 осіб');
    expect(text2).toContain('Пропущено 7 дублікатів');
    expect(text2).toContain('Створено 2 домогосподарства');
    expect(text2).toContain('Пропущено 1 домогосподарство, яке вже є в реєстрі');
    expect((await householdCount()) - before[1]).toBe(3);
    const heads = (await householdsOf([200, 202, 204, 206, 208, 210, 212])).map((h) => h.head).sort();
    expect(heads).toEqual([200, 204, 210]);
  });

  it('a dry run checks the households and creates none; no head, a missing relation and a person in two households are reported', async () => {
    const before = [await personCount(t), await householdCount()];
    const res = await importFile(
      t,
      worker,
      file([
        row(300, 'X', 'голова'),
        row(302, 'X', 'дитина'),
        row(304, 'Y', 'дитина'),
        row(306, 'Y', 'дитина'),
        row(308, 'Z', 'голова'),
        row(310, 'Z', ''),
        row(312, '', 'дитина'),
        row(300, 'W', 'голова'),
        row(314, 'W', 'дитина'), // the head of X again
      ]),
      'dry-households.csv',
      { mode: 'dry' },
    );
    const text = pageText(res.report.text);
    expect(text).toContain('Буде створено 8 осіб');
    expect(text).toContain('Пропущено 1 дублікат');
    expect(text).toContain('Буде створено 1 домогосподарство');
    expect(text).toContain('3 домогосподарства не створено через помилки');
    expect(text).toContain(
      '9 — Домогосподарство Особа вже входить до іншого домогосподарства (у реєстрі або вище в цьому файлі)',
    );
    expect(text).toContain('4 K (Код домогосподарства) Домогосподарство У домогосподарстві немає голови (рядки 4, 5)');
    expect(text).toContain('7 L (Стосунок до голови) Домогосподарство Вкажіть стосунок до голови домогосподарства');
    expect(text).toContain(
      '8 K (Код домогосподарства) Домогосподарство Стосунок до голови вказано без коду домогосподарства',
    );
    expect([await personCount(t), await householdCount()]).toEqual(before);
  });

  it('asks for the relation column when the household code is mapped', async () => {
    const up = await upload(worker, file([row(400, 'Q', 'голова')]), 'mapping.csv');
    const id = up.location!.split('/').pop()!;
    const page = await worker.get(`/persons/import/${id}`);
    const start = await worker.post(`/persons/import/${id}/start`, {
      ...selectedMapping(page.text),
      map_relation: '',
      mode: 'import',
    });
    expect(start.status).toBe(400);
    expect(pageText(start.text)).toContain(
      'Оберіть стовпець зі стосунком до голови: без нього домогосподарства не створити',
    );
  });
});
