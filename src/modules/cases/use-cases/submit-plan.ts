import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireCase, requireOpen } from '../cases.policy.js';
import { addCaseEvent } from '../cases.queries.js';
import { canSubmit } from '../plan-machine.js';
import { loadPlan, planItems, setPlanStatus } from '../plan.queries.js';

/**
 * Submits the plan for the supervisor's approval: a plan with at least one item, a draft or returned one, of the
 * version the worker saw (else 409). In the timeline; audited.
 */
export async function submitPlan(o: UseCase<{ id: string; version?: number }>): Promise<void> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.write', o.id, true);
    requireOpen(row);
    const plan = await loadPlan(c, hromadaId, row.id, true);
    if (!plan) throw new AppError('conflict', { messageKey: 'cases.plan.errors.noPlan' });
    if (o.version !== undefined && plan.version !== o.version)
      throw new AppError('conflict', { messageKey: 'cases.plan.errors.stale' });
    if (!canSubmit(plan.status, (await planItems(c, hromadaId, row.id)).length))
      throw new AppError('conflict', { messageKey: 'cases.plan.errors.notSubmittable' });
    await setPlanStatus(c, hromadaId, row.id, { status: 'submitted', by: actor.userId });
    await addCaseEvent(c, {
      hromadaId,
      caseId: row.id,
      by: actor,
      event: 'cases.plan.event.submitted',
      data: { version: plan.version },
    });
    await audit({
      action: 'case.plan.submit',
      operation: 'write',
      entityType: 'case',
      entityId: row.id,
      fields: ['plan'],
    });
  });
}
