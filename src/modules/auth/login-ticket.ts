import type { Services } from '../../services.js';
import type { Queryable } from './auth.queries.js';
import { hmacHex, randomToken } from '../../platform/secrets.js';
import { attemptSeen, insertAttempt } from './login-attempts.queries.js';

/** The cookie that carries the ticket from the password step to the code step (only under attack). */
export const TICKET_COOKIE = 'turbota_login';
export const TICKET_MINUTES = 10;

/**
 * What the password step of an account under attack hands to the code step, sealed (AES-GCM,
 * so the client can neither read nor change it): the login name, the user (if any) and whether
 * the password was right. Used once, within TICKET_MINUTES.
 */
export interface LoginTicket {
  name: string;
  userId: string | null;
  passwordOk: boolean;
  nonce: string;
  expires: number;
}

export function sealTicket(services: Pick<Services, 'box'>, t: Omit<LoginTicket, 'nonce' | 'expires'>): string {
  const ticket: LoginTicket = { ...t, nonce: randomToken(16), expires: Date.now() + TICKET_MINUTES * 60_000 };
  return services.box.seal(JSON.stringify(ticket));
}

/** The ticket, or null when it is not one of ours or has expired. */
export function openTicket(services: Pick<Services, 'box'>, sealed: string | undefined): LoginTicket | null {
  if (!sealed) return null;
  try {
    const t = JSON.parse(services.box.open(sealed)) as LoginTicket;
    if (typeof t.name !== 'string' || typeof t.nonce !== 'string' || typeof t.passwordOk !== 'boolean') return null;
    return t.expires > Date.now() ? t : null;
  } catch {
    return null;
  }
}

/** Marks the ticket used; false when it was used before (a replayed cookie). */
export async function useTicket(q: Queryable, services: Pick<Services, 'keys'>, t: LoginTicket): Promise<boolean> {
  const key = hmacHex(services.keys.lookup, `login-ticket|${t.nonce}`);
  if (await attemptSeen(q, key)) return false;
  await insertAttempt(q, key);
  return true;
}
