import type { HookRegistry } from '../../../platform/modules.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { metricKeyParts, metricOf, metricsOf, narrowingGroup, unitFits } from '../../metrics/metrics.registry.js';
import type { MetricUnit } from '../../metrics/metric.js';
import { addHistory, hromadaServiceIds, insertPlan } from '../action-plans.queries.js';
import { checkPlanDocument, planCounts } from '../plan-format.js';
import { PlanImportError } from '../plan-import-error.js';

/**
 * Imports a plan in the exchange format (decision 0031) whole or not at all: the file is checked first and refused
 * with every problem found (an indicator bound to an unknown metric, or whose unit does not fit its metric, too); a
 * good one is stored in one transaction with an «import» entry in the plan's history.
 */
export async function importPlan(o: UseCase<{ json: unknown; hooks: HookRegistry }>) {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const metrics = metricsOf(o.hooks);
    // A metric narrowed to a service names one of this hromada's services (another hromada's is unknown here); one
    // narrowed to a classifier group names the ministry's code, the same in every hromada.
    const services = new Set(await hromadaServiceIds(c, hromadaId));
    const checked = checkPlanDocument(o.json, {
      unitOf: (key) => {
        const { narrowing } = metricKeyParts(key);
        const unknownService = narrowing !== null && narrowingGroup(narrowing) === null && !services.has(narrowing);
        return unknownService ? undefined : metricOf(metrics, key)?.unit;
      },
      fits: (unit, metricUnit) => unitFits(unit, metricUnit as MetricUnit),
    });
    if (!checked.ok) throw new PlanImportError(checked.problems);
    const id = await insertPlan(c, hromadaId, checked.plan, actor.userId);
    const counts = planCounts(checked.plan);
    await addHistory(
      c,
      hromadaId,
      { planId: id, taskId: null, entity: 'plan', entityId: String(id), change: 'import', before: null, after: counts },
      actor.userId,
    );
    await audit({ action: 'plans.import', operation: 'write', entityType: 'action_plan', entityId: String(id) });
    return { id, counts };
  });
}
