import { ValidationError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { addHistory, loadValue, upsertValue } from '../action-plans.queries.js';
import { requireIndicator } from '../action-plans.policy.js';

/**
 * Enters an indicator's target and actual value for a period (a year, a half-year or a quarter) by hand. A computed
 * indicator takes only its target (its actual value is the platform's); a frozen value (kept for a report) is not
 * changed. The history keeps before and after.
 */
export async function setIndicatorValue(
  o: UseCase<{
    planId: string;
    taskId: string;
    indicatorId: string;
    input: { period: string; target: number | null; actual: number | null };
  }>,
): Promise<void> {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const { plan, task, indicator } = await requireIndicator(c, hromadaId, o.planId, o.taskId, o.indicatorId);
    const computed = indicator.source !== 'manual';
    if (computed && o.input.actual !== null) throw new ValidationError([{ field: 'actual', key: 'plans.v.computed' }]);
    const before = await loadValue(c, hromadaId, Number(indicator.id), o.input.period);
    if (before?.frozen_at) throw new ValidationError([{ field: 'period', key: 'plans.v.frozen' }]);
    // A computed indicator takes its target by hand; its actual value stays the platform's.
    const actual = computed ? (before?.actual ?? null) : o.input.actual;
    await upsertValue(
      c,
      hromadaId,
      Number(indicator.id),
      { ...o.input, actual: actual === null ? null : Number(actual) },
      actor.userId,
    );
    await addHistory(
      c,
      hromadaId,
      {
        planId: Number(plan.id),
        taskId: Number(task.id),
        entity: 'value',
        entityId: `${indicator.id}:${o.input.period}`,
        change: before ? 'update' : 'add',
        before: before ? { period: o.input.period, target: before.target, actual: before.actual } : null,
        after: { period: o.input.period, target: o.input.target, actual: actual === null ? null : Number(actual) },
      },
      actor.userId,
    );
    await audit({
      action: 'plans.indicator.value',
      operation: 'write',
      entityType: 'plan_indicator',
      entityId: indicator.id,
    });
  });
}
