import type { Db } from '../../../platform/db.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { writeAudit } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import { markRevoked, selectToken } from '../api.queries.js';

/**
 * Revokes a token of the current hromada; it stops working with the next request
 * (every request looks the token up). Revoking a revoked token changes nothing.
 */
export async function revokeApiToken(opts: {
  db: Db; actor: Actor | null; tokenId: string; ip: string; requestId: string;
}): Promise<{ revoked: boolean }> {
  const { db, actor } = opts;
  authorize(actor, 'apiTokens.manage');
  const hromadaId = actor.hromadaId as number;
  return db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    if (!(await selectToken(c, opts.tokenId))) throw new AppError('not_found');
    const revoked = await markRevoked(c, opts.tokenId);
    if (revoked) {
      await writeAudit(c, {
        hromadaId, actorId: actor.userId, actorLabel: actor.displayName, action: 'apiTokens.revoke', operation: 'admin',
        entityType: 'api_token', entityId: opts.tokenId, fields: ['revoked_at'], ip: opts.ip, requestId: opts.requestId,
      });
    }
    return { revoked };
  });
}
