import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/platform/config.js';
import { buildServices, type Services } from '../../src/services.js';
import { createApp } from '../../src/app.js';
import { withDatabase } from '../../src/platform/embedded-db.js';
import { TEMPLATE_DB, testEnv, TEST_CREDS } from './env.js';
import { HttpClient } from './http.js';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  baseUrl: string;
  dbUrl: string;
  creds: typeof TEST_CREDS;
  /** A fresh browser-like client (own cookie jar). */
  client(): HttpClient;
  /** Runs SQL as the database owner (for setup and for checking what the app wrote). */
  owner<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  close(): Promise<void>;
}

/**
 * Starts the real application on a random loopback port against a fresh clone of
 * the template database (migrated, with КАТОТТГ and the demo hromada).
 */
export async function startTestApp(opts: { env?: Record<string, string>; jobs?: boolean } = {}): Promise<TestApp> {
  const serverUrl = inject('pgUrl');
  const dbName = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${TEMPLATE_DB}`);
  await admin.end();
  const dbUrl = withDatabase(serverUrl, dbName);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'turbota-app-'));
  const config = loadConfig(testEnv(dataDir, opts.env));
  const services = buildServices(config, { ownerUrl: dbUrl });
  if (opts.jobs) await services.jobs.start();
  const app = await createApp(services, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const ownerPool = new pg.Pool({ connectionString: dbUrl, max: 2 });
  return {
    app,
    services,
    baseUrl,
    dbUrl,
    creds: TEST_CREDS,
    client: () => new HttpClient(baseUrl),
    owner: (sql, values) => ownerPool.query(sql, values),
    async close() {
      await app.close();
      await services.jobs.stop();
      await services.db.end();
      await ownerPool.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
