import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { showsContact } from '../assignments.presenter.js';
import { loadAssignmentHistory, type AssignmentHistoryRow, type AssignmentRow } from '../assignments.queries.js';
import { requireAssignment } from '../assignments.policy.js';

export interface AssignmentView {
  row: AssignmentRow;
  history: AssignmentHistoryRow[];
}

/** One assignment with its history (404 outside the actor's reach); the read is audited. */
export async function getAssignment(o: UseCase<{ id: string; action?: string }>): Promise<AssignmentView> {
  return inTenant(o, 'assignments.read', async ({ c, actor, audit }) => {
    const row = await requireAssignment(c, actor, 'assignments.read', o.id);
    const history = await loadAssignmentHistory(c, row.id);
    await audit({
      operation: 'read',
      action: o.action ?? 'assignment.view',
      entityType: 'assignment',
      entityId: row.id,
      fields: [
        'person',
        'service',
        'application',
        'status',
        'notes',
        'history',
        ...(showsContact(row) ? ['address', 'phone'] : []),
      ],
    });
    return { row, history };
  });
}
