import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { householdMembers, type HouseholdRow, type MemberRow } from '../households.queries.js';
import { requireHousehold } from '../households.policy.js';

export interface HouseholdView {
  household: HouseholdRow;
  members: MemberRow[];
  canWrite: boolean;
}

/** One household with its members (present and former); the read is audited. */
export async function viewHousehold(o: UseCase<{ id: string }>): Promise<HouseholdView> {
  return inTenant(o, 'registry.read', async ({ c, actor, audit }) => {
    const { household, canWrite } = await requireHousehold(c, actor, 'registry.read', o.id);
    const members = await householdMembers(c, o.id);
    await audit({
      action: 'household.view',
      operation: 'read',
      entityType: 'household',
      entityId: o.id,
      fields: ['address', 'members'],
    });
    return { household, members, canWrite };
  });
}
