import fs from 'node:fs';
import path from 'node:path';

/** Whether a process runs (EPERM: it runs under another user, e.g. postgres when the app runs as root). */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The owner URL of the embedded PostgreSQL under `dir` (as started by `startEmbeddedDb(dir)`)
 * when it is running now — e.g. under `npm start` — or null when it is not. Read from the
 * cluster's `postmaster.pid` (pid, port, socket directory, listen address, status) and the
 * password file beside it, so a tool such as `npm run audit:verify` connects to the running
 * server instead of trying to start a second one on the same cluster.
 */
export function runningEmbeddedDbUrl(dir: string): string | null {
  const pidFile = path.join(dir, 'pg', 'postmaster.pid');
  const pwFile = path.join(dir, '.pg-password');
  let lines: string[];
  try {
    lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  const socketDir = (lines[4] ?? '').trim();
  const listen = (lines[5] ?? '').trim().split(/[\s,]+/)[0] || '127.0.0.1';
  const status = (lines[7] ?? '').trim();
  if (!(pid > 0) || !(port > 0) || !processRuns(pid)) return null;
  if (status && status !== 'ready') throw new Error(`вбудований PostgreSQL у ${dir} ще не готовий (стан «${status}»)`);
  const password = fs.readFileSync(pwFile, 'utf8').trim();
  const host = listen === '*' || listen === '0.0.0.0' ? '127.0.0.1' : listen;
  return (
    `postgres://postgres:${encodeURIComponent(password)}@${host}:${port}/postgres` +
    (socketDir ? `?host=${encodeURIComponent(socketDir)}` : '')
  );
}
