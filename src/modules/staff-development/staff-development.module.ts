import type { AppModule } from '../../platform/modules.js';
import { staffDevelopmentRoutes } from './staff-development.routes.js';
import { STAFF_METRICS } from './staff-development.metrics.js';

/**
 * Staff development (decision 0030): the qualifications, trainings (with certificate scans) and supervision sessions
 * of the hromada's social workers and its providers' staff, their yearly hours, and the figures the plans count.
 */
export const staffDevelopmentModule: AppModule = {
  name: 'staff-development',
  contribute: (hooks) => {
    // Specialists trained and supervised (decision 0032).
    for (const m of STAFF_METRICS) hooks.add('metrics', m);
  },
  routes: (services) => async (app) => {
    await app.register(staffDevelopmentRoutes(services));
  },
};
