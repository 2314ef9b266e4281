import type { PoolClient } from 'pg';
import type { Services } from '../../services.js';
import type { Metric, Period } from './metric.js';
import {
  askFigureRefresh,
  askFirstFigures,
  computeMetricWith,
  keepFigure,
  keptFigures,
  type FigureKey,
} from './metrics.queries.js';

/**
 * Kept figures (decision 0035): dashboards and public pages show the totals of metrics as last computed, with when;
 * a figure over millions of acts takes seconds, and a page must not. A kept figure is fresh for ten minutes; an older
 * one is still shown while the background job (`FIGURES_QUEUE`) computes it again.
 */
export const FIGURES_FRESH_MS = 10 * 60_000;
export const FIGURES_QUEUE = 'metric-figures';

export interface FiguresJob {
  hromadaId: number;
  figures: FigureKey[];
}

export interface Figure {
  /** Null while it is computed for the first time (in the background). */
  total: number | null;
  /** When it was computed (null: not yet). */
  at: Date | null;
  /** A recompute has been asked for and has not finished. */
  refreshing: boolean;
}

export interface WantedFigure {
  metric: Metric;
  period: Period;
}

export const figureId = (key: string, p: Period) => `${key}|${p.from}|${p.to}`;

/** Asks the background job to compute these figures again (when the job runner works in this deployment). */
export async function sendFigureRefresh(services: Services, hromadaId: number, figures: FigureKey[]): Promise<void> {
  if (figures.length === 0 || !services.jobs.isStarted) return;
  await services.jobs.boss.send(FIGURES_QUEUE, { hromadaId, figures } satisfies FiguresJob);
}

/**
 * The totals of metrics for periods: the kept figure. Stale ones (older than FIGURES_FRESH_MS) are shown as kept and
 * a recompute is asked for, once. One never computed is asked of the background job and shown as being computed
 * (a year of acts at full size takes seconds; a page must not); where no job runner works, it is computed now.
 */
export async function keptTotals(
  c: PoolClient,
  services: Services,
  hromadaId: number,
  wanted: WantedFigure[],
  now = Date.now(),
): Promise<Map<string, Figure>> {
  const keys = wanted.map((w) => ({ key: w.metric.key, from: w.period.from, to: w.period.to }));
  const kept = new Map((await keptFigures(c, hromadaId, keys)).map((f) => [figureId(f.key, f), f]));
  const background = services.jobs.isStarted;
  const out = new Map<string, Figure>();
  const stale: FigureKey[] = [];
  const first: FigureKey[] = [];
  for (const w of wanted) {
    const id = figureId(w.metric.key, w.period);
    if (out.has(id)) continue;
    const k = kept.get(id);
    if (k) {
      const pending = k.total === null;
      out.set(id, {
        total: k.total,
        at: pending ? null : k.computed_at,
        refreshing: k.refresh_requested_at !== null,
      });
      if (now - k.computed_at.getTime() > FIGURES_FRESH_MS) stale.push({ key: k.key, from: k.from, to: k.to });
      continue;
    }
    if (background) {
      first.push({ key: w.metric.key, ...w.period });
      out.set(id, { total: null, at: null, refreshing: true });
      continue;
    }
    const { total } = await computeMetricWith(c, w.metric, hromadaId, w.period, null);
    const at = await keepFigure(c, hromadaId, { key: w.metric.key, ...w.period }, total);
    out.set(id, { total, at, refreshing: false });
  }
  if (!background) return out;
  const asked = [
    ...(await askFirstFigures(c, hromadaId, first)),
    ...(await askFigureRefresh(c, hromadaId, stale, FIGURES_FRESH_MS)),
  ];
  for (const f of asked) {
    const fig = out.get(figureId(f.key, f));
    if (fig) fig.refreshing = true;
  }
  await sendFigureRefresh(services, hromadaId, asked);
  return out;
}
