import crypto from 'node:crypto';
import path from 'node:path';
import { openBenchDemo } from './demo-db.js';
import { createApp } from '../src/app.js';
import { sha256Hex } from '../src/platform/secrets.js';
import { HttpClient } from '../tests/helpers/http.js';
import { viewProviderMonth } from '../src/modules/service-acts/use-cases/view-provider-month.js';
import { actorForUser, loadUserRow } from '../src/platform/actor.js';
import { percentile } from './stats.js';

const { pgServer, owner, services, hromadaId } = await openBenchDemo(path.resolve('bench-data/delivery-full'), 56300, { RATE_PER_MINUTE: '10000000' });
const provs = (await owner.query<{ id: number; n: number }>(`SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM agencies WHERE hromada_id = $1 AND name LIKE 'Надавач %' ORDER BY id`, [hromadaId])).rows;
const app = await createApp(services, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
const months = ['2025-03','2025-07','2025-11','2026-02','2026-05','2026-09'];
const dbMs: number[] = []; const httpMs: number[] = [];
for (let i = 0; i < 60; i++) {
  const p = provs[(i * 37) % provs.length];
  const username = `bench-provider-${p.n}-0`;
  const user = (await owner.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0].id;
  const token = crypto.randomBytes(32).toString('base64url');
  await owner.query(`INSERT INTO sessions (id_hash, user_id, hromada_id, mfa_passed, expires_at) VALUES ($1, $2, $3, true, now() + interval '2 hours')`, [sha256Hex(token), user, hromadaId]);
  const client = new HttpClient(base);
  client.cookies.set(services.sessions.cookieName, token);
  const month = months[i % months.length];
  const actor = await actorForUser(services.db, (await loadUserRow(services.db, user))!, hromadaId, 'session');
  let t0 = performance.now();
  await viewProviderMonth({ services, actor, meta: { ip: '127.0.0.1', requestId: 'x' }, agencyId: p.id, month, page: 1 } as never);
  dbMs.push(performance.now() - t0);
  t0 = performance.now();
  const r = await client.get(`/service-acts/providers/${p.id}?month=${month}`);
  httpMs.push(performance.now() - t0);
  if (r.status !== 200) throw new Error(String(r.status));
}
console.log({ db_p50: percentile(dbMs, 50), db_p95: percentile(dbMs, 95), http_p50: percentile(httpMs, 50), http_p95: percentile(httpMs, 95) });
await app.close(); await services.jobs.stop(); await owner.end(); await services.db.end(); await pgServer.stop();
