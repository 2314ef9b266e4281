import type { AppModule } from '../../platform/modules.js';
import { catalogueRoutes } from './catalogue.routes.js';
import { catalogueAdminRoutes } from './catalogue-admin.routes.js';
import { catalogueHistoryRoutes } from './catalogue-history.routes.js';
import { situationsAdminRoutes } from './situations-admin.routes.js';
import { catalogueApi } from './catalogue.api.js';

/** The service catalogue: public pages (no login), administration (`catalogue.manage`) and /api/v1/services. */
export const catalogueModule: AppModule = {
  name: 'catalogue',
  routes: (services) => async (app) => {
    await app.register(catalogueRoutes(services));
    await app.register(catalogueAdminRoutes(services));
    await app.register(catalogueHistoryRoutes(services));
    await app.register(situationsAdminRoutes(services));
    await app.register(catalogueApi(services), { prefix: '/api/v1' });
  },
};
