import { ValidationError } from '../../../platform/errors.js';
import type { HookRegistry } from '../../../platform/modules.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { metricsOf, unitFits } from '../../metrics/metrics.registry.js';
import { addHistory, setIndicatorMetric } from '../action-plans.queries.js';
import { requireIndicator } from '../action-plans.policy.js';

/**
 * Binds an indicator to a metric of the library (its actual values then compute themselves), or unbinds it (`null`:
 * manual again). A metric whose unit does not fit the indicator's unit is refused. The history keeps before and after.
 */
export async function bindIndicatorMetric(
  o: UseCase<{ hooks: HookRegistry; planId: string; taskId: string; indicatorId: string; metric: string | null }>,
): Promise<void> {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const { plan, task, indicator } = await requireIndicator(c, hromadaId, o.planId, o.taskId, o.indicatorId);
    if (o.metric !== null) {
      const metric = metricsOf(o.hooks).get(o.metric);
      if (!metric) throw new ValidationError([{ field: 'metric', key: 'plans.v.metric' }]);
      if (!unitFits(indicator.unit, metric.unit))
        throw new ValidationError([
          { field: 'metric', key: 'plans.v.unitMismatch', params: { unit: indicator.unit ?? '' } },
        ]);
    }
    if (indicator.metric_key === o.metric) return;
    await setIndicatorMetric(c, hromadaId, Number(indicator.id), o.metric);
    await addHistory(
      c,
      hromadaId,
      {
        planId: Number(plan.id),
        taskId: Number(task.id),
        entity: 'indicator',
        entityId: indicator.id,
        change: 'update',
        before: { metric: indicator.metric_key },
        after: { metric: o.metric },
      },
      actor.userId,
    );
    await audit({
      action: 'plans.indicator.bind',
      operation: 'write',
      entityType: 'plan_indicator',
      entityId: indicator.id,
    });
  });
}
