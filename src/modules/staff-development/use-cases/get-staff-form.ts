import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireStaffMember, staffReach } from '../staff-development.policy.js';
import { staffChoices, type StaffMemberRow } from '../staff-development.queries.js';

/** What a form adding a record to a staff member shows: the member, and the colleagues who may join a group session. */
export async function getStaffForm(
  o: UseCase<{ id: string }>,
): Promise<{ member: StaffMemberRow; colleagues: { id: string; display_name: string }[] }> {
  return inTenant(o, 'staffdev.manage', async ({ c, actor, hromadaId }) => {
    const member = await requireStaffMember(c, actor, 'staffdev.manage', o.id);
    const all = await staffChoices(c, hromadaId, staffReach(actor, 'staffdev.manage'));
    return { member, colleagues: all.filter((s) => s.id !== member.id) };
  });
}
