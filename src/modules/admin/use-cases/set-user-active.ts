import type { Db } from '../../../platform/db.js';
import type { Actor } from '../../../platform/policy.js';
import { auditAdmin, type RequestMeta } from '../admin.audit.js';
import { AppError } from '../../../platform/errors.js';
import { authorizeUsers, manageableUser } from '../users.policy.js';
import { endSessions } from '../users.queries.js';
import { revokeTokensOfUser } from '../../api/api.queries.js';

/**
 * Deactivates (ending every session and revoking every API token at once, so reactivation
 * brings no token back) or reactivates a staff account.
 * An administrator cannot deactivate their own account.
 */
export async function setUserActive(o: {
  db: Db; actor: Actor | null; meta: RequestMeta; userId: string; active: boolean; reason: string;
}): Promise<void> {
  const { actor, hromadaId } = authorizeUsers(o.actor);
  if (!o.active && o.userId === actor.userId) {
    throw new AppError('conflict', { messageKey: 'admin.errors.selfDeactivate' });
  }
  await o.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const target = await manageableUser(c, actor, hromadaId, o.userId);
    if (target.active === o.active) return;
    await c.query(
      `UPDATE users SET active = $2, updated_at = now(), failed_logins = 0, locked_until = NULL WHERE id = $1`,
      [o.userId, o.active]);
    let tokens = 0;
    if (!o.active) {
      await endSessions(c, o.userId);
      tokens = await revokeTokensOfUser(c, o.userId, 'everywhere');
    }
    await auditAdmin(c, { actor, meta: o.meta, hromadaId, action: o.active ? 'user.reactivate' : 'user.deactivate',
      entityType: 'user', entityId: o.userId,
      fields: o.active ? ['active'] : ['active', 'sessions', ...(tokens ? ['api_tokens'] : [])], reason: o.reason || undefined });
  });
}
