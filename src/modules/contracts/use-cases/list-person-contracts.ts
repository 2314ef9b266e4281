import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { contractReach } from '../contracts.policy.js';
import { contractsPage, type ContractRow } from '../contracts.queries.js';

/**
 * The person card's «Договори»: the person's contracts within the actor's reach (a provider's staff: their agency's),
 * latest first. Null when the role does not read contracts; audited when something is shown.
 */
export async function listPersonContracts(o: UseCase<{ personId: string }>): Promise<ContractRow[] | null> {
  if (!can(o.actor, 'contracts.read')) return null;
  return inTenant(o, 'contracts.read', async ({ c, actor, hromadaId, audit }) => {
    const { rows } = await contractsPage(
      c,
      hromadaId,
      {
        agencyIds: contractReach(actor, 'contracts.read'),
        agencyId: null,
        personId: o.personId,
        status: null,
        endingBy: null,
        sort: 'starts',
      },
      50,
      0,
    );
    if (rows.length) {
      await audit({
        action: 'person.contracts.view',
        operation: 'read',
        entityType: 'person',
        entityId: o.personId,
        fields: ['contract'],
        reason: `results:${rows.length}`,
      });
    }
    return rows;
  });
}
