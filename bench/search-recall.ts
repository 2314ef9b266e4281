/**
 * Recall of the registry's name search on the recall set (tests/fixtures/search-recall.json, built by
 * bench/search-recall-set.ts): `npm run bench:search-recall -- [--persons 20000]`.
 * Generates a registry of `--persons` persons with the benchmark's generator into the embedded
 * PostgreSQL (reused on the next run), adds the set's persons, and runs every query of the set
 * through the registry's search use-case (as a worker: the whole hromada, audited like the pages).
 * "Found" = the intended person on the first page (20); also first place, per kind of query, and
 * the time of each search. Prints one line of JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { searchPersons } from '../src/modules/persons/use-cases/search-persons.js';
import type { Actor } from '../src/platform/policy.js';
import { seededRandom } from './data/names.js';
import { openBenchDemo } from './demo-db.js';
import { generatePersons, insertPersonsBatch, type GeneratedPerson } from './generate.js';
import { percentile } from './stats.js';
import type { RecallCase } from './search-recall-set.js';

const { values } = parseArgs({
  options: { persons: { type: 'string', default: '20000' }, 'data-dir': { type: 'string' } },
});
const N = Number(values.persons);
const dataDir = path.resolve(values['data-dir'] ?? `bench-data/recall-${N}`);
const log = (m: string) => process.stderr.write(`${m}\n`);
const cases = JSON.parse(
  fs.readFileSync(new URL('../tests/fixtures/search-recall.json', import.meta.url), 'utf8'),
) as RecallCase[];

const { pgServer, owner, services, hromadaId, districtOf, settlementCodes } = await openBenchDemo(dataDir, 55800);

const have = Number((await owner.query<{ n: string }>('SELECT count(*) AS n FROM persons')).rows[0].n);
if (have < N + cases.length) {
  log(`generating ${N} persons and the set's ${cases.length}…`);
  const rnd = seededRandom(11);
  const all: GeneratedPerson[] = [
    ...generatePersons(N, settlementCodes, 1),
    ...cases.map((c) => ({ ...c.person, rnokpp: null, settlementCode: settlementCodes[0] })),
  ];
  for (let i = 0; i < all.length; i += 5000) {
    await services.db.tx({ hromadaId }, (c) =>
      insertPersonsBatch(c, services, hromadaId, districtOf, all.slice(i, i + 5000), rnd),
    );
  }
  await owner.query('ANALYZE');
}

const workerId = (await owner.query<{ id: string }>("SELECT id FROM users WHERE username = 'worker'")).rows[0].id;
const actor: Actor = {
  kind: 'staff',
  userId: workerId,
  displayName: 'bench',
  isSuperadmin: false,
  hromadaId,
  hromadaName: 'bench',
  via: 'session',
  grants: [{ id: 0, hromadaId, role: 'worker', agencyId: null, districtId: null }],
};

/** The ids of the persons a case means (its name and birth date; a namesake born the same day counts too). */
async function intended(c: RecallCase): Promise<Set<string>> {
  const { rows } = await owner.query<{ id: string }>(
    'SELECT id FROM persons WHERE last_name = $1 AND first_name = $2 AND patronymic = $3 AND birth_date = $4::date',
    [c.person.lastName, c.person.firstName, c.person.patronymic, c.person.birthDate],
  );
  return new Set(rows.map((r) => r.id));
}

const ms: number[] = [];
const byKind: Record<string, { n: number; top20: number; top1: number }> = {};
let top20 = 0;
let top1 = 0;
// A short warm-up, then each query once.
for (const c of cases.slice(0, 10)) await searchPersons({ services, actor, q: c.q, filters: {}, limit: 20, offset: 0 });
for (const c of cases) {
  const ids = await intended(c);
  const t0 = performance.now();
  const page = await searchPersons({ services, actor, q: c.q, filters: {}, limit: 20, offset: 0 });
  ms.push(performance.now() - t0);
  const k = (byKind[c.kind] ??= { n: 0, top20: 0, top1: 0 });
  k.n++;
  if (page.items.some((i) => ids.has(i.id))) {
    top20++;
    k.top20++;
  }
  if (page.items[0] && ids.has(page.items[0].id)) {
    top1++;
    k.top1++;
  }
}

await services.jobs.stop();
await services.db.end();
await owner.end();
await pgServer.stop();

const pct = (a: number, b: number) => Math.round((a / b) * 1000) / 10;
const p = (q: number) => Math.round(percentile(ms, q) * 10) / 10;
process.stdout.write(
  `${JSON.stringify({
    persons: Math.max(N, have - cases.length) + cases.length,
    queries: cases.length,
    recall_top20_pct: pct(top20, cases.length),
    recall_top1_pct: pct(top1, cases.length),
    by_kind_top20_pct: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, pct(v.top20, v.n)])),
    search_p50_ms: p(50),
    search_p95_ms: p(95),
  })}\n`,
);
