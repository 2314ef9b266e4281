import { ValidationError } from '../../../platform/errors.js';
import type { HookRegistry } from '../../../platform/modules.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { fieldChanges } from '../field-changes.js';
import { metricOf, metricsOf, unitFits } from '../../metrics/metrics.registry.js';
import { addHistory, insertIndicator, updateIndicator, type IndicatorFields } from '../action-plans.queries.js';
import { requireIndicator, requireTask } from '../action-plans.policy.js';

/**
 * Adds a manual indicator to a task (`indicatorId` null) or changes an indicator's name, unit, baseline and
 * responsible. A bound indicator keeps a unit that fits its metric. The history keeps what changed, before and after;
 * an unchanged form changes nothing. Returns the indicator's id, or null when nothing changed.
 */
export async function saveIndicator(
  o: UseCase<{
    hooks: HookRegistry;
    planId: string;
    taskId: string;
    indicatorId: string | null;
    input: IndicatorFields;
  }>,
): Promise<string | null> {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const after: Record<string, unknown> = {
      name: o.input.name,
      unit: o.input.unit,
      baseline: o.input.baseline,
      responsible: o.input.responsible,
    };
    if (o.indicatorId === null) {
      const { plan, task } = await requireTask(c, hromadaId, o.planId, o.taskId);
      const id = await insertIndicator(c, hromadaId, Number(task.id), o.input);
      const entry = { planId: Number(plan.id), taskId: Number(task.id), entity: 'indicator' as const, entityId: id };
      await addHistory(c, hromadaId, { ...entry, change: 'add', before: null, after }, actor.userId);
      await audit({ action: 'plans.indicator.add', operation: 'write', entityType: 'plan_indicator', entityId: id });
      return id;
    }
    const { plan, task, indicator } = await requireIndicator(c, hromadaId, o.planId, o.taskId, o.indicatorId);
    const metric = indicator.metric_key ? metricOf(metricsOf(o.hooks), indicator.metric_key) : undefined;
    if (metric && !unitFits(o.input.unit, metric.unit))
      throw new ValidationError([{ field: 'unit', key: 'plans.v.unitMismatch', params: { unit: o.input.unit ?? '' } }]);
    const before: Record<string, unknown> = {
      name: indicator.name,
      unit: indicator.unit,
      baseline: indicator.baseline === null ? null : Number(indicator.baseline),
      responsible: indicator.responsible,
    };
    const changes = fieldChanges(before, after);
    if (!changes) return null;
    await updateIndicator(c, hromadaId, Number(indicator.id), o.input);
    await addHistory(
      c,
      hromadaId,
      {
        planId: Number(plan.id),
        taskId: Number(task.id),
        entity: 'indicator',
        entityId: indicator.id,
        change: 'update',
        ...changes,
      },
      actor.userId,
    );
    await audit({
      action: 'plans.indicator.update',
      operation: 'write',
      entityType: 'plan_indicator',
      entityId: indicator.id,
    });
    return indicator.id;
  });
}
