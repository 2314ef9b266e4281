import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDb, type EmbeddedDb } from '../../src/platform/embedded-db.js';
import { migrate } from '../../src/platform/migrate.js';

const root = path.resolve(import.meta.dirname, '../..');
let dataDir: string;
let db: EmbeddedDb;

/** `npm run audit:verify` as a separate process, as an operator runs it next to the app. */
function verify(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_URL: _u, APP_DATABASE_URL: _a, ...rest } = process.env;
  return new Promise((resolve) => {
    execFile(
      path.join(root, 'node_modules/.bin/tsx'),
      ['src/cli/verify-audit.ts'],
      { cwd: root, env: { ...rest, ...env }, timeout: 60_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  // An app's data directory with its embedded PostgreSQL running (started by this process, as by `npm start`).
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'turbota-verify-'));
  fs.chmodSync(dataDir, 0o755);
  db = await startEmbeddedDb(path.join(dataDir, 'postgres'), 56000 + (process.pid % 3000));
  await migrate(db.url, 'turbota_app', () => {});
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  await c.query(
    "INSERT INTO audit_log (actor_label, action, operation) VALUES ('тест', 'test.one', 'admin'), ('тест', 'test.two', 'admin')",
  );
  await c.end();
}, 120_000);
afterAll(async () => {
  await db?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run audit:verify while the app runs on the embedded database', () => {
  it('connects to the running cluster, reports the chain, and leaves the cluster running', async () => {
    const pid = db.pid();
    const r = await verify({ DATA_DIR: dataDir, SECRET_KEY: 'test-secret-key-0123456789-abcdefghijklmnop' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Порушень не знайдено');
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toMatchObject({ ok: true, entries: 2 });
    expect(db.pid()).toBe(pid);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    expect((await c.query<{ ok: number }>('SELECT 1 AS ok')).rows[0].ok).toBe(1);
    await c.end();
  }, 90_000);

  it('finds a break in the running cluster (exit code 1)', async () => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query('ALTER TABLE audit_log DISABLE TRIGGER audit_no_update');
    await c.query("UPDATE audit_log SET action = 'test.changed' WHERE action = 'test.two'");
    await c.query('ALTER TABLE audit_log ENABLE TRIGGER audit_no_update');
    await c.end();
    const r = await verify({ DATA_DIR: dataDir, SECRET_KEY: 'test-secret-key-0123456789-abcdefghijklmnop' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ПОРУШЕННЯ ЦІЛІСНОСТІ: 1');
  }, 90_000);
});
