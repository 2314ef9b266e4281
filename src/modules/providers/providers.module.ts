import type { AppModule } from '../../platform/modules.js';
import { providersApi } from './providers.api.js';
import { providerRoutes } from './providers.routes.js';

/**
 * The provider registry (decision 0025): the hromada's agencies as providers of every form of ownership, with their
 * ЄДРПОУ or РНОКПП, contacts, licence, capacity, the catalogue services each delivers and where, and their staff.
 */
export const providersModule: AppModule = {
  name: 'providers',
  routes: (services) => async (app) => {
    await app.register(providerRoutes(services));
    await app.register(providersApi(services), { prefix: '/api/v1' });
  },
};
