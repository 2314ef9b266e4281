import pg from 'pg';
import type { Db } from '../../../platform/db.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { verifyAuditChain, writeAudit, type ChainBreak } from '../../../platform/audit.js';
import type { RequestMeta } from '../../admin/admin.audit.js';

/**
 * Recomputes the hash chain. An auditor of a hromada verifies that hromada's chain (RLS
 * shows exactly its entries); a platform superadmin verifies every chain over the owner
 * connection. The check is recorded in the trail.
 */
export async function verifyAuditTrail(o: { db: Db; ownerUrl: string; actor: Actor | null; meta: RequestMeta }):
Promise<{ scope: 'hromada' | 'platform'; entries: number; breaks: ChainBreak[] }> {
  authorize(o.actor, 'audit.search');
  const actor = o.actor;
  if (actor.hromadaId === null) throw new AppError('forbidden');
  const hromadaId = actor.hromadaId;
  let platform: { entries: number; breaks: ChainBreak[] } | null = null;
  if (actor.isSuperadmin) {
    const owner = new pg.Client({ connectionString: o.ownerUrl, application_name: 'turbota-audit-verify' });
    await owner.connect();
    try {
      platform = await verifyAuditChain(owner);
    } finally {
      await owner.end();
    }
  }
  return o.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const result = platform ?? await verifyAuditChain(c);
    await writeAudit(c, {
      hromadaId, actorId: actor.userId, actorLabel: actor.displayName, action: 'audit.verify', operation: 'read',
      entityType: 'audit_log', fields: [], reason: `entries=${result.entries} breaks=${result.breaks.length}`,
      ip: o.meta.ip, requestId: o.meta.requestId,
    });
    return { scope: platform ? 'platform' : 'hromada', ...result };
  });
}
