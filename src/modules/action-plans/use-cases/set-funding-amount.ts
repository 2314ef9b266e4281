import { AppError, ValidationError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { addHistory, loadFunding, loadFundingAmount, upsertFundingAmount } from '../action-plans.queries.js';
import { requireTask } from '../action-plans.policy.js';

/**
 * Enters a task's funding from one of its sources for a year: the amount planned and the amount spent (either may be
 * left empty). The year lies within the plan's years. The history keeps before and after.
 */
export async function setFundingAmount(
  o: UseCase<{
    planId: string;
    taskId: string;
    input: { funding: string; year: number; planned: number | null; actual: number | null };
  }>,
): Promise<void> {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const { plan, task } = await requireTask(c, hromadaId, o.planId, o.taskId);
    const funding = await loadFunding(c, hromadaId, Number(task.id), Number(o.input.funding));
    if (!funding) throw new AppError('not_found');
    const { year, planned, actual } = o.input;
    if (plan.period_from !== null && plan.period_to !== null && (year < plan.period_from || year > plan.period_to))
      throw new ValidationError([
        { field: 'year', key: 'plans.v.fundingOutside', params: { from: plan.period_from, to: plan.period_to } },
      ]);
    const before = await loadFundingAmount(c, hromadaId, Number(funding.id), year);
    const num = (s: string | null) => (s === null ? null : Number(s));
    if (before && num(before.planned) === planned && num(before.actual) === actual) return;
    await upsertFundingAmount(c, hromadaId, Number(funding.id), { year, planned, actual });
    await addHistory(
      c,
      hromadaId,
      {
        planId: Number(plan.id),
        taskId: Number(task.id),
        entity: 'funding',
        entityId: `${funding.id}:${year}`,
        change: before ? 'update' : 'add',
        before: before
          ? { source: funding.source_text, year, planned: num(before.planned), actual: num(before.actual) }
          : null,
        after: { source: funding.source_text, year, planned, actual },
      },
      actor.userId,
    );
    await audit({
      action: 'plans.funding.update',
      operation: 'write',
      entityType: 'plan_task',
      entityId: task.id,
    });
  });
}
