/**
 * Registry benchmark: `npm run bench:registry -- --persons 1000000 [--queries 300] [--import-rows 100000]
 * [--concurrency 16,64] [--lookups 3000]`.
 * Generates realistic persons into the embedded PostgreSQL (reused on the next run when it already
 * holds them), starts the real app in this process, and measures over loopback HTTP from a client
 * in its own process (bench/load-client.mjs), client-side and server-side: name search
 * with typos, exact РНОКПП lookup and the person card; the same name searches as bare SQL, each query's HTTP and SQL
 * runs in turn (to show the app's overhead); optionally the 100k-row CSV import; and the process's memory.
 * Issue 15: where the time of one audited call goes (the server's own timings of each phase, p50), what a durable
 * commit and an audit entry cost on their own, a CPU profile of the server over a pass of its own after the
 * measurements (top functions by self time; the
 * whole profile is written beside the data for Chrome DevTools), and exact lookups from 16 and 64 concurrent clients
 * (throughput, p95), after which the audit chain is verified.
 * Prints its figures last as one line of JSON.
 */
import path from 'node:path';
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { buildAssets } from '../src/platform/assets.js';
import { createApp } from '../src/app.js';
import { searchByIdentifier, searchByName } from '../src/modules/persons/persons.search.js';
import { identifierHash } from '../src/modules/persons/persons.identifiers.js';
import { seededRandom } from './data/names.js';
import { openBenchDemo, servedLog } from './demo-db.js';
import { generatePersons, insertPersonsBatch, nameSearchQueries, type GeneratedPerson } from './generate.js';
import { percentile, timeIt } from './stats.js';
import { runImportStep } from './import-step.js';
import { startLoadClient } from './load-client.js';
import { pauseTimings, switchTimingsOn, type RequestTimings } from '../src/platform/timings.js';
import { writeAuditAtCommit, verifyAuditChain } from '../src/platform/audit.js';
import { startCpuProfile } from './profile.js';
import { cpuSplit } from './cpu.js';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '300' },
    'import-rows': { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    concurrency: { type: 'string', default: '16,64' },
    lookups: { type: 'string', default: '3000' },
  },
});
const LEVELS = values.concurrency
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const LOOKUPS = Number(values.lookups);
const N = Number(values.persons);
const Q = Number(values.queries);
const IMPORT_ROWS = Number(values['import-rows']);
const dataDir = path.resolve(values['data-dir'] ?? `bench-data/registry-${N}`);
const log = (m: string) => process.stderr.write(`${m}\n`);

await buildAssets();
const { pgServer, owner, services, hromadaId, districtOf, settlementCodes } = await openBenchDemo(dataDir, 55900, {
  API_RATE_PER_MINUTE: '1000000',
  LOG_LEVEL: 'info',
});

// 1. Load (skipped when the data directory already holds the persons).
const have = Number((await owner.query<{ n: string }>('SELECT count(*) AS n FROM persons')).rows[0].n);
let loadPerSecond: number | null = null;
const samples: (GeneratedPerson & { id: string })[] = [];
const rnd = seededRandom(7);
if (have < N) {
  log(`generating ${N - have} persons…`);
  const t0 = performance.now();
  let batch: GeneratedPerson[] = [];
  let done = have;
  const flush = async () => {
    const ids = await services.db.tx({ hromadaId }, (c) =>
      insertPersonsBatch(c, services, hromadaId, districtOf, batch, rnd),
    );
    ids.forEach((id, i) => {
      if ((done + i) % 997 === 0) samples.push({ ...batch[i], id });
    });
    done += batch.length;
    batch = [];
    if (done % 100_000 < 5000) log(`  ${done}`);
  };
  for (const p of generatePersons(N - have, settlementCodes, have + 1)) {
    batch.push(p);
    if (batch.length === 5000) await flush();
  }
  if (batch.length) await flush();
  loadPerSecond = Math.round((N - have) / ((performance.now() - t0) / 1000));
  await owner.query('ANALYZE');
} else {
  log(`reusing ${have} persons in ${dataDir}`);
  const rows = await owner.query<{
    id: string;
    last_name: string;
    first_name: string;
    patronymic: string;
    birth_date: string;
    sex: 'male' | 'female';
  }>(
    `SELECT id, last_name, first_name, patronymic, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, sex FROM persons TABLESAMPLE SYSTEM (5) LIMIT 2000`,
  );
  for (const r of rows.rows)
    samples.push({
      id: r.id,
      lastName: r.last_name,
      firstName: r.first_name,
      patronymic: r.patronymic,
      birthDate: r.birth_date,
      sex: r.sex,
      rnokpp: null,
      settlementCode: '',
    });
}
// 2,000 persons with a РНОКПП from a sample of pages (a larger share of a small registry).
const samplePct = Math.min(100, Math.max(5, Math.ceil((2000 * 100 * 3) / Math.max(N, have))));
const rnokppSamples = (
  await owner.query<{ id: string }>(
    `SELECT id FROM persons TABLESAMPLE SYSTEM (${samplePct}) WHERE rnokpp_sealed IS NOT NULL LIMIT 2000`,
  )
).rows;
const RNOKPP_WARM = Math.min(1000, Math.floor(rnokppSamples.length / 2));

// 2. The app, with a worker's API token; the server records where each call's time goes.
let timings: RequestTimings[] = [];
switchTimingsOn((t) => timings.push(t));
// The app as served, with its request log (to a file beside the data).
const app = await createApp(services, { logStream: servedLog(dataDir) });
await app.listen({ port: 0, host: '127.0.0.1' });
// The routes were built with the recording's hooks; it is on only where a measurement asks for the phases (`timed`).
pauseTimings(true);
const addr = app.server.address();
// Server-side time of each request (arrival of the request to the last byte of the answer), apart
// from the client's: the client is its own process (bench/load-client.mjs), as a real one would be.
let serverMs: number[] = [];
app.server.prependListener('request', (_req, res) => {
  const t0 = performance.now();
  res.on('finish', () => serverMs.push(performance.now() - t0));
});
const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/v1`;
const token = `tb_bench_${crypto.randomBytes(12).toString('hex')}`;
await owner.query(
  `INSERT INTO api_tokens (hromada_id, user_id, name, token_hash, prefix)
   SELECT $1, id, 'bench', $2, $3 FROM users WHERE username = 'worker'`,
  [hromadaId, crypto.createHash('sha256').update(token).digest('hex'), token.slice(0, 7)],
);
const client = startLoadClient(base, { authorization: `Bearer ${token}` });
/**
 * GETs the URLs one after another: client-side and server-side durations, and each answer's ids. The latencies are
 * measured as the served app runs, with the recording of phases off (on, it costs 0.1–0.2 ms of a lookup's p50 and
 * more of its p95, measured alternately); `withPhases` records them, for the breakdown only.
 */
async function timed(urls: Parameters<typeof client.run>[0], concurrency = 1, withPhases = false) {
  pauseTimings(!withPhases);
  serverMs = [];
  timings = [];
  const { ms, ids, wallMs } = await client.run(urls, concurrency);
  const out = { client: ms, server: serverMs, ids, wallMs, phases: timings };
  // Calls made outside a measurement (warm-ups) are not counted in it.
  serverMs = [];
  timings = [];
  pauseTimings(true);
  return out;
}

const queries = nameSearchQueries(samples, Q, rnd);

// 3. Measurements. Each route is first warmed up with calls on other data than the measured calls: a serving process
// has run its paths many thousand times, and until V8 has compiled them (and the client's process its own) a call
// costs more CPU on both sides. Measured on 2026-12-05 (200k persons, the server's CPU per exact lookup, calls on
// persons not looked up before): 1.0–1.7 ms over the 2,000 calls after the first 1,000, 0.7–0.9 ms after 3,000.
const WARM_CALLS = 3000;
const searchUrl = (q: string, year?: string) =>
  `/persons?q=${encodeURIComponent(q)}&limit=20${year ? `&birthYear=${year}` : ''}`;
const warmQueries = nameSearchQueries(samples.length > Q ? samples.slice(Q) : samples, 1000, seededRandom(11));
await client.run(warmQueries.map(({ q }) => searchUrl(q)));
// "Found" = the intended person is on the first page (20). Common names match hundreds of people,
// so the same query is also run the way a worker narrows it: with the birth year.
const foundIn = (r: { ids: (string[] | null)[] }) => queries.filter(({ id }, k) => r.ids[k]?.includes(id)).length;
// The name searches over HTTP and as bare SQL, query by query and in turn which goes first: a query's first run meets
// colder caches than its second, and when all the HTTP runs came first (as before 2026-12-05) the comparison charged
// the cold reads to the app (at 1M persons, 17.3 against 5.6 ms in a first run after a start).
const search = {
  client: [] as number[],
  server: [] as number[],
  ids: [] as (string[] | null)[],
};
const sqlMs: number[] = [];
for (const [k, { q }] of queries.entries()) {
  const viaHttp = async () => {
    const r = await timed([searchUrl(q)]);
    search.client.push(...r.client);
    search.server.push(...r.server);
    search.ids.push(...r.ids);
  };
  const bare = async () => {
    const t0 = performance.now();
    await services.db.tx({ hromadaId }, (c) => searchByName(c, hromadaId, q, {}, {}, 20, 0));
    sqlMs.push(performance.now() - t0);
  };
  if (k % 2 === 0) {
    await viaHttp();
    await bare();
  } else {
    await bare();
    await viaHttp();
  }
}
const found = foundIn(search);
const byId = new Map(samples.map((x) => [x.id, x]));
const withYear = await timed(queries.map(({ q, id }) => searchUrl(q, byId.get(id)?.birthDate?.slice(0, 4))));
const foundWithYear = foundIn(withYear);
// РНОКПП lookups: the route is warmed up with WARM_CALLS lookups of 1,000 other persons, then 1,000 persons not looked
// up before are measured.
const rnokppValues: string[] = [];
for (const { id } of rnokppSamples) {
  const row = await owner.query<{ rnokpp_sealed: string }>('SELECT rnokpp_sealed FROM persons WHERE id = $1', [id]);
  rnokppValues.push(services.box.open(row.rows[0].rnokpp_sealed));
}
// Identifiers go in the body of POST /persons/search (GET /persons refuses them: proxies log URLs).
const lookup = (value: string) => ({ url: '/persons/search', body: { q: value } });
await client.run(Array.from({ length: WARM_CALLS }, (_, k) => lookup(rnokppValues[k % Math.max(1, RNOKPP_WARM)])));
const rnokpp = await timed(rnokppValues.slice(RNOKPP_WARM).map(lookup));
const rnokppSqlMs = await timeIt(rnokppSamples.slice(RNOKPP_WARM), async ({ id }) => {
  const row = await owner.query<{ rnokpp_sealed: string }>('SELECT rnokpp_sealed FROM persons WHERE id = $1', [id]);
  const hash = identifierHash(services, 'rnokpp', services.box.open(row.rows[0].rnokpp_sealed));
  const t0 = performance.now();
  await services.db.tx({ hromadaId }, (c) => searchByIdentifier(c, hromadaId, 'rnokpp', hash, {}, {}, 20, 0));
  return performance.now() - t0;
});
// The card: warmed up on the persons not measured (or, in a small registry's sample, on the same ones).
const cardWarm = samples.length > Q ? samples.slice(Q) : samples;
await client.run(Array.from({ length: 1000 }, (_, k) => `/persons/${cardWarm[k % cardWarm.length].id}`));
const card = await timed(samples.slice(0, Q).map(({ id }) => `/persons/${id}`));
// The breakdown: the same calls once more with the recording on (their own server p50 is printed beside it; the
// latencies above are taken without it).
const withPhases = {
  lookup: await timed(rnokppValues.slice(RNOKPP_WARM).map(lookup), 1, true),
  search: await timed(
    queries.map(({ q }) => searchUrl(q)),
    1,
    true,
  ),
  card: await timed(
    samples.slice(0, Q).map(({ id }) => `/persons/${id}`),
    1,
    true,
  ),
};

// What a transaction's end costs on its own, through the app's pool (p50 of 300 each): a COMMIT with nothing to write,
// a durable COMMIT (a transaction id makes it flush the WAL), and the same with an audit entry (its chain trigger).
const commitProbe = async (work: (c: import('pg').PoolClient) => Promise<unknown>) =>
  timeIt(Array.from({ length: 300 }), async () => {
    const t0 = performance.now();
    await services.db.tx({ hromadaId }, work);
    return performance.now() - t0;
  });
const readOnlyTxMs = await commitProbe((c) => c.query('SELECT 1'));
const durableTxMs = await commitProbe((c) => c.query('SELECT txid_current()'));
const auditTxMs = await commitProbe((c) =>
  writeAuditAtCommit(c, { hromadaId, action: 'bench.probe', operation: 'read', reason: 'issue 15 commit probe' }),
);

// Exact lookups from 16 and 64 clients at once on the same hromada (the persons taken in turn). Throughput and
// latency are measured with the timings off, as the served app runs; then a shorter pass at the highest level with
// them on says where the time goes under load (waiting for a pool connection, the COMMIT).
const concurrent: Record<string, number | null> = {};
const pool = rnokppValues.slice(RNOKPP_WARM);
const lookupsOf = (n: number) => Array.from({ length: n }, (_, k) => lookup(pool[k % pool.length] ?? rnokppValues[0]));
for (const level of LEVELS) {
  const urls = lookupsOf(LOOKUPS);
  await client.run(urls.slice(0, Math.min(200, urls.length)), level);
  const cpu = cpuSplit(client.pid);
  const r = await timed(urls, level);
  const perLookup = cpu.per(LOOKUPS);
  concurrent[`c${level}_lookups_per_s`] = Math.round(LOOKUPS / (r.wallMs / 1000));
  // The CPU of each lookup in the pass: the server's process, PostgreSQL's, the client's (ms; null without /proc).
  concurrent[`c${level}_server_cpu_ms`] = perLookup.server;
  concurrent[`c${level}_postgres_cpu_ms`] = perLookup.postgres;
  concurrent[`c${level}_client_cpu_ms`] = perLookup.client;
  concurrent[`c${level}_p50_ms`] = Math.round(percentile(r.client, 50) * 10) / 10;
  concurrent[`c${level}_p95_ms`] = Math.round(percentile(r.client, 95) * 10) / 10;
  log(`${level} clients: ${concurrent[`c${level}_lookups_per_s`]} lookups/s, p95 ${concurrent[`c${level}_p95_ms`]} ms`);
}
if (LEVELS.length) {
  const level = Math.max(...LEVELS);
  const r = await timed(lookupsOf(Math.min(1000, LOOKUPS)), level, true);
  const p95 = (ph: string) =>
    Math.round(
      percentile(
        r.phases.map((x) => x.phases[ph] ?? 0),
        95,
      ) * 10,
    ) / 10;
  concurrent[`c${level}_connect_p95_ms`] = p95('connect');
  concurrent[`c${level}_commit_p95_ms`] = p95('commit');
}
// A CPU profile of the server's process (the client is its own) over a pass of its own after the measurements: the
// sampling profiler costs CPU itself, so no figure above is taken under it. The pass: the searches, the lookups and the
// cards one at a time, then lookups from the most clients.
const profile = await startCpuProfile();
await client.run(queries.map(({ q }) => searchUrl(q)));
await client.run(rnokppValues.slice(RNOKPP_WARM).map(lookup));
await client.run(samples.slice(0, Q).map(({ id }) => `/persons/${id}`));
if (LEVELS.length) await client.run(lookupsOf(Math.min(1000, LOOKUPS)), Math.max(...LEVELS));
const cpuProfile = await profile.stop(path.join(path.dirname(dataDir), `${path.basename(dataDir)}.cpuprofile`));
// The chain of the hromada whose entries the runs wrote, recomputed from its first entry.
const chainT0 = performance.now();
const chain = await verifyAuditChain(owner, hromadaId);
const chainVerifyS = Math.round((performance.now() - chainT0) / 100) / 10;
if (chain.breaks.length) log(`audit chain breaks: ${JSON.stringify(chain.breaks.slice(0, 5))}`);
const imported = IMPORT_ROWS > 0 ? await runImportStep(services, IMPORT_ROWS) : null;
const rssMb = Math.round(process.memoryUsage().rss / 1048576);

client.stop();
await app.close();
await services.jobs.stop();
await services.db.end();
await owner.end();
await pgServer.stop();

const p = (xs: number[], q: number) => Math.round(percentile(xs, q) * 10) / 10;
/** The p50 of each phase of a workload's calls, as `<prefix>_<phase>_p50_ms` (and the round trips its work made). */
const PHASES = ['before', 'auth', 'connect', 'open', 'work', 'query', 'response', 'commit', 'serialize', 'send'];
function breakdown(prefix: string, calls: RequestTimings[]) {
  const out: Record<string, number> = {};
  for (const ph of PHASES)
    out[`${prefix}_${ph}_p50_ms`] =
      Math.round(
        percentile(
          calls.map((x) => x.phases[ph] ?? 0),
          50,
        ) * 100,
      ) / 100;
  out[`${prefix}_queries`] = Math.round(
    percentile(
      calls.map((x) => x.queries),
      50,
    ),
  );
  return out;
}
for (const [name, r] of Object.entries(withPhases)) {
  const b = breakdown(name, r.phases);
  log(
    `${name}: server p50 ${p(r.server, 50)} ms = ${PHASES.map((ph) => `${ph} ${b[`${name}_${ph}_p50_ms`]}`).join(', ')}`,
  );
}
log(`CPU profile, top self time:\n${cpuProfile.top.map((x) => `  ${x.selfPct}% ${x.name}`).join('\n')}`);
const result = {
  persons: Math.max(N, have),
  queries: Q,
  load_persons_per_s: loadPerSecond,
  search_p50_ms: p(search.client, 50),
  search_p95_ms: p(search.client, 95),
  search_p99_ms: p(search.client, 99),
  search_server_p50_ms: p(search.server, 50),
  search_server_p95_ms: p(search.server, 95),
  search_found_top20_pct: Math.round((found / queries.length) * 1000) / 10,
  search_with_year_p95_ms: p(withYear.client, 95),
  search_with_year_found_top20_pct: Math.round((foundWithYear / queries.length) * 1000) / 10,
  search_sql_p50_ms: p(sqlMs, 50),
  search_sql_p95_ms: p(sqlMs, 95),
  app_overhead_ratio_p50: Math.round((percentile(search.server, 50) / percentile(sqlMs, 50)) * 100) / 100,
  rnokpp_lookup_p50_ms: p(rnokpp.client, 50),
  rnokpp_lookup_p95_ms: p(rnokpp.client, 95),
  rnokpp_lookup_server_p95_ms: p(rnokpp.server, 95),
  rnokpp_lookup_sql_p95_ms: p(rnokppSqlMs, 95),
  rnokpp_lookup_server_p50_ms: p(rnokpp.server, 50),
  rnokpp_lookup_sql_p50_ms: p(rnokppSqlMs, 50),
  card_p95_ms: p(card.client, 95),
  card_server_p95_ms: p(card.server, 95),
  search_overhead_p50_ms: Math.round((percentile(search.server, 50) - percentile(sqlMs, 50)) * 10) / 10,
  ...breakdown('lookup', withPhases.lookup.phases),
  ...breakdown('search', withPhases.search.phases),
  ...breakdown('card', withPhases.card.phases),
  tx_readonly_p50_ms: p(readOnlyTxMs, 50),
  tx_durable_commit_p50_ms: p(durableTxMs, 50),
  tx_audit_commit_p50_ms: p(auditTxMs, 50),
  ...concurrent,
  audit_chain_entries: chain.entries,
  audit_chain_breaks: chain.breaks.length,
  audit_chain_verify_s: chainVerifyS,
  cpu_profile_top: cpuProfile.top.slice(0, 5).map((x) => `${x.selfPct}% ${x.name}`),
  import_rows: imported?.rows ?? null,
  import_s: imported?.seconds ?? null,
  rss_mb: rssMb,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
