import type { Services } from '../../../services.js';
import { AppError } from '../../../platform/errors.js';
import { countPasskeys, findPasskey, listPasskeys, type PasskeyRow } from '../passkeys.queries.js';
import { mayUsePasskeys } from '../passkeys.policy.js';

/** The signed-in administrator's own passkeys; null for everyone else (they have no such section). */
export async function listOwnPasskeys(o: { services: Services; userId: string }): Promise<PasskeyRow[] | null> {
  if (!(await mayUsePasskeys(o.services.db, o.userId))) return null;
  return listPasskeys(o.services.db, o.userId);
}

/** Whether the second-factor page offers «sign in with a passkey» to this (pending) user. */
export async function passkeyLoginOffered(services: Services, userId: string): Promise<boolean> {
  return (await mayUsePasskeys(services.db, userId)) && (await countPasskeys(services.db, userId)) > 0;
}

/** One of the administrator's own passkeys (for the removal confirmation); another user's id is not found. */
export async function getOwnPasskey(o: { services: Services; userId: string; passkeyId: string }): Promise<PasskeyRow> {
  if (!(await mayUsePasskeys(o.services.db, o.userId))) throw new AppError('forbidden');
  const row = await findPasskey(o.services.db, o.userId, o.passkeyId);
  if (!row) throw new AppError('not_found');
  return row;
}
