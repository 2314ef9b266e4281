/**
 * Visits benchmark (issue 14): `npm run bench:outreach -- [--size small|full] [--attempts N --slots M]`.
 * Starts the real app on an embedded PostgreSQL (bench-data/outreach, reused), opens a new office with one service
 * (half-hour visits, one seat, every day 08:00–18:00) and sends `attempts` booking requests for `slots` free times
 * (each time wanted by attempts/slots callers, in shuffled order) all at once from a client in its own process,
 * through `POST /api/v1/appointments`. Checks that exactly one booking per slot was made and every other request was
 * told 409, and prints the latency of the requests. It does it twice: first each request on a new connection (a burst
 * of connections), then for `slots` other times with each caller's connection already open (from reading the free
 * times, as the booking page does — the `open_connections_*` figures). Prints its figures last as one line of JSON.
 *
 * Then the outreach workstation's two figures: a trip of `persons` residents (generated in one of the hromada's
 * settlements) is planned, and the worker's package — the trip's residents, the whole catalogue, the offices and
 * settlements — is downloaded by Debian's Chromium with the network emulated at a slow-3G profile (400 kbit/s, 400 ms
 * latency): its size on the wire and unpacked, and the time until it is in the page. Then `apps` offline applications,
 * each with one document of `doc-kb` KB (a JPEG header and random bytes), are synced one operation per request as the
 * workstation does, and synced again (every operation must come back «repeated», nothing twice).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { buildAssets } from '../src/platform/assets.js';
import { createApp } from '../src/app.js';
import { actorForUser, loadUserRow } from '../src/platform/actor.js';
import { addDays, kyivToday } from '../src/platform/dates.js';
import { demoCredentials, DEMO_HROMADA_CODE } from '../db/seed/demo.js';
import { openBenchDemo, servedLog } from './demo-db.js';
import { saveOffice } from '../src/modules/appointments/use-cases/save-office.js';
import { changeOfficeSetup } from '../src/modules/appointments/use-cases/change-office-setup.js';
import { startLoadClient } from './load-client.js';
import { percentile } from './stats.js';
import { pauseTimings, switchTimingsOn, type RequestTimings } from '../src/platform/timings.js';
import { chromium } from 'playwright-core';
import { saveTrip } from '../src/modules/outreach/use-cases/save-trip.js';
import { generatePersons, insertPersonsBatch } from './generate.js';
import { seededRandom } from './data/names.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'full' },
    attempts: { type: 'string' },
    slots: { type: 'string' },
    persons: { type: 'string' },
    apps: { type: 'string' },
    'doc-kb': { type: 'string' },
    'data-dir': { type: 'string' },
  },
});
const small = values.size === 'small';
const ATTEMPTS = Number(values.attempts ?? (small ? 200 : 1000));
const SLOTS = Number(values.slots ?? (small ? 20 : 100));
const PERSONS = Number(values.persons ?? (small ? 200 : 2000));
const APPS = Number(values.apps ?? (small ? 20 : 200));
const DOC_KB = Number(values['doc-kb'] ?? 1024);
const dataDir = path.resolve(values['data-dir'] ?? 'bench-data/outreach');
const log = (m: string) => process.stderr.write(`${m}\n`);
/** Connections the kernel dropped because a listen queue was full (Linux; 0 where it cannot be read). */
function listenOverflows(): number {
  try {
    const lines = fs
      .readFileSync('/proc/net/netstat', 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('TcpExt:'));
    const names = lines[0].split(/\s+/);
    return Number(lines[1].split(/\s+/)[names.indexOf('ListenOverflows')]) || 0;
  } catch {
    return 0;
  }
}

await buildAssets();
const {
  pgServer: server,
  owner,
  services,
  hromadaId,
} = await openBenchDemo(dataDir, 55970, {
  API_RATE_PER_MINUTE: '1000000',
  RATE_PER_MINUTE: '1000000',
  LOG_LEVEL: 'info',
});

// 1. A new office for this run, with one service of the catalogue: 20 half-hour times a day from tomorrow.
const managerRow = await loadUserRow(
  services.db,
  (await owner.query<{ id: string }>("SELECT id FROM users WHERE username = 'manager'")).rows[0].id,
);
if (!managerRow) throw new Error('no demo manager');
const manager = await actorForUser(services.db, managerRow, hromadaId, 'session');
const serviceId = (
  await owner.query<{ id: string }>('SELECT id FROM services WHERE hromada_id = $1 AND active ORDER BY name LIMIT 1', [
    hromadaId,
  ])
).rows[0].id;
const o = { services, actor: manager };
// The callers' phone numbers repeat between runs (a number has room for three random digits), and the same number at
// the same time is one person, refused a second visit even at another office: earlier runs' visits are cancelled first.
await owner.query(
  `UPDATE appointments SET status = 'cancelled', cancelled_at = now()
   WHERE status = 'booked' AND office_id IN (SELECT id FROM offices WHERE name LIKE 'Бенчмарк запису %')`,
);
const officeId = await saveOffice({
  ...o,
  id: null,
  input: {
    name: `Бенчмарк запису ${new Date().toISOString()}`,
    kind: 'front_office',
    districtId: null,
    address: null,
    active: true,
    windows: 1,
    videoUrl: null,
  },
});
const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  opens: '08:00',
  closes: '18:00',
  breakStarts: null,
  breakEnds: null,
}));
await changeOfficeSetup({ ...o, officeId, change: { kind: 'hours', hours } });
await changeOfficeSetup({ ...o, officeId, change: { kind: 'service', serviceId, slotMinutes: 30, seats: 1 } });
// SLOTS times for each of the two races (the second race's times follow the first's), 20 a day from tomorrow.
const starts: string[] = [];
for (let d = 1; starts.length < 2 * SLOTS; d++)
  for (let h = 0; h < 20 && starts.length < 2 * SLOTS; h++) {
    const m = 8 * 60 + h * 30;
    starts.push(`${addDays(kyivToday(), d)}T${String(Math.floor(m / 60)).padStart(2, '0')}:${m % 60 ? '30' : '00'}`);
  }

// 2. The app and a front-office API token; the server records where each call's time goes (single bookings).
const timings: RequestTimings[] = [];
switchTimingsOn((t) => timings.push(t));
// The app as served, with its request log (to a file beside the data).
const app = await createApp(services, { logStream: servedLog(dataDir) });
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/v1`;
const token = `tb_bench_${crypto.randomBytes(12).toString('hex')}`;
await owner.query(
  `INSERT INTO api_tokens (hromada_id, user_id, name, token_hash, prefix)
   SELECT $1, id, 'bench', $2, $3 FROM users WHERE username = 'frontdesk'`,
  [hromadaId, crypto.createHash('sha256').update(token).digest('hex'), token.slice(0, 7)],
);
const client = startLoadClient(base, { authorization: `Bearer ${token}` });

// 3. Every caller at once, each time wanted by ATTEMPTS / SLOTS of them, shuffled. Phone numbers are new in each run
// (the same number at the same time is the same person, refused as a second visit).
const run3 = crypto.randomInt(100, 1000);
const raceRequests = (race: number) => {
  const requests = Array.from({ length: ATTEMPTS }, (_, i) => ({
    url: '/appointments',
    body: {
      officeId,
      serviceId,
      start: starts[race * SLOTS + (i % SLOTS)],
      contact: { name: `Абонент ${i}`, phone: `+3806${7 + race}${run3}${String(i).padStart(4, '0')}` },
    },
  }));
  for (let i = requests.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [requests[i], requests[j]] = [requests[j], requests[i]];
  }
  return requests;
};
const requests = raceRequests(0);
// One caller at a time first (times a month ahead): the cost of one booking without waiting, and a warm server.
const single = await client.run(
  Array.from({ length: 40 }, (_, i) => ({
    url: '/appointments',
    body: {
      officeId,
      serviceId,
      start: `${addDays(kyivToday(), 30 + Math.floor(i / 20))}T${String(8 + Math.floor((i % 20) / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
      contact: { name: `Один ${i}`, phone: `+38050${run3}${String(i).padStart(4, '0')}` },
    },
  })),
  1,
  true,
);
if (single.statuses.some((s) => s !== 201)) throw new Error(`single bookings: ${single.statuses.join(',')}`);
const phaseNames = [...new Set(timings.slice(10).flatMap((t) => Object.keys(t.phases)))];
const phases = Object.fromEntries(
  phaseNames.map((p) => [
    `single_${p}_p50_ms`,
    Number(
      percentile(
        timings.slice(10).map((t) => t.phases[p] ?? 0),
        50,
      ).toFixed(2),
    ),
  ]),
);
const queriesPerBooking = percentile(
  timings.slice(10).map((t) => t.queries),
  50,
);
pauseTimings(true);
// The harness's own floor: the same requests, all at once, to a server in this process that reads each body and
// answers 409 with no work at all — what the client, the loopback and one Node event loop cost on this machine.
const floorServer = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(409, { 'content-type': 'application/json; charset=utf-8' });
    res.end('{"error":{"code":"conflict","message":"Цей час щойно зайняли"}}');
  });
});
await new Promise<void>((resolve) => floorServer.listen(0, '127.0.0.1', resolve));
const floorAddr = floorServer.address();
const floorBase = `http://127.0.0.1:${typeof floorAddr === 'object' && floorAddr ? floorAddr.port : 0}/api/v1`;
const floorClient = startLoadClient(floorBase, { authorization: `Bearer ${token}` });
log(`harness floor: ${ATTEMPTS} requests at once to a server that does nothing …`);
const overflowsAtStart = listenOverflows();
const floor = await floorClient.run(requests, ATTEMPTS, true);
floorClient.stop();
// The same on open connections: each caller's connection is already there (from reading the free times, as the
// booking page does), so the burst is of requests, not of new connections.
const warmFloorClient = startLoadClient(floorBase, { authorization: `Bearer ${token}` });
const warmFloor = await warmFloorClient.run(requests, ATTEMPTS, true, '/offices');
warmFloorClient.stop();
floorServer.close();
log(`booking: ${ATTEMPTS} requests for ${SLOTS} times at once, each on a new connection …`);
const overflowsBeforeRace = listenOverflows();
const run = await client.run(requests, ATTEMPTS, true);
const overflowsInRace = listenOverflows() - overflowsBeforeRace;
client.stop();
log(`booking: ${ATTEMPTS} requests for ${SLOTS} other times at once, each on its open connection …`);
const warmClient = startLoadClient(base, { authorization: `Bearer ${token}` });
const warmRun = await warmClient.run(
  raceRequests(1),
  ATTEMPTS,
  true,
  `/offices/${officeId}/slots?serviceId=${serviceId}`,
);
warmClient.stop();
const count = (s: number, r = run) => r.statuses.filter((x) => x === s).length;
const bookedIn = async (race: number) =>
  (
    await owner.query<{ n: number; slots: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT starts_at)::int AS slots FROM appointments
       WHERE office_id = $1 AND status = 'booked' AND starts_at >= ($2::timestamp AT TIME ZONE 'Europe/Kyiv')
         AND starts_at <= ($3::timestamp AT TIME ZONE 'Europe/Kyiv')`,
      [officeId, starts[race * SLOTS], starts[race * SLOTS + SLOTS - 1]],
    )
  ).rows[0];
const booked = await bookedIn(0);
const bookedWarm = await bookedIn(1);

// 4. An outreach trip of PERSONS residents and the worker's package at a slow-3G profile.
log(`outreach: a trip of ${PERSONS} residents, its package at slow 3G …`);
const pageBase = base.replace(/\/api\/v1$/, '');
const { rows: places } = await owner.query<{ code: string; district_id: number | null }>(
  `SELECT s.code, ds.district_id FROM settlements s LEFT JOIN district_settlements ds ON ds.settlement_code = s.code
   WHERE s.hromada_code = $1 ORDER BY s.code`,
  [DEMO_HROMADA_CODE],
);
const village = places[places.length - 1];
const workerId = (await owner.query<{ id: string }>("SELECT id FROM users WHERE username = 'worker'")).rows[0].id;
const rnd = seededRandom(crypto.randomInt(1_000_000));
const generated = [...generatePersons(PERSONS, [village.code], crypto.randomInt(1_000_000))].map((p) => ({
  ...p,
  rnokpp: null,
  settlementCode: village.code,
}));
const districtOf = new Map([[village.code, village.district_id]]);
const personIds: string[] = [];
for (let i = 0; i < generated.length; i += 1000)
  personIds.push(
    ...(await services.db.tx({ hromadaId }, (c) =>
      insertPersonsBatch(c, services, hromadaId, districtOf, generated.slice(i, i + 1000), rnd),
    )),
  );
const tripId = await saveTrip({
  ...o,
  id: null,
  input: {
    date: addDays(kyivToday(), 1),
    title: `Бенчмарк виїзду ${new Date().toISOString()}`,
    vehicleId: null,
    settlements: [village.code],
    staff: [workerId],
  },
});
await owner.query(
  `INSERT INTO outreach_stops (hromada_id, trip_id, person_id, position, source)
   SELECT $1, $2, p, n, 'manual' FROM unnest($3::uuid[]) WITH ORDINALITY AS x(p, n)`,
  [hromadaId, tripId, personIds],
);
// The worker's session (second factor passed), as after signing in.
const sessionToken = crypto.randomBytes(32).toString('base64url');
await owner.query(
  `INSERT INTO sessions (id_hash, user_id, hromada_id, mfa_passed, expires_at) VALUES ($1, $2, $3, true, now() + interval '2 hours')`,
  [crypto.createHash('sha256').update(sessionToken).digest('hex'), workerId, hromadaId],
);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const context = await browser.newContext();
await context.addCookies([{ name: services.sessions.cookieName, value: sessionToken, url: pageBase }]);
const page = await context.newPage();
await page.goto(`${pageBase}/outreach/csrf`);
const csrf = JSON.parse(await page.locator('body').innerText()) as { token: string };
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.emulateNetworkConditions', {
  offline: false,
  latency: 400,
  downloadThroughput: (400 * 1024) / 8,
  uploadThroughput: (400 * 1024) / 8,
});
const password = demoCredentials({}, dataDir).password;
const download = await page.evaluate(
  async ({ url, csrf: token, password: pw }) => {
    const t0 = performance.now();
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': token },
      body: JSON.stringify({ password: pw }),
    });
    const text = await r.text();
    const ms = performance.now() - t0;
    const entry = performance.getEntriesByType('resource').at(-1) as PerformanceResourceTiming | undefined;
    const body = JSON.parse(text) as { token: string; package: { persons: unknown[] } };
    return {
      status: r.status,
      ms,
      bytes: new TextEncoder().encode(text).length,
      wire: entry?.transferSize ?? 0,
      persons: body.package.persons.length,
      token: body.token,
    };
  },
  { url: `${pageBase}/outreach/trips/${tripId}/package`, csrf: csrf.token, password },
);
if (download.status !== 200 || download.persons !== PERSONS) throw new Error(`package: ${JSON.stringify(download)}`);
await browser.close();

// 5. APPS offline applications with one document each, synced as the workstation does (one operation per request).
log(`outreach: syncing ${APPS} applications with ${DOC_KB} KB documents …`);
const cookies = new Map<string, string>([[services.sessions.cookieName, sessionToken]]);
const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const remember = (r: Response) => {
  for (const c of r.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    cookies.set(pair.slice(0, i), pair.slice(i + 1));
  }
};
const csrfAnswer = await fetch(`${pageBase}/outreach/csrf`, { headers: { cookie: cookieHeader() } });
remember(csrfAnswer);
const syncToken = ((await csrfAnswer.json()) as { token: string }).token;
const appServiceId = (
  await owner.query<{ id: string }>(
    `SELECT id FROM services WHERE hromada_id = $1 AND active AND 'front_office' = ANY(channels) ORDER BY name LIMIT 1`,
    [hromadaId],
  )
).rows[0].id;
const ops = personIds.slice(0, APPS).map((personId) => ({
  opId: crypto.randomUUID(),
  at: new Date().toISOString(),
  kind: 'application.create',
  personId,
  serviceId: appServiceId,
  confirmed: true,
  documents: [
    {
      requirement: 'other',
      fileName: 'document.jpg',
      dataBase64: Buffer.concat([
        Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
        crypto.randomBytes(DOC_KB * 1024 - 4),
      ]).toString('base64'),
    },
  ],
}));
async function syncAll(expected: string) {
  const t0 = performance.now();
  const ms: number[] = [];
  for (const op of ops) {
    const s0 = performance.now();
    const r = await fetch(`${pageBase}/outreach/sync`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        cookie: cookieHeader(),
        'x-csrf-token': syncToken,
        'x-outreach-package': download.token,
      },
      body: JSON.stringify({ op }),
    });
    const answer = (await r.json()) as { status: string };
    if (r.status !== 200 || answer.status !== expected) throw new Error(`sync: ${r.status} ${JSON.stringify(answer)}`);
    ms.push(performance.now() - s0);
  }
  return { wallMs: performance.now() - t0, ms };
}
const firstSync = await syncAll('applied');
const repeatSync = await syncAll('repeated');
const synced = (
  await owner.query<{ apps: number; docs: number }>(
    `SELECT count(DISTINCT a.id)::int AS apps, count(d.id)::int AS docs FROM applications a
     LEFT JOIN application_documents d ON d.application_id = a.id WHERE a.outreach_trip_id = $1`,
    [tripId],
  )
).rows[0];
await app.close();
await services.jobs.stop();
await services.db.end();
await owner.end();
await server.stop();

const figures = {
  attempts: ATTEMPTS,
  slots: SLOTS,
  bookings: booked.n,
  slots_booked: booked.slots,
  answers_201: count(201),
  answers_409: count(409),
  answers_other: run.statuses.filter((s) => s !== 201 && s !== 409).length,
  exactly_one_per_slot: booked.n === SLOTS && booked.slots === SLOTS && count(201) === SLOTS,
  single_booking_p50_ms: Number(percentile(single.ms.slice(10), 50).toFixed(1)),
  single_booking_p95_ms: Number(percentile(single.ms.slice(10), 95).toFixed(1)),
  ...phases,
  single_booking_queries: queriesPerBooking,
  booking_p50_ms: Number(percentile(run.ms, 50).toFixed(1)),
  booking_p95_ms: Number(percentile(run.ms, 95).toFixed(1)),
  booking_max_ms: Number(Math.max(...run.ms).toFixed(1)),
  booking_wall_ms: Math.round(run.wallMs),
  listen_overflows_floor: overflowsBeforeRace - overflowsAtStart,
  listen_overflows_race: overflowsInRace,
  harness_floor_p50_ms: Number(percentile(floor.ms, 50).toFixed(1)),
  harness_floor_p95_ms: Number(percentile(floor.ms, 95).toFixed(1)),
  open_connections_bookings: bookedWarm.n,
  open_connections_answers_201: count(201, warmRun),
  open_connections_answers_409: count(409, warmRun),
  open_connections_exactly_one_per_slot:
    bookedWarm.n === SLOTS && bookedWarm.slots === SLOTS && count(201, warmRun) === SLOTS,
  open_connections_booking_p50_ms: Number(percentile(warmRun.ms, 50).toFixed(1)),
  open_connections_booking_p95_ms: Number(percentile(warmRun.ms, 95).toFixed(1)),
  open_connections_booking_wall_ms: Math.round(warmRun.wallMs),
  open_connections_floor_p50_ms: Number(percentile(warmFloor.ms, 50).toFixed(1)),
  open_connections_floor_p95_ms: Number(percentile(warmFloor.ms, 95).toFixed(1)),
  package_persons: download.persons,
  package_bytes: download.bytes,
  package_wire_bytes: download.wire,
  package_mb: Number((download.bytes / 1024 / 1024).toFixed(2)),
  package_slow3g_download_ms: Math.round(download.ms),
  sync_apps: APPS,
  sync_doc_kb: DOC_KB,
  sync_wall_ms: Math.round(firstSync.wallMs),
  sync_op_p50_ms: Number(percentile(firstSync.ms, 50).toFixed(1)),
  sync_op_p95_ms: Number(percentile(firstSync.ms, 95).toFixed(1)),
  sync_repeat_wall_ms: Math.round(repeatSync.wallMs),
  synced_applications: synced.apps,
  synced_documents: synced.docs,
  synced_exactly_once: synced.apps === APPS && synced.docs === APPS,
};
const others = run.statuses.filter((s) => s !== 201 && s !== 409);
log(
  `bookings ${booked.n} of ${SLOTS} times; 201: ${count(201)}, 409: ${count(409)}; other: ${others.join(',') || 'none'}`,
);
process.stdout.write(`${JSON.stringify(figures)}\n`);
