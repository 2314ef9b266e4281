import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireStaffMember, requireStaffRecord, type StaffRecord } from '../staff-development.policy.js';
import type { RecordKind, StaffMemberRow } from '../staff-development.queries.js';

/** A record to confirm its deletion: the member and the record, for those who manage the member's records. */
export async function getStaffRecord(
  o: UseCase<{ id: string; kind: RecordKind; recordId: string }>,
): Promise<{ member: StaffMemberRow; record: StaffRecord }> {
  return inTenant(o, 'staffdev.manage', async ({ c, actor, hromadaId }) => {
    const member = await requireStaffMember(c, actor, 'staffdev.manage', o.id);
    return { member, record: await requireStaffRecord(c, hromadaId, member.id, o.kind, o.recordId) };
  });
}
