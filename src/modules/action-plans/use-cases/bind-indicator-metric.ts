import { ValidationError } from '../../../platform/errors.js';
import type { HookRegistry } from '../../../platform/modules.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { metricsOf, narrowedKey, narrowingGroup, unitFits } from '../../metrics/metrics.registry.js';
import { serviceGroups } from '../../metrics/metrics.queries.js';
import { addHistory, hromadaServiceIds, setIndicatorMetric } from '../action-plans.queries.js';
import { requireIndicator } from '../action-plans.policy.js';

/**
 * Binds an indicator to a metric of the library (its actual values then compute themselves), optionally narrowed to
 * one of the hromada's services or to a classifier group it has services in (`group:015`; a metric that can be
 * broken down by service), or unbinds it (`null`: manual again). A metric whose unit does not fit the indicator's unit is refused. The history keeps before and after.
 */
export async function bindIndicatorMetric(
  o: UseCase<{
    hooks: HookRegistry;
    planId: string;
    taskId: string;
    indicatorId: string;
    metric: string | null;
    narrowing: string | null;
  }>,
): Promise<void> {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const { plan, task, indicator } = await requireIndicator(c, hromadaId, o.planId, o.taskId, o.indicatorId);
    let key: string | null = null;
    if (o.metric !== null) {
      const metric = metricsOf(o.hooks).get(o.metric);
      if (!metric) throw new ValidationError([{ field: 'metric', key: 'plans.v.metric' }]);
      if (o.narrowing !== null) {
        if (!metric.breakdowns.includes('service'))
          throw new ValidationError([{ field: 'metric', key: 'plans.v.notByService' }]);
        const group = narrowingGroup(o.narrowing);
        const known =
          group === null
            ? (await hromadaServiceIds(c, hromadaId)).includes(o.narrowing)
            : (await serviceGroups(c, hromadaId)).some((g) => g.group === group);
        if (!known) throw new ValidationError([{ field: 'metric', key: 'plans.v.service' }]);
      }
      if (!unitFits(indicator.unit, metric.unit))
        throw new ValidationError([
          { field: 'metric', key: 'plans.v.unitMismatch', params: { unit: indicator.unit ?? '' } },
        ]);
      key = o.narrowing === null ? metric.key : narrowedKey(metric.key, o.narrowing);
    }
    if (indicator.metric_key === key) return;
    await setIndicatorMetric(c, hromadaId, Number(indicator.id), key);
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
        after: { metric: key },
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
