import type { AppModule } from '../../platform/modules.js';
import { personsApi } from './persons.api.js';
import { PERSON_METRICS } from './persons.metrics.js';

/** The registry core: /api/v1/persons (the registry's pages are the `persons-web` module, decision 0014). */
export const personsModule: AppModule = {
  name: 'persons',
  contribute: (hooks) => {
    // Persons by category (decision 0032).
    for (const m of PERSON_METRICS) hooks.add('metrics', m);
  },
  routes: (services) => async (app) => {
    await app.register(personsApi(services), { prefix: '/api/v1' });
  },
};
