import { hashPassword } from '../../../platform/passwords.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { authorizeUsers, manageableUser } from '../admin.policy.js';
import { temporaryPassword } from '../temporary-password.js';
import { endSessions, setTemporaryPassword, useUpUserTokens } from '../users.queries.js';
import { revokeTokensOfUser } from '../../api/api.queries.js';

/**
 * Sets a new temporary password (returned to be shown once), requires a change at the
 * next login, clears a lockout, ends every session of the user and revokes every API token
 * of the user (in every hromada: the password is not per hromada).
 */
export async function resetUserPassword(
  o: UseCase<{ userId: string; reason: string }>,
): Promise<{ password: string; username: string }> {
  authorizeUsers(o.actor);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const username = await inTenant(o, 'users.manage', async ({ c, actor, hromadaId, audit }) => {
    const target = await manageableUser(c, actor, hromadaId, o.userId);
    await setTemporaryPassword(c, o.userId, passwordHash);
    await useUpUserTokens(c, o.userId);
    await endSessions(c, o.userId);
    const tokens = await revokeTokensOfUser(c, o.userId, 'everywhere');
    await audit({
      action: 'user.password_reset',
      operation: 'admin',
      entityType: 'user',
      entityId: o.userId,
      fields: ['password', 'must_change_password', 'sessions', ...(tokens ? ['api_tokens'] : [])],
      reason: o.reason || null,
    });
    return target.username;
  });
  return { password, username };
}
