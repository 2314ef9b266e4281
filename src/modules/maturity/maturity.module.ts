import type { AppModule } from '../../platform/modules.js';
import { maturityRoutes } from './maturity.routes.js';

/**
 * The yearly digital-maturity self-assessment of the hromada's social institutions (issue 13 item 8, decision 0034):
 * an editable questionnaire by domain, an assessment per institution and year with scores 0–4, scores by domain and
 * the years side by side.
 */
export const maturityModule: AppModule = {
  name: 'maturity',
  routes: (services) => async (app) => {
    await app.register(maturityRoutes(services));
  },
};
