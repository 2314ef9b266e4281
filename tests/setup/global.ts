import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDb, withDatabase } from '../../src/platform/embedded-db.js';
import { migrate } from '../../src/platform/migrate.js';
import { buildAssets } from '../../src/platform/assets.js';
import { loadConfig } from '../../src/platform/config.js';
import { buildServices } from '../../src/services.js';
import { importKatottg } from '../../db/seed/katottg.js';
import { seedDemo } from '../../db/seed/demo.js';
import { TEMPLATE_DB, testEnv, TEST_CREDS } from '../helpers/env.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

/**
 * Once per test run: a real PostgreSQL in a temporary directory, and a template
 * database with migrations, the КАТОТТГ codifier and the demo hromada. Every test
 * file clones the template into its own database.
 */
export default async function setup(project: TestProject) {
  await buildAssets();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turbota-test-'));
  fs.chmodSync(dir, 0o755); // the postgres user (when run as root) must reach the cluster
  const server = await startEmbeddedDb(path.join(dir, 'pg'), 55000 + (process.pid % 5000));
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const url = withDatabase(server.url, TEMPLATE_DB);
  await migrate(url, 'turbota_app');
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  await importKatottg(owner);
  await owner.end();
  const services = buildServices(loadConfig(testEnv(dir)), { ownerUrl: url });
  await seedDemo(services, TEST_CREDS);
  await services.db.end();
  project.provide('pgUrl', server.url);
  return async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
