import type { AppModule } from '../../platform/modules.js';
import { actionPlansApi } from './action-plans.api.js';
import { actionPlansRoutes } from './action-plans.routes.js';
import { planStructureRoutes } from './plan-structure.routes.js';
import { planReportsRoutes } from './plan-reports.routes.js';
import { reportJobs } from './report.worker.js';

/**
 * Action plans as data (decision 0031): the hromada's plans with goals, tasks, executors, funding and indicators,
 * imported and exported in the exchange format, task status with dated notes and evidence, indicator values, and the
 * history of every change; monitoring reports made in the background (PDF and XLSX).
 */
export const actionPlansModule: AppModule = {
  name: 'action-plans',
  jobs: (services, hooks) => services.jobs.register(reportJobs(services, hooks)),
  routes: (services, hooks) => async (app) => {
    await app.register(actionPlansRoutes(services, hooks));
    await app.register(planStructureRoutes(services, hooks));
    await app.register(planReportsRoutes(services));
    await app.register(actionPlansApi(services, hooks), { prefix: '/api/v1' });
  },
};
