import type { AppModule } from '../../platform/modules.js';
import { metricsRoutes } from './metrics.routes.js';
import './metrics.registry.js';

/**
 * The library of computed metrics (decision 0032): each module contributes its metrics to the `metrics` extension
 * point (declared in metrics.registry.ts); this module computes them for a period with breakdowns, on /metrics and
 * for the plans' computed indicators.
 */
export const metricsModule: AppModule = {
  name: 'metrics',
  routes: (services, hooks) => async (app) => {
    await app.register(metricsRoutes(services, hooks));
  },
};
