import type { AppModule } from '../../platform/modules.js';
import { userRoutes } from './users.routes.js';
import { userActionRoutes } from './user-actions.routes.js';
import { hromadaRoutes } from './hromadas.routes.js';
import { districtRoutes } from './districts.routes.js';
import { issuerRoutes } from './issuer.routes.js';

/** Administration: staff accounts and roles of a hromada; tenants, districts and agencies (superadmin). */
export const adminModule: AppModule = {
  name: 'admin',
  routes: (services) => async (app) => {
    await app.register(userRoutes(services));
    await app.register(userActionRoutes(services));
    await app.register(hromadaRoutes(services));
    await app.register(districtRoutes(services));
    await app.register(issuerRoutes(services));
  },
};
