import { problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireCase, requireOpen } from '../cases.policy.js';
import { addCaseEvent, touchCase } from '../cases.queries.js';
import { insertMember, isCaseStaff } from '../team.queries.js';
import type { MemberForm } from '../team.schema.js';

/**
 * Adds a member to the case's team: an account of the hromada's case staff (who then sees the case, a
 * restricted one too; a supervisor must be a manager) or an external contact of another agency (who sees
 * nothing on the platform), each with a role in the case. In the timeline; audited.
 */
export async function addTeamMember(o: UseCase<{ id: string; input: MemberForm }>): Promise<string> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.write', o.id, true);
    requireOpen(row);
    const m = o.input;
    let userId: string | null = null;
    let supervisor = false;
    if (m.kind === 'staff') {
      if (!(await isCaseStaff(c, hromadaId, m.userId, ['manager', 'worker', 'children'])))
        throw problem('userId', 'cases.v.memberUser');
      if (m.supervisor && !(await isCaseStaff(c, hromadaId, m.userId, ['manager'])))
        throw problem('supervisor', 'cases.v.supervisorManager');
      userId = m.userId;
      supervisor = m.supervisor;
    }
    const contact = m.kind === 'contact' ? m : null;
    const id = await insertMember(c, {
      hromadaId,
      caseId: row.id,
      userId,
      role: supervisor ? 'supervisor' : 'member',
      agencyKind: m.agencyKind,
      caseRole: m.caseRole,
      contactName: contact?.contactName ?? null,
      contactOrg: contact?.contactOrg ?? null,
      contactPhone: contact?.contactPhone ?? null,
      contactEmail: contact?.contactEmail ?? null,
      addedBy: actor.userId,
    });
    if (!id) throw problem('userId', 'cases.v.memberTwice');
    await touchCase(c, hromadaId, row.id);
    await addCaseEvent(c, {
      hromadaId,
      caseId: row.id,
      by: actor,
      event: 'teamAdd',
      data: { caseRole: m.caseRole, external: m.kind === 'contact' },
    });
    await audit({
      action: 'case.team.add',
      operation: 'write',
      entityType: 'case',
      entityId: row.id,
      fields: ['team'],
    });
    return id;
  });
}
