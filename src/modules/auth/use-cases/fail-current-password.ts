import type { Queryable } from '../../../platform/db.js';
import type { Services } from '../../../services.js';
import { auditAuth, type RequestMeta } from '../auth.context.js';
import { deleteSessionsOfUser, recordFailure, type AuthUser } from '../auth.queries.js';

/**
 * A wrong current password on the account page counts toward the lockout like a
 * wrong login; when the account locks (or guessing goes on while it is locked),
 * every session of the user ends.
 */
export async function failCurrentPassword(q: Queryable, services: Services, o: {
  user: AuthUser; hromadaId: number | null; action: string; meta: RequestMeta;
}): Promise<{ locked: boolean }> {
  const { user, hromadaId, meta } = o;
  await auditAuth(q, { action: o.action, hromadaId, user, reason: 'current_password', meta });
  const { justLocked } = await recordFailure(q, user.id, services.config.LOGIN_MAX_FAILURES, services.config.LOGIN_LOCK_MINUTES);
  if (!justLocked && !user.locked) return { locked: false };
  if (justLocked) await auditAuth(q, { action: 'auth.lockout', hromadaId, user, meta });
  await deleteSessionsOfUser(q, user.id);
  return { locked: true };
}
