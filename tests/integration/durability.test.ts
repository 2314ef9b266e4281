import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../helpers/http.js';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'turbota-crash-'));
fs.chmodSync(dataDir, 0o755);
let child: ChildProcess | null = null;

/** Resolves when the process has exited (also when it already has). */
const exited = (p: ChildProcess) =>
  p.exitCode !== null || p.signalCode !== null ? Promise.resolve() : new Promise((r) => p.once('exit', r));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => {
        resolve(typeof a === 'object' && a ? a.port : 0);
      });
    });
  });
}

/** Starts `src/server.ts` (embedded PostgreSQL in `dataDir`) and waits until it answers. */
async function startServer(port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'silent',
      DEMO_PASSWORD: 'Demo-Pass-2026!x',
      SECRET_KEY: 'crash-test-secret-key-0123456789abcdef',
    },
  });
  let out = '';
  proc.stdout?.on('data', (d) => {
    out += String(d);
  });
  proc.stderr?.on('data', (d) => {
    out += String(d);
  });
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${out}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return proc;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not start: ${out}`);
}

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGINT');
    await exited(child);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a crash while writing', () => {
  it('loses no acknowledged write when the app and its PostgreSQL are killed mid-way', async () => {
    const port = await freePort();
    child = await startServer(port);
    const base = `http://127.0.0.1:${port}`;
    const acked: string[] = [];
    const register = async (i: number) => {
      const c = new HttpClient(base);
      await c.get('/resident/register');
      const email = `crash-${i}@example.com`;
      const res = await c.post('/resident/register', {
        name: `Мешканець ${i}`,
        email,
        password: 'Crash-Test-Pass-77',
        passwordConfirm: 'Crash-Test-Pass-77',
        consent: 'yes',
      });
      if (res.status === 303) acked.push(email);
    };
    // 12 writes acknowledged one after another, then 8 in flight when everything is killed.
    for (let i = 0; i < 12; i++) await register(i);
    expect(acked).toHaveLength(12);
    const inFlight = Array.from({ length: 8 }, (_, k) => register(100 + k).catch(() => undefined));
    await new Promise((r) => setTimeout(r, 60));
    const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postgres/pg/postmaster.pid'), 'utf8').split('\n')[0]);
    const killed = exited(child);
    child.kill('SIGKILL');
    process.kill(postmaster, 'SIGKILL');
    await Promise.all(inFlight);
    await killed;

    child = await startServer(port);
    const pw = fs.readFileSync(path.join(dataDir, 'postgres/.pg-password'), 'utf8').trim();
    const pgPort = fs.readFileSync(path.join(dataDir, 'postgres/pg/postmaster.pid'), 'utf8').split('\n')[3];
    const db = new pg.Client({
      connectionString: `postgres://postgres:${encodeURIComponent(pw)}@127.0.0.1:${pgPort}/postgres`,
    });
    await db.connect();
    const { rows } = await db.query<{ email: string }>('SELECT email FROM users WHERE email = ANY($1)', [acked]);
    await db.end();
    expect(rows.map((r) => r.email).sort()).toEqual([...acked].sort());
    expect(acked.length).toBeGreaterThanOrEqual(12);
  }, 240_000);
});
