import type { Db } from '../../platform/db.js';
import { listUserGrants, loadUserRow } from '../../platform/actor.js';
import { countPasskeys } from './passkeys.queries.js';

/** How many passkeys one person may keep (the list never needs paging). */
export const MAX_PASSKEYS = 10;

/**
 * Passkeys are for administrators only: an active staff member who is a superadmin or
 * holds the `admin` role in any active hromada. Everyone else keeps TOTP alone (decision 0010).
 */
export async function mayUsePasskeys(db: Db, userId: string): Promise<boolean> {
  const user = await loadUserRow(db, userId);
  if (!user || user.kind !== 'staff' || !user.active) return false;
  if (user.is_superadmin) return true;
  return (await listUserGrants(db, userId)).some((g) => g.role === 'admin');
}

/** Whether the second-factor page offers «sign in with a passkey» to this (pending) user. */
export async function passkeyLoginOffered(db: Db, userId: string): Promise<boolean> {
  return (await mayUsePasskeys(db, userId)) && (await countPasskeys(db, userId)) > 0;
}
