import type { AppModule } from '../../platform/modules.js';
import { publicRoutes } from './public.routes.js';

/** Public pages: home, health, language and accessibility settings, static texts. */
export const publicModule: AppModule = {
  name: 'public',
  routes: (services) => publicRoutes(services),
};
