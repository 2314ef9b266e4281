import type { Queryable } from './auth.queries.js';
import type { Services } from '../../services.js';
import { hmacHex } from '../../platform/secrets.js';
import { deleteAttempts, forgetAttemptsBefore, insertAttempts, tallyAttempts } from './login-attempts.queries.js';

/**
 * Throttling of staff sign-in (issue 9: five wrong passwords from anyone used to lock any account).
 * Failed attempts (unknown name, wrong password, wrong second factor) are counted in
 * `login_attempts` under keyed hashes, never under the name or address itself:
 * - by client: the address with the login name, and the address alone (many names from one
 *   client). After the free failures, every further attempt from that client waits a growing
 *   time (1 s, 2 s, 4 s, … up to LOGIN_MAX_DELAY_SECONDS) and is refused (429) until then,
 *   without checking the password — the attacking client is slowed, nobody else is;
 * - by account: across all clients. After LOGIN_MAX_FAILURES failures within the window the
 *   account is under attack: its password step stops giving a verdict of its own — right or
 *   wrong, it leads to the code step, and only the right password together with a valid second
 *   factor signs in. So the attacked account is never refused to its owner, and guessing its
 *   password teaches an attacker nothing without the second factor. Wrong passwords no longer
 *   lock the account.
 */
export interface ThrottleKeys {
  client: string;
  clientName: string;
  account: string;
}

export function throttleKeys(services: Pick<Services, 'keys'>, ip: string, username: string): ThrottleKeys {
  const name = username.toLowerCase();
  const k = services.keys.lookup;
  return {
    client: hmacHex(k, `login-fail-ip|${ip}`),
    clientName: hmacHex(k, `login-fail|${ip}|${name}`),
    account: hmacHex(k, `login-fail-user|${name}`),
  };
}

interface Limits {
  free: number;
  freeClient: number;
  windowMinutes: number;
  maxDelaySeconds: number;
}
const limitsOf = (services: Pick<Services, 'config'>): Limits => ({
  free: services.config.LOGIN_MAX_FAILURES,
  freeClient: services.config.LOGIN_IP_MAX_FAILURES,
  windowMinutes: services.config.LOGIN_LOCK_MINUTES,
  maxDelaySeconds: services.config.LOGIN_MAX_DELAY_SECONDS,
});

/** Seconds to wait after the last of `n` failures when `free` are allowed: 1, 2, 4, … up to the cap. */
export const delayAfter = (n: number, free: number, maxSeconds: number) =>
  n < free ? 0 : Math.min(2 ** Math.min(n - free, 30), maxSeconds);

/** Seconds this client must still wait before its next attempt is even checked (0: go ahead). */
export async function clientWait(
  q: Queryable,
  services: Pick<Services, 'config'>,
  keys: ThrottleKeys,
): Promise<number> {
  const l = limitsOf(services);
  let wait = 0;
  for (const [key, free] of [
    [keys.clientName, l.free],
    [keys.client, l.freeClient],
  ] as const) {
    const t = await tallyAttempts(q, key, l.windowMinutes);
    if (t.since_last === null) continue;
    wait = Math.max(wait, delayAfter(t.n, free, l.maxDelaySeconds) - t.since_last);
  }
  return Math.max(0, Math.ceil(wait));
}

/** Whether the account (by login name, existing or not) is under attack: its password step gives no verdict. */
export async function accountUnderAttack(
  q: Queryable,
  services: Pick<Services, 'config'>,
  keys: ThrottleKeys,
): Promise<boolean> {
  const l = limitsOf(services);
  return (await tallyAttempts(q, keys.account, l.windowMinutes)).n >= l.free;
}

/**
 * Counts one failed attempt against the client keys and the account. While an account is under
 * attack, its password step counts every attempt (the verdict is not known yet: the same write
 * for a right and a wrong password); a successful sign-in then clears its client's count.
 */
export async function recordLoginFailure(q: Queryable, services: Pick<Services, 'config'>, keys: ThrottleKeys) {
  const l = limitsOf(services);
  // The table also holds the residents' counters (an hour for mail): never forget sooner than that.
  const window = Math.max(l.windowMinutes, Math.ceil(l.maxDelaySeconds / 60), 60);
  await forgetAttemptsBefore(q, window);
  await insertAttempts(q, [keys.client, keys.clientName, keys.account]);
}

/** A signed-in client starts afresh for its own login name (its typos before do not add up). */
export async function clearClientFailures(q: Queryable, keys: ThrottleKeys) {
  await deleteAttempts(q, keys.clientName);
}
