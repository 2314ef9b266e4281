import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { AssignmentStatus } from '../assignment-machine.js';
import { assignmentsPage, type AssignmentRow } from '../assignments.queries.js';
import { listReach } from '../assignments.policy.js';

/** The assignments the actor may see (a provider: its agency's; a starosta: its district's), newest first; audited. */
export async function listAssignments(
  o: UseCase<{ status?: AssignmentStatus; limit: number; offset: number }>,
): Promise<{ rows: AssignmentRow[]; total: number }> {
  return inTenant(o, 'assignments.read', async ({ c, actor, hromadaId, audit }) => {
    const reach = listReach(actor);
    if (!reach) throw new AppError('forbidden');
    const page = await assignmentsPage(c, hromadaId, reach, { status: o.status }, o.limit, o.offset);
    await audit({
      operation: 'read',
      action: 'assignment.list',
      entityType: 'assignment',
      entityId: page.rows.length === 1 ? page.rows[0].id : null,
      fields: ['person', 'service', 'status', ...(o.status ? ['filter:status'] : [])],
      reason: `results:${page.total}`,
    });
    return page;
  });
}
