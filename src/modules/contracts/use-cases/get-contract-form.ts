import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { personCases } from '../../cases/cases.queries.js';
import { agencyChoices, personForContract, serviceChoices, type ServiceChoice } from '../contracts.queries.js';

export interface ContractFormData {
  person: { id: string; name: string };
  agencies: { id: number; name: string }[];
  services: ServiceChoice[];
  /** The person's own open cases the actor may see (restricted ones only for their team). */
  cases: { id: string; number: string }[];
}

/**
 * What the new-contract form of a person offers: the providers, the catalogue's services, the person's cases whose
 * individual plan may be attached. Reading the person and their cases is audited.
 */
export async function getContractForm(o: UseCase<{ personId: string }>): Promise<ContractFormData> {
  return inTenant(o, 'contracts.manage', async ({ c, actor, hromadaId, audit }) => {
    const person = await personForContract(c, hromadaId, o.personId);
    if (!person || person.merged_into) throw new AppError('not_found');
    const cases = (await personCases(c, hromadaId, person.id, actor.userId)).filter(
      (k) => k.person_id === person.id && k.status !== 'closed',
    );
    await audit({
      action: 'contract.form.view',
      operation: 'read',
      entityType: 'person',
      entityId: person.id,
      fields: ['name', 'cases'],
    });
    return {
      person: { id: person.id, name: person.name },
      agencies: await agencyChoices(c, hromadaId),
      services: await serviceChoices(c, hromadaId),
      cases: cases.map((k) => ({ id: k.id, number: k.number })),
    };
  });
}
