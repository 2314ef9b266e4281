import type { HookRegistry } from '../../../platform/modules.js';
import type { Services } from '../../../services.js';
import type { FiguresJob } from '../kept-figures.js';
import { computeMetricWith, keepFigure } from '../metrics.queries.js';
import { metricOf, metricsOf } from '../metrics.registry.js';

/**
 * The background job of kept figures (decision 0035): computes each asked figure again and keeps it, one
 * transaction each so a page shows every figure as soon as it is done. Aggregates only, so it names no person and
 * needs no user. A metric no longer in the library is skipped.
 */
export async function refreshFigures(o: { services: Services; hooks: HookRegistry; job: FiguresJob }): Promise<void> {
  const metrics = metricsOf(o.hooks);
  const { hromadaId } = o.job;
  for (const f of o.job.figures) {
    const metric = metricOf(metrics, f.key);
    if (!metric) continue;
    await o.services.db.tx({ hromadaId }, async (c) => {
      const { total } = await computeMetricWith(c, metric, hromadaId, { from: f.from, to: f.to }, null);
      await keepFigure(c, hromadaId, f, total);
    });
  }
}
