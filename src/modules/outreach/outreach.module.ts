import type { AppModule } from '../../platform/modules.js';
import { outreachRoutes } from './outreach.routes.js';
import { syncRoutes } from './sync.routes.js';
import { personCardSection } from './outreach.sections.js';

/**
 * Outreach trips and the sync of the offline workstation (issue 14 items 4, 5 and 8; decision 0036): a trip's plan
 * (date, settlements, staff, vehicle), its ordered stops from bookings, cases, requests or by hand, the visits' outcomes
 * and the trip's report; the package a worker takes onto a device; the sync of the device's log of operations, and the
 * conflicts it keeps for the worker and their manager to resolve field by field. The workstation itself is the module
 * `workstation`.
 */
export const outreachModule: AppModule = {
  name: 'outreach',
  contribute: (hooks) => {
    hooks.add('personLinks', { table: 'outreach_stops', column: 'person_id', key: ['trip_id'], unique: true });
    hooks.add('personLinks', { table: 'outreach_conflicts', column: 'person_id', key: ['id'] });
    hooks.add('personCardSections', personCardSection);
  },
  routes: (services) => async (app) => {
    await app.register(outreachRoutes(services));
    await app.register(syncRoutes(services));
  },
};
