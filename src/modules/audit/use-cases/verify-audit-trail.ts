import pg from 'pg';
import { authorize } from '../../../platform/policy.js';
import { verifyAuditChain, type ChainBreak } from '../../../platform/audit.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';

/**
 * Recomputes the hash chain. An auditor of a hromada verifies that hromada's chain (RLS
 * shows exactly its entries); a platform superadmin verifies every chain over the owner
 * connection. The check is recorded in the trail.
 */
export async function verifyAuditTrail(
  o: UseCase<{ ownerUrl: string }>,
): Promise<{ scope: 'hromada' | 'platform'; entries: number; breaks: ChainBreak[] }> {
  authorize(o.actor, 'audit.search');
  const actor = o.actor;
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
  return inTenant(o, 'audit.search', async ({ c, audit }) => {
    const result = platform ?? (await verifyAuditChain(c));
    await audit({
      action: 'audit.verify',
      operation: 'read',
      entityType: 'audit_log',
      fields: [],
      reason: `entries=${result.entries} breaks=${result.breaks.length}`,
    });
    return { scope: platform ? 'platform' : 'hromada', ...result };
  });
}
