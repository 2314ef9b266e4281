/**
 * Visits benchmark (issue 14): `npm run bench:outreach -- [--size small|full] [--attempts N --slots M]`.
 * Starts the real app on an embedded PostgreSQL (bench-data/outreach, reused), opens a new office with one service
 * (half-hour visits, one seat, every day 08:00–18:00) and sends `attempts` booking requests for `slots` free times
 * (each time wanted by attempts/slots callers, in shuffled order) all at once from a client in its own process,
 * through `POST /api/v1/appointments`. Checks that exactly one booking per slot was made and every other request was
 * told 409, and prints the latency of the requests. Prints its figures last as one line of JSON.
 *
 * Still to come with the outreach workstation: the trip package's size and its download at a slow-3G profile, and the
 * sync of 200 offline applications with 1 MB documents.
 */
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/platform/config.js';
import { startEmbeddedDb } from '../src/platform/embedded-db.js';
import { migrate } from '../src/platform/migrate.js';
import { buildAssets } from '../src/platform/assets.js';
import { buildServices } from '../src/services.js';
import { createApp } from '../src/app.js';
import { actorForUser, loadUserRow } from '../src/platform/actor.js';
import { addDays, kyivToday } from '../src/platform/dates.js';
import { importKatottg } from '../db/seed/katottg.js';
import { demoCredentials, seedDemo, DEMO_HROMADA_CODE } from '../db/seed/demo.js';
import { saveOffice } from '../src/modules/appointments/use-cases/save-office.js';
import { changeOfficeSetup } from '../src/modules/appointments/use-cases/change-office-setup.js';
import { startLoadClient } from './load-client.js';
import { percentile } from './stats.js';
import { switchTimingsOn, type RequestTimings } from '../src/platform/timings.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'full' },
    attempts: { type: 'string' },
    slots: { type: 'string' },
    'data-dir': { type: 'string' },
  },
});
const small = values.size === 'small';
const ATTEMPTS = Number(values.attempts ?? (small ? 200 : 1000));
const SLOTS = Number(values.slots ?? (small ? 20 : 100));
const dataDir = path.resolve(values['data-dir'] ?? 'bench-data/outreach');
const log = (m: string) => process.stderr.write(`${m}\n`);

await buildAssets();
const server = await startEmbeddedDb(path.join(dataDir, 'postgres'), 55970);
const config = loadConfig({
  ...process.env,
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  API_RATE_PER_MINUTE: '1000000',
  SECRET_KEY: 'bench-secret-key-0123456789abcdefghijkl',
});
await migrate(server.url, config.APP_DATABASE_ROLE);
const owner = new pg.Client({ connectionString: server.url });
await owner.connect();
if ((await owner.query('SELECT 1 FROM settlements LIMIT 1')).rowCount === 0) await importKatottg(owner);
const services = buildServices(config, { ownerUrl: server.url });
await seedDemo(services, demoCredentials({}, dataDir));
const hromadaId = (await owner.query<{ id: number }>('SELECT id FROM hromadas WHERE code = $1', [DEMO_HROMADA_CODE]))
  .rows[0].id;

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
const starts: string[] = [];
for (let d = 1; starts.length < SLOTS; d++)
  for (let h = 0; h < 20 && starts.length < SLOTS; h++) {
    const m = 8 * 60 + h * 30;
    starts.push(`${addDays(kyivToday(), d)}T${String(Math.floor(m / 60)).padStart(2, '0')}:${m % 60 ? '30' : '00'}`);
  }

// 2. The app and a front-office API token; the server records where each call's time goes (single bookings).
const timings: RequestTimings[] = [];
switchTimingsOn((t) => timings.push(t));
const app = await createApp(services, { logger: false });
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
const requests = Array.from({ length: ATTEMPTS }, (_, i) => ({
  url: '/appointments',
  body: {
    officeId,
    serviceId,
    start: starts[i % SLOTS],
    contact: { name: `Абонент ${i}`, phone: `+38067${run3}${String(i).padStart(4, '0')}` },
  },
}));
for (let i = requests.length - 1; i > 0; i--) {
  const j = crypto.randomInt(i + 1);
  [requests[i], requests[j]] = [requests[j], requests[i]];
}
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
switchTimingsOn(() => undefined);
log(`booking: ${ATTEMPTS} requests for ${SLOTS} times at once …`);
const run = await client.run(requests, ATTEMPTS, true);
const count = (s: number) => run.statuses.filter((x) => x === s).length;
const booked = (
  await owner.query<{ n: number; slots: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT starts_at)::int AS slots FROM appointments
     WHERE office_id = $1 AND status = 'booked' AND starts_at < now() + interval '20 days'`,
    [officeId],
  )
).rows[0];
client.stop();
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
};
const others = run.statuses.filter((s) => s !== 201 && s !== 409);
log(
  `bookings ${booked.n} of ${SLOTS} times; 201: ${count(201)}, 409: ${count(409)}; other: ${others.join(',') || 'none'}`,
);
process.stdout.write(`${JSON.stringify(figures)}\n`);
