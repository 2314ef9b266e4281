import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { catalogueRoutes } from './catalogue.routes.js';
import { catalogueAdminRoutes } from './catalogue-admin.routes.js';
import { catalogueHistoryRoutes } from './catalogue-history.routes.js';
import { situationsAdminRoutes } from './situations-admin.routes.js';

/** The catalogue's web pages: public (no login) and administration (`catalogue.manage`). */
export function catalogueWebRoutes(services: Services) {
  return async function (app: FastifyInstance) {
    await app.register(catalogueRoutes(services));
    await app.register(catalogueAdminRoutes(services));
    await app.register(catalogueHistoryRoutes(services));
    await app.register(situationsAdminRoutes(services));
  };
}
