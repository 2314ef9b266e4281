import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { manageableUser } from '../admin.policy.js';
import { deleteGrant, endSessions, listGrantsOf } from '../users.queries.js';
import { revokeTokensOfUser } from '../../api/api.queries.js';

/**
 * Removes one role of a staff member in this hromada, ends their sessions and revokes their
 * API tokens of this hromada (a token must not keep working on rights being taken away, nor
 * come back to life when a role is given again).
 * An administrator cannot remove their own last administrator role (nobody would be left to undo it).
 */
export async function removeGrant(o: UseCase<{ userId: string; grantId: number; reason: string }>) {
  await inTenant(o, 'users.manage', async ({ c, actor, hromadaId, audit }) => {
    await manageableUser(c, actor, hromadaId, o.userId);
    const grants = await listGrantsOf(c, hromadaId, o.userId);
    const grant = grants.find((g) => g.id === o.grantId);
    if (!grant) throw new AppError('not_found');
    if (o.userId === actor.userId && grant.role === 'admin' && grants.filter((g) => g.role === 'admin').length === 1) {
      throw new AppError('conflict', { messageKey: 'admin.errors.lastOwnAdmin' });
    }
    await deleteGrant(c, hromadaId, o.userId, o.grantId);
    await endSessions(c, o.userId);
    const tokens = await revokeTokensOfUser(c, o.userId, 'hromada');
    await audit({
      action: 'grant.remove',
      operation: 'admin',
      entityType: 'grant',
      entityId: String(o.grantId),
      fields: [
        'user_id',
        'role',
        ...(grant.district_id !== null ? ['district_id'] : []),
        ...(grant.agency_id !== null ? ['agency_id'] : []),
        ...(tokens ? ['api_tokens'] : []),
      ],
      reason: o.reason || null,
    });
  });
}
