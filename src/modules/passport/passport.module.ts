import type { AppModule } from '../../platform/modules.js';
import { passportRoutes } from './passport.routes.js';

/**
 * The social passport of the hromada (issue 13 items 6–7, decision 0033): population and vulnerable groups by
 * category, settlement and sex, services and coverage, providers and capacity — as a public page, PDF and XLSX — and
 * the open data (passport tables and published plans' indicators and funding) as CSV and JSON with a data dictionary.
 * Aggregates only; counts of fewer than 5 persons are suppressed with their complement.
 */
export const passportModule: AppModule = {
  name: 'passport',
  routes: (services, hooks) => async (app) => {
    await app.register(passportRoutes(services, hooks));
  },
};
