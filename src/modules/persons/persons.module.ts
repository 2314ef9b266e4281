import type { AppModule } from '../../platform/modules.js';
import { personsApi } from './persons.api.js';

/** The registry core: /api/v1/persons (the registry's pages are the `persons-web` module, decision 0014). */
export const personsModule: AppModule = {
  name: 'persons',
  routes: (services) => async (app) => {
    await app.register(personsApi(services), { prefix: '/api/v1' });
  },
};
