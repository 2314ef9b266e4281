import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { markRevoked } from '../api.queries.js';
import { requireToken } from '../api.policy.js';

/**
 * Revokes a token of the current hromada; it stops working with the next request (every request
 * looks the token up, or confirms that no token changed since — decision 0039). Revoking a revoked
 * token changes nothing.
 */
export async function revokeApiToken(o: UseCase<{ tokenId: string }>): Promise<{ revoked: boolean }> {
  return inTenant(o, 'apiTokens.manage', async ({ c, audit }) => {
    await requireToken(c, o.tokenId);
    const revoked = await markRevoked(c, o.tokenId);
    if (revoked) {
      await audit({
        action: 'apiTokens.revoke',
        operation: 'admin',
        entityType: 'api_token',
        entityId: o.tokenId,
        fields: ['revoked_at'],
      });
    }
    return { revoked };
  });
}
