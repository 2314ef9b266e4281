/**
 * Analytics benchmark (issue 13): `npm run bench:analytics -- [--size full|medium|small]`.
 * Full size, in one hromada: 1,000,000 persons, 100,000 cases (each with a plan handed to a provider) and 10,000,000
 * service acts over two years, 200,000 applications and categories for a third of the persons; `medium` is 1/10,
 * `small` 1/100 (about a minute). The data directory (bench-data/analytics-<size>) is reused by the next run.
 * Then the two real plans and a plan of twelve indicators bound to metrics are imported and published, and timed:
 * the staff dashboard (the first request asking the background job for the kept figures, until they are ready, then as
 * kept), the recompute of all kept figures
 * by the background job, one computed indicator for one year with all its breakdowns (the metrics page), the annual
 * report (the background job, from the request to the finished PDF and XLSX), the public plan page (the same kept
 * figures) and the social passport. Prints its figures last as one line of JSON.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from './data/names.js';
import { openBenchDemo, servedLog } from './demo-db.js';
import { generateDelivery } from './delivery-data.js';
import { generatePersons, insertPersonsBatch, type GeneratedPerson } from './generate.js';
import { percentile } from './stats.js';
import { createApp } from '../src/app.js';
import { buildAssets } from '../src/platform/assets.js';
import { actorForUser, loadUserRow } from '../src/platform/actor.js';
import { collectHooks } from '../src/platform/modules.js';
import { sha256Hex } from '../src/platform/secrets.js';
import { MODULES } from '../src/modules/index.js';
import { importPlan } from '../src/modules/action-plans/use-cases/import-plan.js';
import { metricsOf } from '../src/modules/metrics/metrics.registry.js';
import type { TenantActor } from '../src/platform/policy.js';
import { HttpClient } from '../tests/helpers/http.js';

const SIZES = { full: 1, medium: 10, small: 100 } as const;
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'full' },
    'data-dir': { type: 'string' },
    queries: { type: 'string' },
  },
});
if (!(values.size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
const SIZE = values.size as keyof typeof SIZES;
const DIV = SIZES[SIZE];
const N = {
  persons: 1_000_000 / DIV,
  providers: 2_000 / DIV,
  recipients: 100_000 / DIV,
  acts: 10_000_000 / DIV,
  applications: 200_000 / DIV,
};
const Q = Number(values.queries ?? (SIZE === 'small' ? 20 : 40));
const dataDir = path.resolve(values['data-dir'] ?? `bench-data/analytics-${SIZE}`);
const log = (m: string) => process.stderr.write(`${m}\n`);
const round1 = (x: number) => Math.round(x * 10) / 10;

await buildAssets();
const { pgServer, owner, services, hromadaId, districtOf, settlementCodes } = await openBenchDemo(dataDir, 56400, {
  RATE_PER_MINUTE: '10000000',
  LOG_LEVEL: 'info',
});
const count = async (table: string) =>
  Number((await owner.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

// 1. Persons (the registry's encodings), then providers, cases and acts (the delivery benchmark's generator).
const rnd = seededRandom(13);
const havePersons = await count('persons');
if (havePersons < N.persons) {
  log(`generating ${N.persons - havePersons} persons…`);
  let batch: GeneratedPerson[] = [];
  const flush = async () => {
    const b = batch;
    await services.db.tx({ hromadaId }, (c) => insertPersonsBatch(c, services, hromadaId, districtOf, b, rnd));
    batch = [];
  };
  for (const p of generatePersons(N.persons - havePersons, settlementCodes, havePersons + 1)) {
    batch.push(p);
    if (batch.length === 5000) await flush();
  }
  if (batch.length) await flush();
}
if ((await count('service_acts')) === 0) {
  log('generating providers, cases and acts…');
  await generateDelivery(owner, hromadaId, { providers: N.providers, recipients: N.recipients, acts: N.acts });
}
// Categories for a third of the persons, applications over two years (granted, refused, waiting).
const benchApplications = Number(
  (await owner.query<{ n: string }>(`SELECT count(*) AS n FROM applications WHERE registration_number LIKE 'А-%'`))
    .rows[0].n,
);
if (benchApplications === 0) {
  log('generating categories and applications…');
  await owner.query('SELECT setseed(0.13)');
  await owner.query(
    `INSERT INTO person_categories (hromada_id, person_id, code, valid_from)
     SELECT $1, p.id, (ARRAY['disability_2', 'idp', 'veteran', 'large_family', 'elderly_alone'])[1 + (abs(hashtext(p.id::text)) % 5)],
       current_date - 900
     FROM persons p WHERE p.hromada_id = $1 AND abs(hashtext(p.id::text)) % 3 = 0
       AND NOT EXISTS (SELECT 1 FROM person_categories c WHERE c.hromada_id = $1 AND c.person_id = p.id)`,
    [hromadaId],
  );
  await owner.query(
    `INSERT INTO applications (hromada_id, registration_number, person_id, service_id, channel, status, refusal_reason,
       submitted_at, registered_at, registered_on, processing_days, deadline, decided_at)
     SELECT $1, 'А-' || lpad(g::text, 8, '0'), p.id, s.id,
       (ARRAY['online', 'front_office', 'starosta'])[1 + g % 3],
       (ARRAY['granted', 'granted', 'refused', 'registered'])[1 + g % 4],
       CASE WHEN g % 4 = 2 THEN 'Немає підстав' END,
       d::timestamptz, d::timestamptz, d, 10, d + 10,
       CASE WHEN g % 4 IN (0, 1, 2) THEN (d + 1 + g % 9)::timestamptz END
     FROM generate_series(1, $2) g
     CROSS JOIN LATERAL (SELECT current_date - (g % 720) AS d) dd
     -- The (g·7919 mod n)-th person by id: numbered once and joined (an OFFSET per row walks the index each time).
     JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM persons WHERE hromada_id = $1) p
       ON p.rn = (g::bigint * 7919) % $3
     JOIN LATERAL (SELECT id FROM services WHERE hromada_id = $1 AND active ORDER BY id OFFSET g % 5 LIMIT 1) s ON true`,
    [hromadaId, N.applications, N.persons],
  );
  await owner.query('ANALYZE');
}
const persons = await count('persons');
const cases = await count('cases');
const acts = await count('service_acts');
const applications = await count('applications');
log(`data: ${persons} persons, ${cases} cases, ${acts} acts, ${applications} applications`);

// 2. The app with its background jobs, a signed-in manager, the plans.
await services.jobs.start();
const hooks = collectHooks(MODULES);
const app = await createApp(services, { logStream: servedLog(dataDir) });
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
const managerRow = (await owner.query<{ id: string }>(`SELECT id FROM users WHERE username = 'manager'`)).rows[0];
const token = crypto.randomBytes(32).toString('base64url');
await owner.query(
  `INSERT INTO sessions (id_hash, user_id, hromada_id, mfa_passed, expires_at) VALUES ($1, $2, $3, true, now() + interval '2 hours')`,
  [sha256Hex(token), managerRow.id, hromadaId],
);
const manager = new HttpClient(base);
manager.cookies.set(services.sessions.cookieName, token);
const user = await loadUserRow(services.db, managerRow.id);
if (!user) throw new Error('no manager');
const actor = (await actorForUser(services.db, user, hromadaId, 'session')) as TenantActor;

const year = new Date().getFullYear();
const fixture = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../tests/fixtures/action-plans', name), 'utf8'));
const BOUND: [string, string][] = [
  ['delivery.personsServed', 'осіб'],
  ['delivery.familiesServed', 'сімей'],
  ['delivery.childrenInFamiliesServed', 'дітей'],
  ['delivery.acts', 'актів'],
  ['delivery.hours', 'годин'],
  ['applications.received', 'заяв'],
  ['applications.granted', 'заяв'],
  ['applications.decisionDays', 'днів'],
  ['applications.waiting', 'осіб'],
  ['cases.opened', 'випадків'],
  ['registry.personsWithCategory', 'осіб'],
  ['staff.trained', 'фахівців'],
];
const analytic = {
  hromada: 'Демонстраційна громада',
  document: {
    title: `План моніторингу (бенчмарк) ${year - 1}–${year}`,
    approved_by: 'Рада',
    number: 'B-1',
    date: `${year - 1}-01-15`,
    period: { from: year - 1, to: year },
  },
  values: [],
  strategic_goals: [
    {
      code: '1',
      title: 'Послуги',
      operational_goals: [
        {
          code: '1.1',
          title: 'Охоплення',
          tasks: BOUND.map(([metric, unit], k) => ({
            code: `1.1.${k + 1}`,
            title: `Захід ${k + 1}`,
            executors: ['Центр надання соціальних послуг'],
            period: `${year - 1}–${year}`,
            indicators: [
              {
                name: `Показник ${metric}`,
                unit,
                baseline: 0,
                targets: { [String(year - 1)]: 1000, [String(year)]: 1200 },
                actuals: {},
                responsible: null,
                metric,
              },
            ],
            expected_result: null,
            funding_sources: [
              {
                source: 'Місцевий бюджет',
                kind: 'local',
                amounts: [{ year: year - 1, planned: 100000, actual: 90000 }],
              },
            ],
          })),
        },
      ],
    },
  ],
  monitoring: null,
};
const ids: number[] = [];
for (const json of [fixture('nizhyn-2025.json'), fixture('starobilsk-2021.json'), analytic]) {
  const r = await importPlan({ services, actor, hooks, json });
  ids.push(r.id);
}
const planId = ids[2];
await owner.query(`UPDATE action_plans SET status = 'published' WHERE id = ANY($1::bigint[])`, [ids]);
const code = (await owner.query<{ code: string }>('SELECT code FROM hromadas WHERE id = $1', [hromadaId])).rows[0].code;

async function timeGets(client: HttpClient, url: string, n: number): Promise<number[]> {
  const ms: number[] = [];
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    const r = await client.get(url);
    ms.push(performance.now() - t0);
    if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
  }
  return ms;
}

// 3. The staff dashboard of each plan (decision 0035): the first request asks the background job for the figures
// (none kept from an earlier run) — timed until all are computed — and the next ones show them as kept.
await owner.query('DELETE FROM metric_figures');
const pendingFigures = async () =>
  Number(
    (
      await owner.query<{ n: string }>(
        'SELECT count(*) AS n FROM metric_figures WHERE hromada_id = $1 AND total IS NULL',
        [hromadaId],
      )
    ).rows[0].n,
  );
const dashMs: Record<string, number[]> = {};
const dashFirstMs: Record<string, number> = {};
const firstFiguresS: Record<string, number> = {};
for (const [name, id] of [
  ['nizhyn', ids[0]],
  ['starobilsk', ids[1]],
  ['analytic', planId],
] as const) {
  const t0 = performance.now();
  [dashFirstMs[name]] = await timeGets(manager, `/action-plans/${id}/dashboard`, 1);
  while ((await pendingFigures()) > 0) await new Promise((r) => setTimeout(r, 100));
  firstFiguresS[name] = (performance.now() - t0) / 1000;
  dashMs[name] = await timeGets(manager, `/action-plans/${id}/dashboard`, Math.max(5, Math.round(Q / 4)));
  log(
    `dashboard ${name}: first ${round1(dashFirstMs[name])} ms (figures ready after ${round1(firstFiguresS[name])} s), then p95 ${round1(percentile(dashMs[name], 0.95))} ms`,
  );
}

// «Перерахувати зараз» on the analytic plan: every kept figure computed again by the background job.
const refreshAsked = new Date();
await manager.get(`/action-plans/${planId}/dashboard`);
const t3 = performance.now();
const refreshed = await manager.post(`/action-plans/${planId}/figures/refresh`, {});
if (refreshed.status !== 303) throw new Error(`refresh answered ${refreshed.status}`);
for (;;) {
  const left = await owner.query<{ n: string }>(
    'SELECT count(*) AS n FROM metric_figures WHERE hromada_id = $1 AND computed_at < $2',
    [hromadaId, refreshAsked],
  );
  if (Number(left.rows[0].n) === 0) break;
  await new Promise((r) => setTimeout(r, 200));
}
const figuresRefreshS = (performance.now() - t3) / 1000;
const keptFigures = Number(
  (await owner.query<{ n: string }>('SELECT count(*) AS n FROM metric_figures WHERE hromada_id = $1', [hromadaId]))
    .rows[0].n,
);
log(`recompute of ${keptFigures} kept figures by the job: ${round1(figuresRefreshS)} s`);

// 4. One computed indicator for one year with every breakdown it has: the metrics page, «Усі розрізи» (three times).
const metric = metricsOf(hooks).get('delivery.personsServed');
if (!metric) throw new Error('no metric');
const allBreakdownsMs = await timeGets(manager, `/metrics?metric=${metric.key}&period=${year - 1}&breakdown=all`, 3);
log(
  `one indicator with all ${metric.breakdowns.length} breakdowns: ${allBreakdownsMs.map((x) => round1(x)).join(', ')} ms`,
);
const indicatorAllBreakdownsS = Math.max(...allBreakdownsMs) / 1000;

// 5. The annual report of last year: from the request to the finished files.
await manager.get(`/action-plans/${planId}/reports/new`);
const t5 = performance.now();
const asked = await manager.post(`/action-plans/${planId}/reports`, { kind: 'annual', year: String(year - 1) });
if (asked.status !== 303) throw new Error(`report request answered ${asked.status}`);
const reportId = (asked.headers.get('location') ?? '').split('/').pop();
let reportStatus = 'queued';
while (reportStatus !== 'done') {
  await new Promise((r) => setTimeout(r, 100));
  reportStatus = (await owner.query<{ status: string }>('SELECT status FROM plan_reports WHERE id = $1', [reportId]))
    .rows[0].status;
  if (reportStatus === 'failed') throw new Error('the report failed');
}
const annualReportS = (performance.now() - t5) / 1000;
const sizes = (
  await owner.query<{ pdf: number; xlsx: number }>(
    'SELECT octet_length(pdf) AS pdf, octet_length(xlsx) AS xlsx FROM plan_reports WHERE id = $1',
    [reportId],
  )
).rows[0];
log(`annual report: ${round1(annualReportS)} s (PDF ${sizes.pdf} B, XLSX ${sizes.xlsx} B)`);

// 6. The public plan page (no login; computed figures kept five minutes: the first request computes them).
const anonymous = new HttpClient(base);
const publicUrl = `/hromadas/${code}/plans/${planId}`;
const [publicFirstMs] = await timeGets(anonymous, publicUrl, 1);
const publicMs = await timeGets(anonymous, publicUrl, Q);
log(`public page: first ${round1(publicFirstMs)} ms, p95 ${round1(percentile(publicMs, 0.95))} ms`);
const passportMs = await timeGets(anonymous, `/hromadas/${code}/passport`, Math.max(5, Math.round(Q / 4)));
log(`passport: p95 ${round1(percentile(passportMs, 0.95))} ms`);

await app.close();
await services.jobs.stop();
await owner.end();
await services.db.end();
await pgServer.stop();

const p95 = (xs: number[]) => round1(percentile(xs, 0.95));
console.log(
  JSON.stringify({
    size: SIZE,
    persons,
    cases,
    service_acts: acts,
    applications,
    computed_indicators: BOUND.length,
    dashboard_analytic_first_ms: round1(dashFirstMs.analytic),
    dashboard_analytic_figures_ready_s: round1(firstFiguresS.analytic),
    dashboard_analytic_p95_ms: p95(dashMs.analytic),
    dashboard_nizhyn_p95_ms: p95(dashMs.nizhyn),
    dashboard_starobilsk_p95_ms: p95(dashMs.starobilsk),
    kept_figures: keptFigures,
    figures_refresh_s: round1(figuresRefreshS),
    indicator_all_breakdowns_s: round1(indicatorAllBreakdownsS),
    breakdowns: metric.breakdowns.length,
    annual_report_s: round1(annualReportS),
    report_pdf_kb: Math.round(sizes.pdf / 1024),
    public_first_ms: round1(publicFirstMs),
    public_p95_ms: p95(publicMs),
    passport_p95_ms: p95(passportMs),
  }),
);
