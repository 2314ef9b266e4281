import { AppError, problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { CAPACITY, capacityProblem } from '../care-rules.js';
import { requireCareFamily } from '../family-care.policy.js';
import { setCapacity } from '../family-care.queries.js';

/** Changes how many children a family may bring up: within the form's limits, and not below the children placed now. Audited. */
export async function changeCareCapacity(o: UseCase<{ id: string; capacity: number }>): Promise<void> {
  return inTenant(o, 'care.write', async ({ c, actor, hromadaId, audit }) => {
    const f = await requireCareFamily(c, actor, 'care.write', o.id, true);
    if (f.stage === 'closed' || f.stage === 'refused')
      throw new AppError('conflict', { messageKey: 'care.errors.closed' });
    const bad = capacityProblem(f.form, o.capacity);
    if (bad) throw problem('capacity', `care.v.${bad}`, CAPACITY[f.form]);
    if (o.capacity < f.placed) throw problem('capacity', 'care.v.belowPlaced', { count: f.placed });
    await setCapacity(c, hromadaId, f.household_id, o.capacity);
    await audit({
      action: 'care.capacity',
      operation: 'write',
      entityType: 'household',
      entityId: f.household_id,
      fields: ['capacity'],
      reason: `${f.capacity} -> ${o.capacity}`,
    });
  });
}
