import type { AppModule } from '../../platform/modules.js';
import { personsWebRoutes } from './persons-web.routes.js';

/** The registry's pages: search, add and edit a person, the person's card (why apart from `persons`: decision 0014). */
export const personsWebModule: AppModule = {
  name: 'persons-web',
  routes: (services) => personsWebRoutes(services),
};
