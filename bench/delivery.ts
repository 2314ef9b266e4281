/**
 * Service-delivery benchmark (issue 12): `npm run bench:delivery -- [--size full|medium|small]`.
 * Generates in one hromada (bench/delivery-data.ts): 2,000 providers, 200,000 recipients and 10,000,000 service
 * acts over two years at full size; `medium` is 1/10, `small` 1/100 (about a minute). The data directory
 * (bench-data/delivery-<size>) is reused by the next run.
 * Prints its figures last as one line of JSON.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from './data/names.js';
import { openBenchDemo, servedLog } from './demo-db.js';
import { generateDelivery, generatePaid, generateSchedules, STAFF_PER_PROVIDER } from './delivery-data.js';
import { percentile } from './stats.js';
import { createApp } from '../src/app.js';
import { buildAssets } from '../src/platform/assets.js';
import { sha256Hex } from '../src/platform/secrets.js';
import { HttpClient } from '../tests/helpers/http.js';
import { generatePersons, insertPersonsBatch, type GeneratedPerson } from './generate.js';

const SIZES = { full: 1, medium: 10, small: 100 } as const;
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'full' },
    'data-dir': { type: 'string' },
    /** Makes the tariffs, incomes and payment categories again (and drops the invoices made from them). */
    'regenerate-paid': { type: 'boolean', default: false },
    /** How many provider month pages and weeks of acts to time. */
    queries: { type: 'string' },
  },
});
if (!(values.size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
const SIZE = values.size as keyof typeof SIZES;
const DIV = SIZES[SIZE];
const N = { providers: 2_000 / DIV, recipients: 200_000 / DIV, acts: 10_000_000 / DIV, paid: 10_000 / DIV };
const Q = Number(values.queries ?? (SIZE === 'small' ? 60 : 200));
const dataDir = path.resolve(values['data-dir'] ?? `bench-data/delivery-${SIZE}`);
const log = (m: string) => process.stderr.write(`${m}\n`);

await buildAssets();
const { pgServer, owner, services, hromadaId, districtOf, settlementCodes } = await openBenchDemo(dataDir, 56300, {
  RATE_PER_MINUTE: '10000000',
  LOG_LEVEL: 'info',
});
const count = async (table: string) =>
  Number((await owner.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

// 1. Recipients (the registry's encodings); reused when present.
const rnd = seededRandom(12);
const havePersons = await count('persons');
if (havePersons < N.recipients) {
  log(`generating ${N.recipients - havePersons} persons…`);
  let batch: GeneratedPerson[] = [];
  const flush = async () => {
    const b = batch;
    await services.db.tx({ hromadaId }, (c) => insertPersonsBatch(c, services, hromadaId, districtOf, b, rnd));
    batch = [];
  };
  for (const p of generatePersons(N.recipients - havePersons, settlementCodes, havePersons + 1)) {
    batch.push(p);
    if (batch.length === 5000) await flush();
  }
  if (batch.length) await flush();
}

// 2. Providers, staff, cases, plans, assignments, acts; reused when present.
let generateS: number | null = null;
if ((await count('service_acts')) === 0) {
  const t0 = performance.now();
  log('generating providers, assignments and acts…');
  await generateDelivery(owner, hromadaId, N);
  generateS = Math.round((performance.now() - t0) / 100) / 10;
} else log(`reusing the data in ${dataDir}`);
if (values['regenerate-paid']) {
  await owner.query(`TRUNCATE paid_service_payments, paid_service_invoice_lines, paid_service_invoices,
    paid_service_categories, paid_service_incomes, paid_service_tariffs`);
}
if ((await count('paid_service_tariffs')) === 0) {
  log('generating tariffs, incomes and payment categories…');
  await generatePaid(owner, hromadaId, N.paid);
}
if ((await count('visit_schedules')) === 0) {
  log('generating visit schedules…');
  await generateSchedules(owner, hromadaId, N.providers);
  await owner.query('ANALYZE'); // as autovacuum would leave the new tables
}
const acts = await count('service_acts');
const paidRecipients = Number(
  (
    await owner.query<{ n: string }>(
      `SELECT count(DISTINCT a.person_id) AS n FROM service_assignments a JOIN paid_service_tariffs t
         ON t.hromada_id = a.hromada_id AND t.agency_id = a.agency_id AND t.service_id = a.service_id
       WHERE a.hromada_id = $1`,
      [hromadaId],
    )
  ).rows[0].n,
);

// 3. The app, and signed-in clients (sessions as after a real sign-in with the second factor).
const app = await createApp(services, { logStream: servedLog(dataDir) });
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
async function signedIn(username: string): Promise<HttpClient> {
  const user = (await owner.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0].id;
  const token = crypto.randomBytes(32).toString('base64url');
  await owner.query(
    `INSERT INTO sessions (id_hash, user_id, hromada_id, mfa_passed, expires_at) VALUES ($1, $2, $3, true, now() + interval '2 hours')`,
    [sha256Hex(token), user, hromadaId],
  );
  const client = new HttpClient(base);
  client.cookies.set(services.sessions.cookieName, token);
  return client;
}
const manager = await signedIn('manager');

// 4. The month's invoice run (the last whole month) over the whole hromada, as the manager starts it; the month's
// invoices of a former run are removed first, so every run does the whole work.
const month = (
  await owner.query<{ m: string }>(
    `SELECT to_char(date_trunc('month', current_date) - interval '1 month', 'YYYY-MM') AS m`,
  )
).rows[0].m;
await owner.query(
  `DELETE FROM paid_service_payments WHERE invoice_id IN (SELECT id FROM paid_service_invoices WHERE month = $1::date)`,
  [`${month}-01`],
);
await owner.query(
  `DELETE FROM paid_service_invoice_lines WHERE invoice_id IN (SELECT id FROM paid_service_invoices WHERE month = $1::date)`,
  [`${month}-01`],
);
await owner.query('DELETE FROM paid_service_invoices WHERE month = $1::date', [`${month}-01`]);
await manager.get('/paid-services');
const runT0 = performance.now();
const run = await manager.post('/paid-services/run', { month, agencyId: '' });
const invoiceRunS = Math.round((performance.now() - runT0) / 100) / 10;
if (run.status !== 303) throw new Error(`invoice run answered ${run.status}: ${run.text.slice(0, 300)}`);
log(`invoice run of ${month}: ${invoiceRunS} s`);
const invoices = Number(
  (
    await owner.query<{ n: string }>('SELECT count(*) AS n FROM paid_service_invoices WHERE month = $1::date', [
      `${month}-01`,
    ])
  ).rows[0].n,
);
const rerunT0 = performance.now();
await manager.post('/paid-services/run', { month, agencyId: '' });
const invoiceRerunS = Math.round((performance.now() - rerunT0) / 100) / 10;
const invoicesAfterRerun = Number(
  (
    await owner.query<{ n: string }>('SELECT count(*) AS n FROM paid_service_invoices WHERE month = $1::date', [
      `${month}-01`,
    ])
  ).rows[0].n,
);

// The pages are timed on a warm database, as on a server that has been serving for a while: every table and index is
// read into the operating system's cache first (pg_prewarm 'read'; the invoice run above was timed cold). Timed and
// reported, so a run on a machine with less memory than the data says so.
const tw = performance.now();
await owner.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
const warmed = (
  await owner.query<{ blocks: string }>(
    `SELECT coalesce(sum(pg_prewarm(c.oid, 'read')), 0) AS blocks FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i') AND c.relpersistence = 'p'`,
  )
).rows[0].blocks;
const prewarmS = Math.round((performance.now() - tw) / 100) / 10;
const prewarmMb = Math.round((Number(warmed) * 8) / 1024);
log(`prewarm: ${prewarmMb} MB in ${prewarmS} s`);

// 5. A provider's month page (capacity, recipients against plan and contract, the month's acts) as its own staff see
// it: a random provider and a random month of the last two years each time.
const benchProviders = (
  await owner.query<{ id: number; n: number }>(
    `SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM agencies
     WHERE hromada_id = $1 AND name LIKE 'Надавач %' ORDER BY id`,
    [hromadaId],
  )
).rows;
const months = (
  await owner.query<{ m: string }>(
    `SELECT to_char(d, 'YYYY-MM') AS m FROM generate_series(date_trunc('month', current_date) - interval '23 months',
       date_trunc('month', current_date), interval '1 month') d`,
  )
).rows.map((r) => r.m);
const rnd2 = seededRandom(99);
const pickOf = <T>(xs: T[]) => xs[Math.floor(rnd2() * xs.length)];
const staffClients = new Map<string, HttpClient>();
const staffOf = async (providerN: number, k: number) => {
  const username = `bench-provider-${providerN}-${k}`;
  const known = staffClients.get(username);
  if (known) return known;
  const client = await signedIn(username);
  staffClients.set(username, client);
  return client;
};
const monthPageMs: number[] = [];
let monthPageBytes = 0;
for (let i = 0; i < Q + 5; i++) {
  const p = pickOf(benchProviders);
  const client = await staffOf(p.n, 0);
  const t0 = performance.now();
  const r = await client.get(`/service-acts/providers/${p.id}?month=${pickOf(months)}`);
  const ms = performance.now() - t0;
  if (r.status !== 200) throw new Error(`month page answered ${r.status}`);
  monthPageBytes = r.text.length;
  if (i >= 5) monthPageMs.push(ms); // the first five warm up
}
log(`month page: p50 ${percentile(monthPageMs, 50).toFixed(1)} ms, p95 ${percentile(monthPageMs, 95).toFixed(1)} ms`);

// 6. A week of acts for one worker from the week form (its 20 scheduled visits, all ticked) — a random worker and a
// past week each time; that worker's acts of that week are removed first (not timed), as if not yet entered.
const weekMs: number[] = [];
let weekRows = 0;
for (let i = 0; i < Q + 5; i++) {
  const p = pickOf(benchProviders);
  const k = Math.floor(rnd2() * STAFF_PER_PROVIDER);
  const client = await staffOf(p.n, k);
  const monday = (
    await owner.query<{ d: string }>(
      `SELECT to_char(date_trunc('week', current_date) - make_interval(weeks => $1), 'YYYY-MM-DD') AS d`,
      [1 + Math.floor(rnd2() * 90)],
    )
  ).rows[0].d;
  const workerId = (
    await owner.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [`bench-provider-${p.n}-${k}`])
  ).rows[0].id;
  await owner.query(
    `DELETE FROM service_acts WHERE hromada_id = $1 AND worker_id = $2 AND act_date BETWEEN $3::date AND $3::date + 6
       AND cancelled_at IS NULL`, // the worker's index covers acts in force; the week form leaves cancelled ones be
    [hromadaId, workerId, monday],
  );
  const page = await client.get(`/service-acts/providers/${p.id}/week?worker=${workerId}&date=${monday}`);
  if (page.status !== 200) throw new Error(`week page answered ${page.status}`);
  const fields = formFields(page.text, `/service-acts/providers/${p.id}/week`);
  const rows = Number(fields.rows);
  for (let n = 0; n < rows; n++) fields[`r${n}-take`] = 'yes';
  const t0 = performance.now();
  const r = await client.post(`/service-acts/providers/${p.id}/week`, fields);
  const ms = performance.now() - t0;
  if (r.status !== 303) throw new Error(`week answered ${r.status}: ${r.text.slice(0, 400)}`);
  weekRows = rows;
  if (i >= 5) weekMs.push(ms);
}

const rssMb = Math.round(process.memoryUsage().rss / 1048576);
await app.close();
await services.jobs.stop();
await owner.end();
await services.db.end();
await pgServer.stop();
const p = (xs: number[], q: number) => Math.round(percentile(xs, q) * 10) / 10;
const result = {
  size: SIZE,
  providers: N.providers,
  recipients: N.recipients,
  acts,
  generate_s: generateS,
  paid_recipients: paidRecipients,
  invoice_month: month,
  invoices,
  invoices_after_rerun: invoicesAfterRerun,
  invoice_run_s: invoiceRunS,
  invoice_rerun_s: invoiceRerunS,
  prewarm_mb: prewarmMb,
  prewarm_s: prewarmS,
  month_page_p50_ms: p(monthPageMs, 50),
  month_page_p95_ms: p(monthPageMs, 95),
  month_page_kb: Math.round(monthPageBytes / 1024),
  week_rows: weekRows,
  week_entry_p50_ms: p(weekMs, 50),
  week_entry_p95_ms: p(weekMs, 95),
  queries: Q,
  rss_mb: rssMb,
  load_avg_1m: Math.round(os.loadavg()[0] * 100) / 100,
};
process.stdout.write(`${JSON.stringify(result)}\n`);

/** The fields a browser would send with the form posting to `action`: inputs, checked boxes, each select's choice. */
function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input\b[^>]*>/g)) {
    const tag = m[0];
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    if (!name) continue;
    const type = /type="([^"]+)"/.exec(tag)?.[1] ?? 'text';
    if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(tag)) continue;
    out[name] = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
  }
  for (const m of form.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const options = [...m[2].matchAll(/<option\b[^>]*value="([^"]*)"[^>]*>/g)];
    const chosen = options.find((o) => /\sselected\b/.test(o[0])) ?? options[0];
    out[m[1]] = chosen?.[1] ?? '';
  }
  return out;
}
