import type { Services } from '../../../services.js';
import { listPasskeys, type PasskeyRow } from '../passkeys.queries.js';
import { mayUsePasskeys } from '../passkeys.policy.js';

/** The signed-in administrator's own passkeys; null for everyone else (they have no such section). */
export async function listOwnPasskeys(o: { services: Services; userId: string }): Promise<PasskeyRow[] | null> {
  if (!(await mayUsePasskeys(o.services.db, o.userId))) return null;
  return listPasskeys(o.services.db, o.userId);
}
