import type { AppModule } from '../../platform/modules.js';
import { workstationRoutes } from './workstation.routes.js';

/**
 * The offline outreach workstation (issue 14 item 5, decision 0036 part 5): the shell page of a trip's workstation,
 * its service worker and the installable app's manifest. The app itself is `assets/js/outreach.js` (IndexedDB +
 * WebCrypto on the device); the package, the sync and the conflicts are the module `outreach`.
 */
export const workstationModule: AppModule = {
  name: 'workstation',
  routes: (services) => async (app) => {
    await app.register(workstationRoutes(services));
  },
};
