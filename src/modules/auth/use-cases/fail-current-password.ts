import type { Queryable } from '../../../platform/db.js';
import type { Services } from '../../../services.js';
import { authActor } from '../auth.context.js';
import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { deleteSessionsOfUser, recordFailure, type AuthUser } from '../auth.queries.js';

/**
 * A wrong current password on the account page counts toward the lockout like a
 * wrong login; when the account locks (or guessing goes on while it is locked),
 * every session of the user ends.
 */
export async function failCurrentPassword(
  q: Queryable,
  services: Services,
  o: {
    user: AuthUser;
    hromadaId: number | null;
    action: string;
    meta: RequestMeta;
  },
): Promise<{ locked: boolean }> {
  const { user, hromadaId, meta } = o;
  await auditWriter(q, authActor(user), meta, { hromadaId })({
    action: o.action,
    operation: 'auth',
    entityType: 'user',
    entityId: user.id,
    reason: 'current_password',
  });
  const { justLocked } = await recordFailure(
    q,
    user.id,
    services.config.LOGIN_MAX_FAILURES,
    services.config.LOGIN_LOCK_MINUTES,
  );
  if (!justLocked && !user.locked) return { locked: false };
  if (justLocked)
    await auditWriter(q, authActor(user), meta, { hromadaId })({
      action: 'auth.lockout',
      operation: 'auth',
      entityType: 'user',
      entityId: user.id,
    });
  await deleteSessionsOfUser(q, user.id);
  return { locked: true };
}
