import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { leaveHousehold } from '../households.queries.js';
import { requireHousehold } from '../households.policy.js';

/** The person leaves the household today (kept as a former member); a leaving head leaves it without a head. */
export async function removeMember(o: UseCase<{ householdId: string; personId: string }>): Promise<void> {
  return inTenant(o, 'registry.write', async ({ c, actor, audit }) => {
    await requireHousehold(c, actor, 'registry.write', o.householdId);
    if (!(await leaveHousehold(c, o.householdId, o.personId))) throw new AppError('not_found');
    await audit({
      action: 'household.member.remove',
      operation: 'write',
      entityType: 'household',
      entityId: o.householdId,
      fields: ['members'],
      reason: `person:${o.personId}`,
    });
  });
}
