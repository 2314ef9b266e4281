import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireStaffMember } from '../staff-development.policy.js';
import {
  qualificationsOf,
  supervisionsOf,
  trainingsOf,
  type QualificationRow,
  type StaffMemberRow,
  type SupervisionRow,
  type TrainingRow,
} from '../staff-development.queries.js';

export interface StaffMemberView {
  member: StaffMemberRow;
  qualifications: QualificationRow[];
  trainings: TrainingRow[];
  supervisions: SupervisionRow[];
  canManage: boolean;
}

/**
 * A staff member's development page: qualifications, every training and supervision session. Another agency's staff
 * (for a provider) and another hromada's are «not found». The reading is audited.
 */
export async function viewStaffMember(o: UseCase<{ id: string }>): Promise<StaffMemberView> {
  return inTenant(o, 'staffdev.read', async ({ c, actor, hromadaId, audit }) => {
    const member = await requireStaffMember(c, actor, 'staffdev.read', o.id);
    const view: StaffMemberView = {
      member,
      qualifications: await qualificationsOf(c, hromadaId, member.id),
      trainings: await trainingsOf(c, hromadaId, member.id, null),
      supervisions: await supervisionsOf(c, hromadaId, member.id, null),
      canManage: can(actor, 'staffdev.manage', { hromadaId, agencyIds: member.agency_ids }),
    };
    await audit({
      action: 'staffdev.view',
      operation: 'read',
      entityType: 'user',
      entityId: member.id,
      fields: ['qualifications', 'trainings', 'supervisions'],
    });
    return view;
  });
}
