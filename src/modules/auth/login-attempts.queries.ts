import type { Queryable } from './auth.queries.js';

/**
 * The `login_attempts` counters of staff sign-in (login-throttle.ts) and the used login tickets
 * (login-ticket.ts), all under keyed hashes, never under a name or address.
 */

interface Tally {
  n: number;
  since_last: number | null;
}

/** How many attempts were counted under `key` within the window, and seconds since the last one. */
export async function tallyAttempts(q: Queryable, key: string, windowMinutes: number): Promise<Tally> {
  const { rows } = await q.query<Tally>(
    `SELECT count(*)::int AS n, extract(epoch FROM now() - max(at))::float8 AS since_last
     FROM login_attempts WHERE key_hash = $1 AND at > now() - make_interval(mins => $2)`,
    [key, windowMinutes],
  );
  return rows[0];
}

/** Forgets the attempts older than `minutes`. */
export async function forgetAttemptsBefore(q: Queryable, minutes: number) {
  await q.query('DELETE FROM login_attempts WHERE at <= now() - make_interval(mins => $1)', [minutes]);
}

/** Counts one attempt under each key. */
export async function insertAttempts(q: Queryable, keys: string[]) {
  await q.query('INSERT INTO login_attempts (key_hash) SELECT unnest($1::text[])', [keys]);
}

export async function deleteAttempts(q: Queryable, key: string) {
  await q.query('DELETE FROM login_attempts WHERE key_hash = $1', [key]);
}

/** Whether anything was ever counted under `key` (a used ticket). */
export async function attemptSeen(q: Queryable, key: string): Promise<boolean> {
  const seen = await q.query('SELECT 1 FROM login_attempts WHERE key_hash = $1', [key]);
  return !!seen.rowCount;
}

export async function insertAttempt(q: Queryable, key: string) {
  await q.query('INSERT INTO login_attempts (key_hash) VALUES ($1)', [key]);
}
