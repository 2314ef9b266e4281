import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { addHistory, deleteFundingSource, loadFunding } from '../action-plans.queries.js';
import { requireTask } from '../action-plans.policy.js';

/**
 * Removes a funding source of a task with its amounts by year (one entered by mistake). The history keeps the source,
 * its kind and every amount it had.
 */
export async function removeFundingSource(
  o: UseCase<{ planId: string; taskId: string; fundingId: string }>,
): Promise<void> {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const { plan, task } = await requireTask(c, hromadaId, o.planId, o.taskId);
    const funding = await loadFunding(c, hromadaId, Number(task.id), Number(o.fundingId));
    if (!funding) throw new AppError('not_found');
    const amounts = await deleteFundingSource(c, hromadaId, Number(funding.id));
    await addHistory(
      c,
      hromadaId,
      {
        planId: Number(plan.id),
        taskId: Number(task.id),
        entity: 'funding',
        entityId: funding.id,
        change: 'remove',
        before: { source: funding.source_text, kind: funding.kind, amounts: amounts.length ? amounts : null },
        after: null,
      },
      actor.userId,
    );
    await audit({ action: 'plans.funding.remove', operation: 'write', entityType: 'plan_task', entityId: task.id });
  });
}
