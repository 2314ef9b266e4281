import type { AppModule } from '../../platform/modules.js';
import { loginRoutes } from './login.routes.js';
import { accountRoutes } from './account.routes.js';
import { passkeyRoutes } from './passkeys.routes.js';

/** Staff authentication: login with TOTP (or an administrator's passkey), logout, own account, hromada switch. */
export const authModule: AppModule = {
  name: 'auth',
  routes: (services) => async (app) => {
    await app.register(loginRoutes(services));
    await app.register(accountRoutes(services));
    await app.register(passkeyRoutes(services));
  },
};
