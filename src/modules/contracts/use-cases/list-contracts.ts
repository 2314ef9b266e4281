import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { reassessmentDays } from '../../assessments/assessments.queries.js';
import { contractReach } from '../contracts.policy.js';
import { agencyChoices, contractsPage, type ContractListFilter, type ContractRow } from '../contracts.queries.js';

export const CONTRACTS_PAGE_SIZE = 25;

/**
 * A page of the hromada's contracts (a provider's staff: their agency's), filtered and sorted, and the providers to
 * filter by. The rows name persons:
 * a read that shows any is audited.
 */
export async function listContracts(
  o: UseCase<{ filter: Omit<ContractListFilter, 'agencyIds'>; page: number }>,
): Promise<{ rows: ContractRow[]; total: number; agencies: { id: number; name: string }[]; reassessmentDays: number }> {
  return inTenant(o, 'contracts.read', async ({ c, actor, hromadaId, audit }) => {
    const filter = { ...o.filter, agencyIds: contractReach(actor, 'contracts.read') };
    const r = await contractsPage(c, hromadaId, filter, CONTRACTS_PAGE_SIZE, (o.page - 1) * CONTRACTS_PAGE_SIZE);
    if (r.rows.length) {
      await audit({
        action: 'contract.list',
        operation: 'read',
        entityType: 'contract',
        fields: ['contract'],
        reason: `results:${r.rows.length}${filter.endingBy ? `;ending:${filter.endingBy.to}` : ''}`,
      });
    }
    const reach = filter.agencyIds;
    const agencies = (await agencyChoices(c, hromadaId)).filter((a) => reach === null || reach.includes(a.id));
    return { ...r, agencies, reassessmentDays: await reassessmentDays(c, hromadaId) };
  });
}
