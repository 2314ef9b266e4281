import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireCase, requireOpen } from '../cases.policy.js';
import { addCaseEvent, touchCase } from '../cases.queries.js';
import { loadMember, openTasksOf, removeMember } from '../team.queries.js';

/**
 * Takes a member off the case's team (from then on a restricted case is hidden from them). The manager
 * stays (management is handed over, not removed), and a member with open tasks stays until they are done.
 */
export async function removeTeamMember(o: UseCase<{ id: string; memberId: string }>): Promise<void> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.write', o.id, true);
    requireOpen(row);
    const member = await loadMember(c, hromadaId, row.id, o.memberId);
    if (!member) throw new AppError('not_found');
    if (member.role === 'manager') throw new AppError('conflict', { messageKey: 'cases.errors.removeManager' });
    if ((await openTasksOf(c, hromadaId, member.id)) > 0)
      throw new AppError('conflict', { messageKey: 'cases.errors.memberHasTasks' });
    await removeMember(c, hromadaId, member.id, actor.userId);
    await touchCase(c, hromadaId, row.id);
    await addCaseEvent(c, {
      hromadaId,
      caseId: row.id,
      by: actor,
      event: 'teamRemove',
      data: { caseRole: member.case_role ?? '' },
    });
    await audit({
      action: 'case.team.remove',
      operation: 'write',
      entityType: 'case',
      entityId: row.id,
      fields: ['team'],
    });
  });
}
