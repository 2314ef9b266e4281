import { AppError } from '../../../platform/errors.js';
import type { HookRegistry } from '../../../platform/modules.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { searchReach } from '../../persons/persons.policy.js';
import type { Period } from '../../metrics/metric.js';
import { metricOf, metricsOf } from '../../metrics/metrics.registry.js';
import { metricPersons } from '../persons-web.queries.js';

/**
 * The drill-down of a computed figure: the persons it counts, for those who may read the registry (a starosta sees
 * those of their district; a provider's staff, whose reach is their own recipients, may not). Naming persons is an
 * access to personal data: audited with the metric, the period and the number found (no names). A metric that is not
 * about persons is «not found».
 */
export async function listMetricPersons(
  o: UseCase<{ hooks: HookRegistry; key: string; period: Period; limit: number; offset: number }>,
) {
  return inTenant(o, 'registry.read', async ({ c, actor, hromadaId, audit }) => {
    const metric = metricOf(metricsOf(o.hooks), o.key);
    if (!metric || !metric.personBased) throw new AppError('not_found');
    const reach = searchReach(actor);
    if (!reach || reach.agencyId !== undefined) throw new AppError('forbidden');
    const r = await metricPersons(c, metric, hromadaId, o.period, reach.districtId ?? null, o.limit, o.offset);
    await audit({
      action: 'metrics.persons.list',
      operation: 'read',
      entityType: 'person',
      reason: `${metric.key} ${o.period.from}..${o.period.to} results:${String(r.total)}`,
    });
    return { metric, ...r };
  });
}
