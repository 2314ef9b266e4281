import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireHousehold } from '../../households/households.policy.js';
import { loadPerson } from '../../persons/persons.queries.js';
import { loadCareFamily } from '../family-care.queries.js';

/** The household to register, in words: its head (the carer), and whether it is registered already. */
export interface NewCareForm {
  householdId: string;
  head: string | null;
  registered: boolean;
}

/** What the registration form shows about the household chosen (a read of the head's name, audited). */
export async function getNewCareForm(o: UseCase<{ householdId: string }>): Promise<NewCareForm> {
  return inTenant(o, 'care.write', async ({ c, actor, hromadaId, audit }) => {
    const { household } = await requireHousehold(c, actor, 'registry.read', o.householdId);
    const head = household.head_person_id ? await loadPerson(c, hromadaId, household.head_person_id) : null;
    if (household.head_person_id && !head) throw new AppError('not_found');
    await audit({
      action: 'care.form',
      operation: 'read',
      entityType: 'household',
      entityId: household.id,
      fields: ['name'],
    });
    return {
      householdId: household.id,
      head: head && [head.last_name, head.first_name, head.patronymic].filter(Boolean).join(' '),
      registered: (await loadCareFamily(c, hromadaId, household.id)) !== null,
    };
  });
}
