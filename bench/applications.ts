/**
 * Applications benchmark: `npm run bench:applications -- --applications 100000 [--documents-per 10] [--queries 200]`.
 * Generates persons, applications (statuses and deadlines spread like a working office) and
 * document metadata into the embedded PostgreSQL (reused on the next run), starts the real app and
 * measures over loopback HTTP: the staff queue with filters (a manager's session), a resident's
 * cabinet list, and decision PDF generation. Prints its figures last as one line of JSON.
 */
import path from 'node:path';
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { buildAssets } from '../src/platform/assets.js';
import { createApp } from '../src/app.js';
import { sha256Hex } from '../src/platform/secrets.js';
import { DEMO_HROMADA_CODE } from '../db/seed/demo.js';
import { openBenchDemo, servedLog } from './demo-db.js';
import { issueDecision } from '../src/modules/decisions/decisions.issuer.js';
import { seededRandom } from './data/names.js';
import { generatePersons, insertPersonsBatch, type GeneratedPerson } from './generate.js';
import { percentile, timeIt } from './stats.js';

const { values } = parseArgs({
  options: {
    applications: { type: 'string', default: '100000' },
    'documents-per': { type: 'string', default: '10' },
    queries: { type: 'string', default: '200' },
    'data-dir': { type: 'string' },
  },
});
const N = Number(values.applications);
const DOCS = Number(values['documents-per']);
const Q = Number(values.queries);
const dataDir = path.resolve(values['data-dir'] ?? `bench-data/applications-${N}`);
const log = (m: string) => process.stderr.write(`${m}\n`);
const STATUSES: [string, number][] = [
  ['registered', 0.1],
  ['in_review', 0.2],
  ['needs_documents', 0.05],
  ['granted', 0.15],
  ['refused', 0.05],
  ['in_delivery', 0.25],
  ['completed', 0.17],
  ['withdrawn', 0.03],
];

await buildAssets();
const {
  pgServer: server,
  owner,
  services,
  hromadaId,
} = await openBenchDemo(dataDir, 55950, { API_RATE_PER_MINUTE: '1000000', LOG_LEVEL: 'info' });
const users = new Map(
  (
    await owner.query<{ username: string; id: string }>('SELECT username, id FROM users WHERE username IS NOT NULL')
  ).rows.map((r) => [r.username, r.id]),
);
const rnd = seededRandom(11);

// 1. Data: persons (one per 2 applications), applications, document metadata; reused when present.
if (Number((await owner.query<{ n: string }>('SELECT count(*) AS n FROM applications')).rows[0].n) < N) {
  const settlements = (
    await owner.query<{ code: string; district_id: number | null }>(
      `SELECT s.code, ds.district_id FROM settlements s LEFT JOIN district_settlements ds ON ds.settlement_code = s.code
     WHERE s.hromada_code = $1 ORDER BY s.category = 'M' DESC, s.code`,
      [DEMO_HROMADA_CODE],
    )
  ).rows;
  const districtOf = new Map(settlements.map((s) => [s.code, s.district_id]));
  const persons: { id: string; district: number | null }[] = [];
  let batch: GeneratedPerson[] = [];
  log(`generating ${Math.ceil(N / 2)} persons…`);
  for (const p of generatePersons(
    Math.ceil(N / 2),
    settlements.map((s) => s.code),
    5,
  )) {
    batch.push(p);
    if (batch.length === 5000) {
      const b = batch;
      const ids = await services.db.tx({ hromadaId }, (c) =>
        insertPersonsBatch(c, services, hromadaId, districtOf, b, rnd),
      );
      ids.forEach((id, i) => persons.push({ id, district: districtOf.get(b[i].settlementCode) ?? null }));
      batch = [];
    }
  }
  if (batch.length) {
    const b = batch;
    const ids = await services.db.tx({ hromadaId }, (c) =>
      insertPersonsBatch(c, services, hromadaId, districtOf, b, rnd),
    );
    ids.forEach((id, i) => persons.push({ id, district: districtOf.get(b[i].settlementCode) ?? null }));
  }
  const svc = (
    await owner.query<{ id: string; days: number }>(
      'SELECT id, max_processing_days AS days FROM services WHERE hromada_id = $1',
      [hromadaId],
    )
  ).rows;
  const staff = ['worker', 'manager'].map((u) => users.get(u)!);
  log(`generating ${N} applications with ${DOCS} documents each…`);
  for (let off = 0; off < N; off += 5000) {
    const cols: unknown[][] = Array.from({ length: 9 }, () => []);
    for (let i = off; i < Math.min(N, off + 5000); i++) {
      const p = persons[Math.floor(rnd() * persons.length)];
      const s = svc[Math.floor(rnd() * svc.length)];
      let u = rnd();
      let status = 'registered';
      for (const [st, share] of STATUSES) {
        if (u < share) {
          status = st;
          break;
        }
        u -= share;
      }
      const daysAgo = Math.floor(rnd() * 700);
      const reg = new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
      const deadline = new Date(Date.now() - (daysAgo - 14) * 86_400_000).toISOString().slice(0, 10);
      const year = reg.slice(0, 4);
      [
        crypto.randomUUID(),
        `СП-${year}-${String(i + 1).padStart(7, '0')}`,
        p.id,
        s.id,
        status,
        p.district,
        reg,
        deadline,
        rnd() < 0.7 ? staff[i % 2] : null,
      ].forEach((v, k) => cols[k].push(v));
    }
    await owner.query(
      `INSERT INTO applications (id, hromada_id, registration_number, person_id, service_id, channel, status, district_id,
         submitted_at, registered_at, registered_on, processing_days, deadline, assignee_id)
       SELECT id, $1, rn, pid, sid, 'front_office', st, di, rd::timestamptz, rd::timestamptz, rd, 10, dl, asg
       FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::int[], $8::date[], $9::date[], $10::uuid[])
         AS u(id, rn, pid, sid, st, di, rd, dl, asg)`,
      [hromadaId, ...cols],
    );
    await owner.query(
      `INSERT INTO application_documents (hromada_id, application_id, requirement, file_name, content_type, size, sha256, storage_key)
       SELECT $1, a, 'Документ ' || g, 'document-' || g || '.pdf', 'application/pdf', 50000 + g * 1000,
         encode(sha256((a::text || g)::bytea), 'hex'), gen_random_uuid()
       FROM unnest($2::uuid[]) AS a CROSS JOIN generate_series(1, $3) AS g`,
      [hromadaId, cols[0], DOCS],
    );
    if ((off / 5000) % 4 === 0) log(`  ${off + 5000}`);
  }
  // The demo resident follows the applications of two persons.
  for (const p of persons.slice(0, 2)) {
    await owner.query(
      `INSERT INTO resident_persons (user_id, person_id, hromada_id, verified_by)
      SELECT id, $1, $2, 'oidc' FROM users WHERE email = 'resident@example.com' ON CONFLICT DO NOTHING`,
      [p.id, hromadaId],
    );
  }
  await owner.query('ANALYZE');
}

// 2. The app, a manager's and the resident's sessions (as after a real sign-in).
const app = await createApp(services, { logStream: servedLog(dataDir) });
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
async function session(userId: string, staff: boolean) {
  const token = crypto.randomBytes(32).toString('base64url');
  await owner.query(
    `INSERT INTO sessions (id_hash, user_id, hromada_id, mfa_passed, expires_at) VALUES ($1, $2, $3, true, now() + interval '2 hours')`,
    [sha256Hex(token), userId, staff ? hromadaId : null],
  );
  return `${services.sessions.cookieName}=${token}`;
}
const manager = await session(users.get('manager')!, true);
const resident = await session(
  (await owner.query<{ id: string }>("SELECT id FROM users WHERE email = 'resident@example.com'")).rows[0].id,
  false,
);
const get = async (url: string, cookie: string) => {
  const res = await fetch(base + url, { headers: { cookie } });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url.split('?')[0]} → ${res.status}`);
  return body;
};
const svcIds = (
  await owner.query<{ id: string }>('SELECT id FROM services WHERE hromada_id = $1', [hromadaId])
).rows.map((r) => r.id);
const districts = (
  await owner.query<{ id: number }>('SELECT id FROM districts WHERE hromada_id = $1', [hromadaId])
).rows.map((r) => r.id);
const filters = [
  '',
  'status=in_review',
  'due=overdue',
  'due=at_risk',
  `serviceId=${svcIds[0]}`,
  `districtId=${districts[1]}`,
  `status=registered&districtId=${districts[2]}`,
  `assignee=${users.get('worker')}`,
  'status=needs_documents',
  'page=3',
];
const queueUrls = Array.from({ length: Q }, (_, i) => `/applications?${filters[i % filters.length]}`);
await get(queueUrls[0], manager);
const queueMs = await timeIt(queueUrls, (u) => get(u, manager));
const cabinetMs = await timeIt(Array.from({ length: Q }), () => get('/cabinet/applications', resident));

// 3. Decision PDFs: decisions issued through the real use-case, then rendered over HTTP.
const granted = (
  await owner.query<{ id: string; registration_number: string }>(
    `SELECT a.id, a.registration_number FROM applications a WHERE a.status = 'granted'
     AND NOT EXISTS (SELECT 1 FROM decision_documents d WHERE d.application_id = a.id) LIMIT 50`,
  )
).rows;
for (const a of granted) {
  await services.db.tx({ hromadaId }, (c) =>
    issueDecision(c, {
      box: services.box,
      hromadaId,
      applicationId: a.id,
      registrationNumber: a.registration_number,
      kind: 'granted',
    }),
  );
}
const withDecision = (
  await owner.query<{ application_id: string }>('SELECT application_id FROM decision_documents LIMIT 50')
).rows;
await get(`/applications/${withDecision[0].application_id}/decision.pdf`, manager);
const pdfMs = await timeIt(withDecision, (d) => get(`/applications/${d.application_id}/decision.pdf`, manager));
const counts = (
  await owner.query<{ a: string; d: string }>(
    'SELECT (SELECT count(*) FROM applications) AS a, (SELECT count(*) FROM application_documents) AS d',
  )
).rows[0];
const rssMb = Math.round(process.memoryUsage().rss / 1048576);

await app.close();
await services.jobs.stop();
await services.db.end();
await owner.end();
await server.stop();

const p = (xs: number[], q: number) => Math.round(percentile(xs, q) * 10) / 10;
process.stdout.write(
  `${JSON.stringify({
    applications: Number(counts.a),
    documents: Number(counts.d),
    queries: Q,
    queue_p50_ms: p(queueMs, 50),
    queue_p95_ms: p(queueMs, 95),
    cabinet_p50_ms: p(cabinetMs, 50),
    cabinet_p95_ms: p(cabinetMs, 95),
    decision_pdf_p50_ms: p(pdfMs, 50),
    decision_pdf_p95_ms: p(pdfMs, 95),
    decision_pdf_max_ms: p(pdfMs, 100),
    rss_mb: rssMb,
  })}\n`,
);
