import { AppError, problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireHousehold } from '../../households/households.policy.js';
import { CAPACITY, capacityProblem, type CareForm } from '../care-rules.js';
import { insertCareFamily, loadCareFamily } from '../family-care.queries.js';

/**
 * Registers a registry household as candidates for a family form of care (a foster family, a ДБСТ, a patronat
 * family, guardians). The household's head is the carer, so it must have one; a household is registered once;
 * the capacity is within the form's legal limits. Audited.
 */
export async function registerCareFamily(
  o: UseCase<{ input: { householdId: string; form: CareForm; capacity: number; note?: string } }>,
): Promise<void> {
  return inTenant(o, 'care.write', async ({ c, actor, hromadaId, audit }) => {
    const i = o.input;
    const { household } = await requireHousehold(c, actor, 'registry.read', i.householdId);
    if (!household.head_person_id) throw problem('householdId', 'care.v.noHead');
    if (await loadCareFamily(c, hromadaId, household.id))
      throw new AppError('conflict', { messageKey: 'care.errors.registered' });
    const bad = capacityProblem(i.form, i.capacity);
    if (bad) throw problem('capacity', `care.v.${bad}`, CAPACITY[i.form]);
    await insertCareFamily(c, {
      hromadaId,
      householdId: household.id,
      form: i.form,
      capacity: i.capacity,
      note: i.note ?? null,
      by: actor.userId,
    });
    await audit({
      action: 'care.register',
      operation: 'write',
      entityType: 'household',
      entityId: household.id,
      fields: ['form', 'capacity'],
    });
  });
}
