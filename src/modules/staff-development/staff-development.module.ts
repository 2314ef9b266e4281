import type { AppModule } from '../../platform/modules.js';
import { staffDevelopmentRoutes } from './staff-development.routes.js';

/**
 * Staff development (decision 0030): the qualifications, trainings (with certificate scans) and supervision sessions
 * of the hromada's social workers and its providers' staff, their yearly hours, and the figures the plans count.
 */
export const staffDevelopmentModule: AppModule = {
  name: 'staff-development',
  routes: (services) => async (app) => {
    await app.register(staffDevelopmentRoutes(services));
  },
};
