import type { AppModule } from '../../platform/modules.js';
import { householdRoutes } from './households.routes.js';
import { householdApiRoutes } from './households.api.js';
import { personCardSection } from './households.sections.js';

/** Households and their members: the pages and /api/v1/households. */
export const householdsModule: AppModule = {
  name: 'households',
  contribute: (hooks) => {
    // The households on the person card.
    hooks.add('personCardSections', personCardSection);
  },
  routes: (services) => async (app) => {
    await app.register(householdRoutes(services));
    await app.register(householdApiRoutes(services), { prefix: '/api/v1' });
  },
};
