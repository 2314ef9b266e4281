import { fork } from 'node:child_process';

export interface LoadResult {
  /** Client-side duration of each request, ms (in order). */
  ms: number[];
  /** The `items[].id` of each JSON answer (null when it has none). */
  ids: (string[] | null)[];
  /** From the first request sent to the last answer, ms. */
  wallMs: number;
  /** The status of each answer (with `anyStatus`; otherwise a non-200 answer rejects the run). */
  statuses: number[];
}

/**
 * Starts the benchmarks' HTTP client in a child process. `run` sends the requests (a URL: GET;
 * `{ url, body }`: POST of JSON) one after another, or from `concurrency` clients at once (with `warm`, each client first opens its connection with that GET, untimed), and resolves with their durations and the ids in each answer; a non-200 answer rejects.
 */
export function startLoadClient(base: string, headers: Record<string, string>) {
  // A plain Node process: not the flags of the benchmark's process that hosts the server (its loader, its heap).
  const child = fork(new URL('./load-client.mjs', import.meta.url), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [],
  });
  let next = 0;
  const pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  child.on('message', (m: { id: number; error?: string } & LoadResult) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) p?.reject(new Error(m.error));
    else p?.resolve({ ms: m.ms, ids: m.ids, wallMs: m.wallMs, statuses: m.statuses });
  });
  return {
    /** The client's process id (for its CPU time). */
    pid: child.pid,
    run(
      urls: (string | { url: string; body: unknown })[],
      concurrency = 1,
      anyStatus = false,
      warm: string | null = null,
    ): Promise<LoadResult> {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, base, headers, urls, concurrency, anyStatus, warm });
      });
    },
    stop() {
      child.kill();
    },
  };
}
