import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { isOnTeam } from '../../cases/cases.queries.js';
import { reassessmentDays } from '../../assessments/assessments.queries.js';
import { requireContract } from '../contracts.policy.js';
import { contractServices, type ContractRow, type ContractServiceRow } from '../contracts.queries.js';

export interface ContractView {
  contract: ContractRow;
  services: ContractServiceRow[];
  /** The attached case as the actor may see it: a link for those who read it, nothing of a restricted one's number. */
  caseLink: { number: string; href: string | null } | null;
  reassessmentDays: number;
  canManage: boolean;
}

/** A contract's page (the provider's staff: their agency's only). An audited read of the person's contract. */
export async function viewContract(o: UseCase<{ id: string }>): Promise<ContractView> {
  return inTenant(o, 'contracts.read', async ({ c, actor, hromadaId, audit }) => {
    const contract = await requireContract(c, actor, 'contracts.read', o.id);
    await audit({
      action: 'contract.view',
      operation: 'read',
      entityType: 'person',
      entityId: contract.person_id,
      fields: ['contract', 'services'],
      reason: `contract:${contract.id}`,
    });
    let caseLink: ContractView['caseLink'] = null;
    if (contract.case_id && contract.case_number) {
      const visible =
        can(actor, 'cases.read') &&
        (!contract.case_restricted || (await isOnTeam(c, hromadaId, contract.case_id, actor.userId)));
      caseLink = visible ? { number: contract.case_number, href: `/cases/${contract.case_id}` } : null;
    }
    return {
      contract,
      services: await contractServices(c, hromadaId, contract.id),
      caseLink,
      reassessmentDays: await reassessmentDays(c, hromadaId),
      canManage: can(actor, 'contracts.manage') && contract.status === 'active',
    };
  });
}
