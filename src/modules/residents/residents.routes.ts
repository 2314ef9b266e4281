import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { registerRoutes } from './routes/register.routes.js';
import { loginRoutes } from './routes/login.routes.js';
import { passwordRoutes } from './routes/password.routes.js';
import { oidcRoutes } from './routes/oidc.routes.js';
import { cabinetRoutes } from './routes/cabinet.routes.js';

/** Resident identity: registration, verification, sign-in (password or OpenID Connect), password reset, cabinet. */
export function residentRoutes(services: Services) {
  return async function (app: FastifyInstance) {
    await app.register(registerRoutes(services));
    await app.register(loginRoutes(services));
    await app.register(passwordRoutes(services));
    await app.register(oidcRoutes(services));
    await app.register(cabinetRoutes(services));
  };
}
