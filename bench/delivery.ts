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
import { openBenchDemo } from './demo-db.js';
import { generateDelivery, generatePaid } from './delivery-data.js';
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
  },
});
if (!(values.size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
const SIZE = values.size as keyof typeof SIZES;
const DIV = SIZES[SIZE];
const N = { providers: 2_000 / DIV, recipients: 200_000 / DIV, acts: 10_000_000 / DIV, paid: 10_000 / DIV };
const dataDir = path.resolve(values['data-dir'] ?? `bench-data/delivery-${SIZE}`);
const log = (m: string) => process.stderr.write(`${m}\n`);

await buildAssets();
const { pgServer, owner, services, hromadaId, districtOf, settlementCodes } = await openBenchDemo(dataDir, 56300);
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
const app = await createApp(services, { logger: false });
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

const rssMb = Math.round(process.memoryUsage().rss / 1048576);
await app.close();
await services.jobs.stop();
await owner.end();
await services.db.end();
await pgServer.stop();
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
  rss_mb: rssMb,
  load_avg_1m: Math.round(os.loadavg()[0] * 100) / 100,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
