import type { PoolClient } from 'pg';
import { kyivToday } from '../../platform/dates.js';
import type { HookRegistry } from '../../platform/modules.js';
import { periodOf } from '../metrics/metric.js';
import { computeMetricWith } from '../metrics/metrics.queries.js';
import { metricsOf } from '../metrics/metrics.registry.js';
import type { MetricCache } from '../metrics/metric-cache.js';
import type { IndicatorRow, PlanRow } from './action-plans.queries.js';

/**
 * Fills in the actual values of computed indicators (in place): for each period that has a target and each year of
 * the plan up to this one, the metric's figure now — except a frozen value, which stays as frozen. Periods that have
 * not begun are left out. With `shared`, figures computed in the last minutes are reused (public pages); returns when
 * the oldest figure used was computed.
 */
export async function fillComputedActuals(
  c: PoolClient,
  hooks: HookRegistry,
  hromadaId: number,
  plan: PlanRow,
  indicators: IndicatorRow[],
  shared: MetricCache | null = null,
): Promise<Date> {
  let oldest = new Date();
  const metrics = metricsOf(hooks);
  const today = kyivToday();
  const thisYear = Number(today.slice(0, 4));
  const years: string[] = [];
  if (plan.period_from !== null && plan.period_to !== null)
    for (let y = plan.period_from; y <= Math.min(plan.period_to, thisYear); y++) years.push(String(y));
  const cache = new Map<string, number>();
  for (const ind of indicators) {
    const metric = ind.metric_key ? metrics.get(ind.metric_key) : undefined;
    if (!metric) continue;
    const periods = [...new Set([...ind.values.map((v) => v.period), ...years])].sort();
    for (const key of periods) {
      const stored = ind.values.find((v) => v.period === key);
      if (stored?.frozen_at) continue;
      const period = periodOf(key);
      if (!period || period.from > today) continue;
      const memo = `${metric.key}:${key}`;
      const compute = async () => (await computeMetricWith(c, metric, hromadaId, period, null)).total;
      let total = cache.get(memo);
      if (total === undefined) {
        if (shared) {
          const kept = await shared.total(`${hromadaId}:${memo}`, compute);
          total = kept.total;
          if (kept.at < oldest) oldest = kept.at;
        } else total = await compute();
        cache.set(memo, total);
      }
      if (stored) stored.actual = String(total);
      else ind.values.push({ period: key, target: null, actual: String(total), frozen_at: null });
    }
    ind.values.sort((a, b) => a.period.localeCompare(b.period));
  }
  return oldest;
}
