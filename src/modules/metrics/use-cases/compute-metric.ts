import { AppError } from '../../../platform/errors.js';
import type { HookRegistry } from '../../../platform/modules.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { Breakdown, MetricResult, Period } from '../metric.js';
import { computeMetricBreakdowns, computeMetricWith, narrowingNameOf } from '../metrics.queries.js';
import { metricKeyParts, metricOf, metricsOf } from '../metrics.registry.js';

/**
 * One metric's figure for the actor's hromada and a period, with its rows by each breakdown asked for (none, one, or
 * several read in one pass); a metric narrowed to a service or a classifier group names one of the hromada's services
 * or a group it has services in (else «not found»), and the answer says what it is narrowed to. Aggregates only: no person is named, so it is not an access to personal data. An
 * unknown metric or a breakdown it does not support is «not found».
 */
export async function computeMetric(
  o: UseCase<{ hooks: HookRegistry; key: string; period: Period; breakdowns: readonly Breakdown[] }>,
): Promise<{ total: number; results: MetricResult[]; narrowedTo: { group: string | null; name: string } | null }> {
  return inTenant(o, 'metrics.read', async ({ c, hromadaId }) => {
    const metric = metricOf(metricsOf(o.hooks), o.key);
    if (!metric || o.breakdowns.some((b) => !metric.breakdowns.includes(b))) throw new AppError('not_found');
    const { narrowing } = metricKeyParts(o.key);
    const narrowedTo = narrowing ? await narrowingNameOf(c, hromadaId, narrowing) : null;
    if (narrowing && narrowedTo === null) throw new AppError('not_found');
    if (o.breakdowns.length > 1) {
      const results = await computeMetricBreakdowns(c, metric, hromadaId, o.period, o.breakdowns);
      return { total: results[0].total, results, narrowedTo };
    }
    const r = await computeMetricWith(c, metric, hromadaId, o.period, o.breakdowns[0] ?? null);
    return { total: r.total, results: r.breakdown ? [r] : [], narrowedTo };
  });
}
