import { AppError, problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireCase, requireOpen } from '../cases.policy.js';
import { addCaseEvent } from '../cases.queries.js';
import { closureRequest, setClosureRequest } from '../plan.queries.js';

/**
 * The worker asks to close the case, saying why; the supervisor approves (the case closes) or returns it. Closing
 * always needs this approval (decision 0019). One request at a time; in the timeline; audited.
 */
export async function requestClosure(o: UseCase<{ id: string; reason: string; version?: number }>): Promise<void> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.write', o.id, true);
    requireOpen(row);
    if (o.version !== undefined && row.version !== o.version)
      throw new AppError('conflict', { messageKey: 'cases.errors.stale' });
    const reason = o.reason.trim();
    if (!reason) throw problem('closeReason', 'cases.v.reason');
    if (reason.length > 2000) throw problem('closeReason', 'cases.v.reasonLong');
    if (await closureRequest(c, hromadaId, row.id))
      throw new AppError('conflict', { messageKey: 'cases.closure.errors.pending' });
    await setClosureRequest(c, hromadaId, row.id, { by: actor.userId, reason });
    await addCaseEvent(c, {
      hromadaId,
      caseId: row.id,
      by: actor,
      event: 'cases.closure.event.requested',
      note: reason,
    });
    await audit({
      action: 'case.closure.request',
      operation: 'write',
      entityType: 'case',
      entityId: row.id,
      fields: ['closeReason'],
    });
  });
}
