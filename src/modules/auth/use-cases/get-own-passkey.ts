import type { Services } from '../../../services.js';
import { AppError } from '../../../platform/errors.js';
import { findPasskey, type PasskeyRow } from '../passkeys.queries.js';
import { mayUsePasskeys } from '../passkeys.policy.js';

/** One of the administrator's own passkeys (for the removal confirmation); another user's id is not found. */
export async function getOwnPasskey(o: { services: Services; userId: string; passkeyId: string }): Promise<PasskeyRow> {
  if (!(await mayUsePasskeys(o.services.db, o.userId))) throw new AppError('forbidden');
  const row = await findPasskey(o.services.db, o.userId, o.passkeyId);
  if (!row) throw new AppError('not_found');
  return row;
}
