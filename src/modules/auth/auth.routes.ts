import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { loginRoutes } from './login.routes.js';
import { accountRoutes } from './account.routes.js';
import { passkeyRoutes } from './passkeys.routes.js';

/** Staff authentication: login with TOTP (or an administrator's passkey), logout, own account, hromada switch. */
export function authRoutes(services: Services) {
  return async function (app: FastifyInstance) {
    await app.register(loginRoutes(services));
    await app.register(accountRoutes(services));
    await app.register(passkeyRoutes(services));
  };
}
