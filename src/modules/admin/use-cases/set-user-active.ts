import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { authorizeUsers, manageableUser } from '../admin.policy.js';
import { endSessions, setActive } from '../users.queries.js';
import { revokeTokensOfUser } from '../../api/api.queries.js';

/**
 * Deactivates (ending every session and revoking every API token at once, so reactivation
 * brings no token back) or reactivates a staff account.
 * An administrator cannot deactivate their own account.
 */
export async function setUserActive(o: UseCase<{ userId: string; active: boolean; reason: string }>): Promise<void> {
  authorizeUsers(o.actor);
  if (!o.active && o.userId === o.actor.userId)
    throw new AppError('conflict', { messageKey: 'admin.errors.selfDeactivate' });
  await inTenant(o, 'users.manage', async ({ c, actor, hromadaId, audit }) => {
    const target = await manageableUser(c, actor, hromadaId, o.userId);
    if (target.active === o.active) return;
    await setActive(c, o.userId, o.active);
    let tokens = 0;
    if (!o.active) {
      await endSessions(c, o.userId);
      tokens = await revokeTokensOfUser(c, o.userId, 'everywhere');
    }
    await audit({
      action: o.active ? 'user.reactivate' : 'user.deactivate',
      operation: 'admin',
      entityType: 'user',
      entityId: o.userId,
      fields: o.active ? ['active'] : ['active', 'sessions', ...(tokens ? ['api_tokens'] : [])],
      reason: o.reason || null,
    });
  });
}
