import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Where the time of a request goes (issue 15): the phases of an audited call — the token's check, taking a pool
 * connection, the statement that opens the tenant transaction, the work with its queries, the audit entry with the
 * COMMIT, and answering — recorded per request when switched on. The benchmarks switch it on; otherwise every phase
 * costs one boolean check and nothing is recorded.
 */
export interface RequestTimings {
  /** Milliseconds spent in each phase (a phase entered twice adds up). */
  phases: Record<string, number>;
  /** Round trips the work made to the database. */
  queries: number;
}

let on = false;
let sinkSet = false;
let sink: (t: RequestTimings, url: string) => void = () => {};
const store = new AsyncLocalStorage<RequestTimings>();

/**
 * Switches the recording on for this process (the benchmarks; never the served app); each request's record goes to
 * `to` when its answer has been sent.
 */
export function switchTimingsOn(to: (t: RequestTimings, url: string) => void) {
  on = true;
  sinkSet = true;
  sink = to;
}

/** Hands a finished request's record to the benchmark. */
export const reportTimings = (t: RequestTimings, url: string) => sink(t, url);

export const timingsOn = () => on;

/**
 * Pauses or resumes the recording (a benchmark measures throughput without its cost). Paused, the store is disabled
 * too, so Node stops tracking async context for it (that tracking costs on every promise while any store is in use).
 */
export function pauseTimings(paused: boolean) {
  if (!sinkSet) return;
  on = !paused;
  if (paused) store.disable();
}

/** A fresh record, or null when the recording is off. */
export const newTimings = (): RequestTimings | null => (on ? { phases: {}, queries: 0 } : null);

/** Runs `fn` with `t` as the record its phases add to (no record: `fn` as it is). */
export function withTimings<T>(t: RequestTimings | null, fn: () => T): T {
  return t ? store.run(t, fn) : fn();
}

/** Adds `ms` to a phase of the current record (`t`, or the one `withTimings` made current). */
export function addPhase(name: string, ms: number, t: RequestTimings | null | undefined = store.getStore()) {
  if (t) t.phases[name] = (t.phases[name] ?? 0) + ms;
}

/** Runs `fn` as a phase of the current record. */
export async function phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t = on ? store.getStore() : undefined;
  if (!t) return fn();
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    addPhase(name, performance.now() - t0, t);
  }
}

/**
 * Counts the round trips a client makes and their time as the phase «query», until the returned function is called
 * (nothing is changed when the recording is off or no record is current).
 */
export function countQueries(client: { query: (...a: never[]) => unknown }): () => void {
  const t = on ? store.getStore() : undefined;
  if (!t) return () => {};
  const original = client.query;
  const counted = function (this: unknown, ...args: never[]) {
    const t0 = performance.now();
    t.queries += 1;
    const r: unknown = original.apply(this, args);
    if (r instanceof Promise) void r.finally(() => addPhase('query', performance.now() - t0, t)).catch(() => {});
    return r;
  };
  client.query = counted;
  return () => {
    client.query = original;
  };
}
