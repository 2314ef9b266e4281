import type { Db } from '../../../platform/db.js';
import type { Actor } from '../../../platform/policy.js';
import { hashPassword } from '../../../platform/passwords.js';
import { auditAdmin, temporaryPassword, type RequestMeta } from '../admin.audit.js';
import { authorizeUsers, manageableUser } from '../users.policy.js';
import { endSessions } from '../users.queries.js';
import { revokeTokensOfUser } from '../../api/api.queries.js';

/**
 * Sets a new temporary password (returned to be shown once), requires a change at the
 * next login, clears a lockout, ends every session of the user and revokes every API token
 * of the user (in every hromada: the password is not per hromada).
 */
export async function resetUserPassword(o: {
  db: Db; actor: Actor | null; meta: RequestMeta; userId: string; reason: string;
}): Promise<{ password: string; username: string }> {
  const { actor, hromadaId } = authorizeUsers(o.actor);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const username = await o.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const target = await manageableUser(c, actor, hromadaId, o.userId);
    await c.query(
      `UPDATE users SET password_hash = $2, must_change_password = true, password_changed_at = now(),
         failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1`, [o.userId, passwordHash]);
    await c.query(`UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [o.userId]);
    await endSessions(c, o.userId);
    const tokens = await revokeTokensOfUser(c, o.userId, 'everywhere');
    await auditAdmin(c, { actor, meta: o.meta, hromadaId, action: 'user.password_reset', entityType: 'user',
      entityId: o.userId, fields: ['password', 'must_change_password', 'sessions', ...(tokens ? ['api_tokens'] : [])],
      reason: o.reason || undefined });
    return target.username;
  });
  return { password, username };
}
