import { AppError, problem } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireCase, requireOpen, requireSupervisor } from '../cases.policy.js';
import { addCaseEvent, setCaseStatus } from '../cases.queries.js';
import { closureRequest, setClosureRequest } from '../plan.queries.js';

/**
 * The supervisor's decision on a request to close the case: approve (the case closes with the request's reason) or
 * return it with a comment (required; the case stays open). In the timeline; audited.
 */
export async function decideClosure(
  o: UseCase<{ id: string; decision: 'approve' | 'return'; comment?: string }>,
): Promise<void> {
  return inTenant(o, 'cases.read', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.read', o.id, true);
    requireOpen(row);
    await requireSupervisor(c, actor, row);
    const request = await closureRequest(c, hromadaId, row.id);
    if (!request) throw new AppError('conflict', { messageKey: 'cases.closure.errors.none' });
    const comment = o.comment?.trim() ?? '';
    if (o.decision === 'return' && !comment) throw problem('closureComment', 'cases.plan.v.comment');
    if (comment.length > 2000) throw problem('closureComment', 'cases.plan.v.long');
    await setClosureRequest(c, hromadaId, row.id, null);
    if (o.decision === 'approve') {
      await setCaseStatus(c, hromadaId, row.id, { to: 'closed', closedOn: kyivToday(), closeReason: request.reason });
      await addCaseEvent(c, {
        hromadaId,
        caseId: row.id,
        by: actor,
        event: 'close',
        from: row.status,
        to: 'closed',
        note: request.reason,
      });
    } else {
      await addCaseEvent(c, {
        hromadaId,
        caseId: row.id,
        by: actor,
        event: 'cases.closure.event.returned',
        note: comment,
      });
    }
    await audit({
      action: o.decision === 'approve' ? 'case.closure.approve' : 'case.closure.return',
      operation: 'write',
      entityType: 'case',
      entityId: row.id,
      fields: o.decision === 'approve' ? ['status', 'closedOn', 'closeReason'] : ['closeReason', 'comment'],
    });
  });
}
