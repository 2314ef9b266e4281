import type { AppModule } from '../../platform/modules.js';
import { apiRoutes } from './api.routes.js';
import { apiTokenPages } from './api-tokens.routes.js';

/** The API's own part: /api/v1 (who am I, my language, the OpenAPI document) and the token management pages. */
export const apiModule: AppModule = {
  name: 'api',
  routes: (services) => async (app) => {
    await app.register(apiRoutes(services), { prefix: '/api/v1' });
    await app.register(apiTokenPages(services));
  },
};
