import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { addHistory, deleteIndicator } from '../action-plans.queries.js';
import { requireIndicator } from '../action-plans.policy.js';

/**
 * Removes an indicator of a task with its targets and actual values (one entered by mistake). The history keeps what
 * was removed: its name, unit, baseline, metric and every value. Reports made before keep their own figures.
 */
export async function removeIndicator(
  o: UseCase<{ planId: string; taskId: string; indicatorId: string }>,
): Promise<void> {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const { plan, task, indicator } = await requireIndicator(c, hromadaId, o.planId, o.taskId, o.indicatorId);
    const values = await deleteIndicator(c, hromadaId, Number(indicator.id));
    await addHistory(
      c,
      hromadaId,
      {
        planId: Number(plan.id),
        taskId: Number(task.id),
        entity: 'indicator',
        entityId: indicator.id,
        change: 'remove',
        before: {
          name: indicator.name,
          unit: indicator.unit,
          baseline: indicator.baseline === null ? null : Number(indicator.baseline),
          metric: indicator.metric_key,
          values: values.length ? values : null,
        },
        after: null,
      },
      actor.userId,
    );
    await audit({ action: 'plans.indicator.remove', operation: 'write', entityType: 'plan_task', entityId: task.id });
  });
}
