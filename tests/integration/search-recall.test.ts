import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { apiTokenFor } from '../helpers/api.js';
import { generatePersons, insertPersonsBatch, type GeneratedPerson } from '../../bench/generate.js';
import { seededRandom } from '../../bench/data/names.js';
import type { RecallCase } from '../../bench/search-recall-set.js';
import { DEMO_HROMADA, demoHromadaId } from '../factories/index.js';

/**
 * The search finds what people type: the recall set (tests/fixtures/search-recall.json, 240 queries
 * with Russian spellings of names, patronymics and surnames, Г for Ґ, a birth year among the words),
 * run over HTTP against a registry of the benchmark's generated persons plus the set's persons.
 */
let t: TestApp;
let token: string;
const cases = JSON.parse(
  fs.readFileSync(new URL('../fixtures/search-recall.json', import.meta.url), 'utf8'),
) as RecallCase[];
const intended = new Map<RecallCase, Set<string>>();

const search = async (body: Record<string, unknown>) => {
  const res = await t.client().request('POST', '/api/v1/persons/search', {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ limit: 20, ...body }),
  });
  expect(res.status).toBe(200);
  return res.json<{ items: { id: string; birthDate: string }[]; total: number }>();
};

beforeAll(async () => {
  t = await startTestApp();
  token = await apiTokenFor(t, 'worker');
  const hromadaId = await demoHromadaId(t);
  const settlements = (
    await t.owner<{ code: string; district_id: number | null }>(
      `SELECT s.code, ds.district_id FROM settlements s LEFT JOIN district_settlements ds ON ds.settlement_code = s.code
     WHERE s.hromada_code = $1 ORDER BY s.category = 'M' DESC, s.code`,
      [DEMO_HROMADA],
    )
  ).rows;
  const districtOf = new Map(settlements.map((s) => [s.code, s.district_id]));
  const all: GeneratedPerson[] = [
    ...generatePersons(
      3000,
      settlements.map((s) => s.code),
      1,
    ),
    ...cases.map((c) => ({ ...c.person, rnokpp: null, settlementCode: settlements[0].code })),
  ];
  const rnd = seededRandom(11);
  for (let i = 0; i < all.length; i += 1000) {
    await t.services.db.tx({ hromadaId }, (c) =>
      insertPersonsBatch(c, t.services, hromadaId, districtOf, all.slice(i, i + 1000), rnd),
    );
  }
  for (const c of cases) {
    const { rows } = await t.owner<{ id: string }>(
      'SELECT id FROM persons WHERE last_name = $1 AND first_name = $2 AND patronymic = $3 AND birth_date = $4::date',
      [c.person.lastName, c.person.firstName, c.person.patronymic, c.person.birthDate],
    );
    intended.set(c, new Set(rows.map((r) => r.id)));
  }
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('name search recall on how people type', () => {
  it('has at least 200 queries of every kind, each with its person in the registry', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((c) => c.kind))).toEqual(
      new Set([
        'ruGiven',
        'ruGivenPatronymic',
        'ruSurname',
        'ruFeminineSurname',
        'gheAsHe',
        'yearToken',
        'ruWithYear',
        'allRussian',
      ]),
    );
    for (const c of cases) expect(intended.get(c)!.size, c.q).toBeGreaterThan(0);
  });

  it('finds the intended person on the first page for at least 95 % of the queries, and 85 % of each kind', async () => {
    const byKind = new Map<string, { n: number; found: number }>();
    const missed: string[] = [];
    for (const c of cases) {
      const page = await search({ q: c.q });
      const k = byKind.get(c.kind) ?? { n: 0, found: 0 };
      k.n++;
      if (page.items.some((i) => intended.get(c)!.has(i.id))) k.found++;
      else missed.push(`${c.kind}: ${c.q}`);
      byKind.set(c.kind, k);
    }
    const found = [...byKind.values()].reduce((s, k) => s + k.found, 0);
    expect(found / cases.length, missed.join('\n')).toBeGreaterThanOrEqual(0.95);
    for (const [kind, k] of byKind) expect(k.found / k.n, kind).toBeGreaterThanOrEqual(0.85);
  }, 120_000);

  it('reads a year among the words as the birth-year filter; a year filter given wins', async () => {
    const c = cases.find((x) => x.kind === 'yearToken')!;
    const year = c.person.birthDate.slice(0, 4);
    const page = await search({ q: `${c.person.lastName} ${c.person.firstName} ${year}` });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i) => i.birthDate.startsWith(year))).toBe(true);
    const other = String(Number(year) - 30);
    const filtered = await search({
      q: `${c.person.lastName} ${c.person.firstName} ${year}`,
      birthYear: Number(other),
    });
    expect(filtered.items.every((i) => i.birthDate.startsWith(other))).toBe(true);
    // The GET form takes it too (a year is not an identifier).
    const res = await t
      .client()
      .request('GET', `/api/v1/persons?q=${encodeURIComponent(`${c.person.lastName} ${year}`)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect(res.status).toBe(200);
    expect(res.json<{ items: { birthDate: string }[] }>().items.every((i) => i.birthDate.startsWith(year))).toBe(true);
  });
});
