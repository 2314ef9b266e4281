import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedDb, unreachableByPostgres, type EmbeddedDb } from '../../src/platform/embedded-db.js';

const root = path.resolve(import.meta.dirname, '../..');
const made: string[] = [];
const servers: EmbeddedDb[] = [];

/** A data folder the postgres system user can reach (as the app's default ./data is). */
function reachableDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(d, 0o755);
  made.push(d);
  return d;
}

afterAll(async () => {
  for (const s of servers) await s.stop().catch(() => undefined);
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => {
        resolve(typeof a === 'object' && a ? a.port : 0);
      });
    });
  });

describe('the embedded PostgreSQL', () => {
  it('two fresh starts at once with the same preferred port both come up (the second retries on another port)', async () => {
    const port = await freePort();
    // The second starts a moment later: its check of the port comes after the first one's, but
    // before the first PostgreSQL has bound it (initdb takes seconds).
    const [a, b] = await Promise.all([
      startEmbeddedDb(path.join(reachableDir('turbota-two-a-'), 'postgres'), port),
      new Promise((r) => setTimeout(r, 300)).then(() =>
        startEmbeddedDb(path.join(reachableDir('turbota-two-b-'), 'postgres'), port),
      ),
    ]);
    servers.push(a, b);
    const ports = [a, b].map((s) => Number(new URL(s.url).port));
    expect(ports).toContain(port);
    expect(new Set(ports).size).toBe(2);
    for (const s of [a, b]) {
      const c = new pg.Client({ connectionString: s.url });
      await c.connect();
      expect((await c.query<{ one: number }>('SELECT 1 AS one')).rows[0].one).toBe(1);
      await c.end();
    }
  }, 180_000);

  it('retries on another port when the port found free is taken before PostgreSQL binds it', async () => {
    // Another process takes the port between the check and PostgreSQL's bind.
    const taker = net.createServer();
    const taken = await new Promise<number>((r) =>
      taker.listen(0, '127.0.0.1', () => {
        r((taker.address() as net.AddressInfo).port);
      }),
    );
    const picks: number[] = [];
    try {
      const s = await startEmbeddedDb(path.join(reachableDir('turbota-taken-'), 'postgres'), taken, {
        pickPort: async (preferred) => {
          const p = picks.length === 0 ? taken : await freePort();
          picks.push(preferred, p);
          return p;
        },
      });
      servers.push(s);
      expect(picks[0]).toBe(taken);
      expect(picks[2]).toBe(0);
      expect(Number(new URL(s.url).port)).toBe(picks[3]);
    } finally {
      taker.close();
    }
  }, 120_000);

  it('finds the folder the postgres system user cannot pass through', () => {
    const priv = fs.mkdtempSync(path.join(os.tmpdir(), 'turbota-private-'));
    made.push(priv);
    fs.chmodSync(priv, 0o700);
    const cluster = path.join(priv, 'data', 'postgres', 'pg');
    fs.mkdirSync(path.dirname(cluster), { recursive: true, mode: 0o755 });
    const postgresUser = { uid: 60001, gid: 60001 };
    expect(unreachableByPostgres(cluster, postgresUser)).toBe(priv);
    fs.chmodSync(priv, 0o711);
    expect(unreachableByPostgres(cluster, postgresUser)).toBeNull();
  });

  it.skipIf(process.getuid?.() !== 0)(
    'run as root with a private DATA_DIR, says so in one Ukrainian line with the fix',
    async () => {
      const priv = fs.mkdtempSync(path.join(os.tmpdir(), 'turbota-private-')); // mode 700, as mktemp -d makes it
      made.push(priv);
      const dataDir = path.join(priv, 'data');
      const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          NODE_ENV: 'test',
          DATA_DIR: dataDir,
          PORT: String(await freePort()),
          LOG_LEVEL: 'silent',
          DEMO_PASSWORD: 'Demo-Pass-2026!x',
          SECRET_KEY: 'private-dir-test-secret-key-0123456789',
        },
      });
      let err = '';
      let out = '';
      proc.stderr.on('data', (d) => {
        err += String(d);
      });
      proc.stdout.on('data', (d) => {
        out += String(d);
      });
      const code = await new Promise<number | null>((r) => proc.once('exit', r));
      expect(code, out + err).toBe(1);
      const lines = err.trim().split('\n');
      expect(lines, err).toHaveLength(1);
      expect(lines[0]).toContain('postgres');
      expect(lines[0]).toContain(priv);
      expect(lines[0]).toContain(`chmod o+x ${priv}`);
      expect(lines[0]).toContain('DATA_DIR');
      expect(err).not.toContain('Permission denied');
      expect(fs.existsSync(path.join(dataDir, 'postgres', 'pg', 'PG_VERSION'))).toBe(false);
    },
    60_000,
  );
});
