import { AppError, problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireContract } from '../contracts.policy.js';
import { terminateContractRow } from '../contracts.queries.js';

/**
 * Ends a contract early on a day (not before it started, not after its end) with the reason. An ended contract is
 * kept with its services; only an active one can be ended. Audited.
 */
export async function terminateContract(
  o: UseCase<{ id: string; terminatedOn: string; reason: string }>,
): Promise<void> {
  return inTenant(o, 'contracts.manage', async ({ c, actor, hromadaId, audit }) => {
    const k = await requireContract(c, actor, 'contracts.manage', o.id, true);
    if (k.status !== 'active') throw new AppError('conflict', { messageKey: 'contracts.errors.notActive' });
    if (o.terminatedOn < k.starts_on) throw problem('terminatedOn', 'contracts.v.terminatedBeforeStart');
    if (o.terminatedOn > k.ends_on) throw problem('terminatedOn', 'contracts.v.terminatedAfterEnd');
    await terminateContractRow(c, hromadaId, k.id, { on: o.terminatedOn, reason: o.reason, by: actor.userId });
    await audit({
      action: 'contract.terminate',
      operation: 'write',
      entityType: 'person',
      entityId: k.person_id,
      fields: ['contract', 'termination'],
      reason: `contract:${k.id}`,
    });
  });
}
