import fs from 'node:fs';

/** Linux's clock ticks per second for /proc's times (USER_HZ, 100 on every common build). */
const TICKS_PER_S = 100;

/** CPU time (user + system) of a process, ms, from Linux's /proc; null where it cannot be read. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_S;
  } catch {
    return null;
  }
}

/** CPU time of every PostgreSQL process on the machine (backends, WAL writer, checkpointer…), ms; null without /proc. */
export function postgresCpuMs(): number | null {
  let dirs: string[];
  try {
    dirs = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  let ms = 0;
  for (const d of dirs) {
    try {
      if (fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    ms += processCpuMs(Number(d)) ?? 0;
  }
  return ms;
}

/**
 * Where the CPU of a measured pass went, per call: this process (the server), PostgreSQL's processes and the client's
 * (its pid). Start before the pass, `per(calls)` after it; a part that cannot be read is null.
 */
export function cpuSplit(clientPid: number | undefined) {
  const server0 = process.cpuUsage();
  const pg0 = postgresCpuMs();
  const client0 = clientPid ? processCpuMs(clientPid) : null;
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return {
    per(calls: number) {
      const s = process.cpuUsage(server0);
      const pg1 = postgresCpuMs();
      const client1 = clientPid ? processCpuMs(clientPid) : null;
      return {
        server: round((s.user + s.system) / 1000 / calls),
        postgres: pg0 === null || pg1 === null ? null : round((pg1 - pg0) / calls),
        client: client0 === null || client1 === null ? null : round((client1 - client0) / calls),
      };
    },
  };
}
