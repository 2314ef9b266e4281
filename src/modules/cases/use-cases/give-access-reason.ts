import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireCase } from '../cases.policy.js';
import { grantAccess } from '../access.queries.js';

/** A member of a restricted case's team says why they open it: the page opens for a while; audited with the reason. */
export async function giveAccessReason(o: UseCase<{ id: string; reason: string }>): Promise<void> {
  return inTenant(o, 'cases.read', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.read', o.id);
    if (!row.restricted) return;
    await grantAccess(c, { hromadaId, caseId: row.id, userId: actor.userId, kind: 'reason', reason: o.reason });
    await audit({
      action: 'case.access.reason',
      operation: 'read',
      entityType: 'case',
      entityId: row.id,
      fields: ['subject'],
      reason: o.reason,
    });
  });
}
