import type { AppModule } from '../../platform/modules.js';
import { householdRoutes } from './households.routes.js';
import { householdApiRoutes } from './households.api.js';
import { personCardSection } from './households.sections.js';
import type { HouseholdCardSection } from './households.hooks.js';

declare module '../../platform/modules.js' {
  interface Hooks {
    /** Sections of the household card (the household's cases), read in the card's transaction. */
    householdCardSections: HouseholdCardSection;
  }
}

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
