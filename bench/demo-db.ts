import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/platform/config.js';
import { startEmbeddedDb } from '../src/platform/embedded-db.js';
import { migrate } from '../src/platform/migrate.js';
import { buildServices } from '../src/services.js';
import { importKatottg } from '../db/seed/katottg.js';
import { demoCredentials, seedDemo, DEMO_HROMADA_CODE } from '../db/seed/demo.js';

/**
 * A benchmark's database: the embedded PostgreSQL in `dataDir` (reused by the next run), migrated,
 * with the КАТОТТГ codifier and the demo hromada; the app's services, an owner connection, the demo
 * hromada's id and the starosta district of each of its settlements (for generated addresses).
 */
export async function openBenchDemo(dataDir: string, basePort: number, env: Record<string, string> = {}) {
  const pgServer = await startEmbeddedDb(path.join(dataDir, 'postgres'), basePort + (process.pid % 90));
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SECRET_KEY: 'bench-secret-key-0123456789abcdefghijkl',
    ...env,
  });
  await migrate(pgServer.url, config.APP_DATABASE_ROLE);
  const owner = new pg.Client({ connectionString: pgServer.url });
  await owner.connect();
  if ((await owner.query('SELECT 1 FROM settlements LIMIT 1')).rowCount === 0) await importKatottg(owner);
  const services = buildServices(config, { ownerUrl: pgServer.url });
  await seedDemo(services, demoCredentials({}, dataDir));
  const hromadaId = (await owner.query<{ id: number }>('SELECT id FROM hromadas WHERE code = $1', [DEMO_HROMADA_CODE]))
    .rows[0].id;
  const settlements = (
    await owner.query<{ code: string; district_id: number | null }>(
      `SELECT s.code, ds.district_id FROM settlements s LEFT JOIN district_settlements ds ON ds.settlement_code = s.code
     WHERE s.hromada_code = $1 ORDER BY s.category = 'M' DESC, s.code`,
      [DEMO_HROMADA_CODE],
    )
  ).rows;
  const districtOf = new Map(settlements.map((s) => [s.code, s.district_id]));
  return { pgServer, config, owner, services, hromadaId, districtOf, settlementCodes: settlements.map((s) => s.code) };
}

/**
 * The app's request log as served (one line per call, written synchronously, as to standard output), to a file beside
 * the benchmark's data: `createApp(services, { logStream: servedLog(dataDir) })` with `LOG_LEVEL: 'info'`.
 */
export function servedLog(dataDir: string): NodeJS.WritableStream {
  const fd = fs.openSync(`${dataDir}.log`, 'w');
  return { write: (line: string) => fs.writeSync(fd, line) } as unknown as NodeJS.WritableStream;
}
