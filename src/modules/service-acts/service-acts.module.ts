import type { AppModule } from '../../platform/modules.js';
import { serviceActRoutes } from './service-acts.routes.js';
import { serviceActsApi } from './service-acts.api.js';
import { SERVICE_ACT_METRICS } from './service-acts.metrics.js';

/**
 * Service acts and home-care rounds (issue 12 items 3–4, decision 0028): who delivered which assigned service to whom,
 * when, how long, where, and who confirmed it; a provider's month against the plan, the contract and its capacity;
 * the visit schedule, a worker's round of a day and a week of acts at once; /api/v1/service-acts.
 */
export const serviceActsModule: AppModule = {
  name: 'service-acts',
  contribute: (hooks) => {
    // A merge of persons moves their acts to the surviving record (with their assignments).
    hooks.add('personLinks', { table: 'service_acts', column: 'person_id', key: ['id'] });
    // Persons served, acts, hours, families and their children (decision 0032).
    for (const m of SERVICE_ACT_METRICS) hooks.add('metrics', m);
  },
  routes: (services) => async (app) => {
    await app.register(serviceActRoutes(services));
    await app.register(serviceActsApi(services), { prefix: '/api/v1' });
  },
};
