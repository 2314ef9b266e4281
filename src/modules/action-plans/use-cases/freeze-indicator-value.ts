import { ValidationError } from '../../../platform/errors.js';
import type { HookRegistry } from '../../../platform/modules.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { periodOf } from '../../metrics/metric.js';
import { computeMetricWith } from '../../metrics/metrics.queries.js';
import { metricOf, metricsOf } from '../../metrics/metrics.registry.js';
import { addHistory, freezeValue, loadValue } from '../action-plans.queries.js';
import { requireIndicator } from '../action-plans.policy.js';

/**
 * Freezes a computed indicator's value for a period, for a report: the figure is computed now and kept with who froze
 * it and when; later data no longer changes it. A manual indicator has nothing to freeze; a frozen one stays as it is.
 */
export async function freezeIndicatorValue(
  o: UseCase<{ hooks: HookRegistry; planId: string; taskId: string; indicatorId: string; period: string }>,
): Promise<number> {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const { plan, task, indicator } = await requireIndicator(c, hromadaId, o.planId, o.taskId, o.indicatorId);
    const metric = indicator.metric_key ? metricOf(metricsOf(o.hooks), indicator.metric_key) : undefined;
    const period = periodOf(o.period);
    if (!metric) throw new ValidationError([{ field: 'period', key: 'plans.v.notComputed' }]);
    if (!period) throw new ValidationError([{ field: 'period', key: 'plans.v.period' }]);
    const before = await loadValue(c, hromadaId, Number(indicator.id), o.period);
    if (before?.frozen_at) throw new ValidationError([{ field: 'period', key: 'plans.v.frozen' }]);
    const { total } = await computeMetricWith(c, metric, hromadaId, period, null);
    await freezeValue(c, hromadaId, Number(indicator.id), o.period, total, actor.userId);
    await addHistory(
      c,
      hromadaId,
      {
        planId: Number(plan.id),
        taskId: Number(task.id),
        entity: 'value',
        entityId: `${indicator.id}:${o.period}`,
        change: 'freeze',
        before: before ? { period: o.period, actual: before.actual } : null,
        after: { period: o.period, actual: total },
      },
      actor.userId,
    );
    await audit({
      action: 'plans.indicator.freeze',
      operation: 'write',
      entityType: 'plan_indicator',
      entityId: indicator.id,
    });
    return total;
  });
}
