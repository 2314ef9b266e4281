import { AppError } from '../../../platform/errors.js';
import type { HookRegistry } from '../../../platform/modules.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { Breakdown, MetricResult, Period } from '../metric.js';
import { computeMetricWith } from '../metrics.queries.js';
import { metricsOf } from '../metrics.registry.js';

/**
 * One metric's figure for the actor's hromada and a period, with its rows by a breakdown (or none). Aggregates only:
 * no person is named, so it is not an access to personal data. An unknown metric or a breakdown it does not support
 * is «not found».
 */
export async function computeMetric(
  o: UseCase<{ hooks: HookRegistry; key: string; period: Period; breakdown: Breakdown | null }>,
): Promise<MetricResult> {
  return inTenant(o, 'metrics.read', async ({ c, hromadaId }) => {
    const metric = metricsOf(o.hooks).get(o.key);
    if (!metric || (o.breakdown && !metric.breakdowns.includes(o.breakdown))) throw new AppError('not_found');
    return computeMetricWith(c, metric, hromadaId, o.period, o.breakdown);
  });
}
