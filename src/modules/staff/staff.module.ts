import type { AppModule } from '../../platform/modules.js';
import { staffRoutes } from './staff.routes.js';

/** The staff workspace home: roles in the current hromada and the counters of what waits. */
export const staffModule: AppModule = {
  name: 'staff',
  routes: (services) => staffRoutes(services),
};
