import type { AppModule } from '../../platform/modules.js';
import { figureJobs } from './figures.worker.js';
import { metricsRoutes } from './metrics.routes.js';
import './metrics.registry.js';

/**
 * The library of computed metrics (decision 0032): each module contributes its metrics to the `metrics` extension
 * point (declared in metrics.registry.ts); this module computes them for a period with breakdowns, on /metrics and
 * for the plans' computed indicators, whose figures it keeps (decision 0035).
 */
export const metricsModule: AppModule = {
  name: 'metrics',
  jobs: (services, hooks) => services.jobs.register(figureJobs(services, hooks)),
  routes: (services, hooks) => async (app) => {
    await app.register(metricsRoutes(services, hooks));
  },
};
