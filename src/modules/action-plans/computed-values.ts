import type { PoolClient } from 'pg';
import { kyivToday } from '../../platform/dates.js';
import type { HookRegistry } from '../../platform/modules.js';
import type { Services } from '../../services.js';
import { periodOf } from '../metrics/metric.js';
import { figureId, keptTotals, type WantedFigure } from '../metrics/kept-figures.js';
import { metricOf, metricsOf } from '../metrics/metrics.registry.js';
import type { IndicatorRow, PlanRow } from './action-plans.queries.js';

/** For each computed indicator, the periods whose actual value is the metric's figure. */
interface Wanted extends WantedFigure {
  indicator: IndicatorRow;
  periodKey: string;
}

/**
 * The figures a plan's computed indicators need: for each period that has a target and each year of the plan up to
 * this one, unless the value is frozen (it stays as frozen) or the period has not begun.
 */
export function wantedFigures(hooks: HookRegistry, plan: PlanRow, indicators: IndicatorRow[]): Wanted[] {
  const metrics = metricsOf(hooks);
  const today = kyivToday();
  const thisYear = Number(today.slice(0, 4));
  const years: string[] = [];
  if (plan.period_from !== null && plan.period_to !== null)
    for (let y = plan.period_from; y <= Math.min(plan.period_to, thisYear); y++) years.push(String(y));
  const out: Wanted[] = [];
  for (const indicator of indicators) {
    const metric = indicator.metric_key ? metricOf(metrics, indicator.metric_key) : undefined;
    if (!metric) continue;
    for (const periodKey of [...new Set([...indicator.values.map((v) => v.period), ...years])].sort()) {
      if (indicator.values.find((v) => v.period === periodKey)?.frozen_at) continue;
      const period = periodOf(periodKey);
      if (period && period.from <= today) out.push({ indicator, periodKey, metric, period });
    }
  }
  return out;
}

/**
 * Fills in the actual values of computed indicators (in place) from the kept figures (decision 0035): each figure as
 * last computed, recomputed in the background when stale, asked of the background job when never computed (no
 * actual value until then). Returns when the oldest figure shown was computed, and whether a computation is under
 * way.
 */
export async function fillComputedActuals(
  c: PoolClient,
  o: { services: Services; hooks: HookRegistry },
  hromadaId: number,
  plan: PlanRow,
  indicators: IndicatorRow[],
): Promise<{ at: Date | null; refreshing: boolean }> {
  const wanted = wantedFigures(o.hooks, plan, indicators);
  const totals = await keptTotals(c, o.services, hromadaId, wanted);
  let at: Date | null = null;
  let refreshing = false;
  for (const w of wanted) {
    const figure = totals.get(figureId(w.metric.key, w.period));
    if (!figure) continue;
    if (figure.at !== null && (at === null || figure.at < at)) at = figure.at;
    refreshing ||= figure.refreshing;
    // Being computed for the first time: no actual value yet.
    const actual = figure.total === null ? null : String(figure.total);
    const stored = w.indicator.values.find((v) => v.period === w.periodKey);
    if (stored) stored.actual = actual;
    else w.indicator.values.push({ period: w.periodKey, target: null, actual, frozen_at: null });
  }
  for (const ind of indicators) ind.values.sort((a, b) => a.period.localeCompare(b.period));
  return { at, refreshing };
}
