import type { Db } from '../../../platform/db.js';
import type { Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { auditAdmin, type RequestMeta } from '../admin.audit.js';
import { authorizeUsers, manageableUser } from '../users.policy.js';
import { endSessions, listGrantsOf } from '../users.queries.js';
import { revokeTokensOfUser } from '../../api/api.queries.js';

/**
 * Removes one role of a staff member in this hromada, ends their sessions and revokes their
 * API tokens of this hromada (a token must not keep working on rights being taken away, nor
 * come back to life when a role is given again).
 * An administrator cannot remove their own last administrator role (nobody would be left to undo it).
 */
export async function removeGrant(o: {
  db: Db; actor: Actor | null; meta: RequestMeta; userId: string; grantId: number; reason: string;
}) {
  const { actor, hromadaId } = authorizeUsers(o.actor);
  await o.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    await manageableUser(c, actor, hromadaId, o.userId);
    const grants = await listGrantsOf(c, hromadaId, o.userId);
    const grant = grants.find((g) => g.id === o.grantId);
    if (!grant) throw new AppError('not_found');
    if (o.userId === actor.userId && grant.role === 'admin' && grants.filter((g) => g.role === 'admin').length === 1) {
      throw new AppError('conflict', { messageKey: 'admin.errors.lastOwnAdmin' });
    }
    await c.query('DELETE FROM grants WHERE id = $1 AND hromada_id = $2 AND user_id = $3', [o.grantId, hromadaId, o.userId]);
    await endSessions(c, o.userId);
    const tokens = await revokeTokensOfUser(c, o.userId, 'hromada');
    await auditAdmin(c, { actor, meta: o.meta, hromadaId, action: 'grant.remove', entityType: 'grant', entityId: o.grantId,
      fields: ['user_id', 'role', ...(grant.district_id !== null ? ['district_id'] : []),
        ...(grant.agency_id !== null ? ['agency_id'] : []), ...(tokens ? ['api_tokens'] : [])], reason: o.reason || undefined });
  });
}
