import type { AppModule } from '../../platform/modules.js';
import { registerRoutes } from './routes/register.routes.js';
import { loginRoutes } from './routes/login.routes.js';
import { passwordRoutes } from './routes/password.routes.js';
import { oidcRoutes } from './routes/oidc.routes.js';
import { cabinetRoutes } from './routes/cabinet.routes.js';
import { passwordResetJobs } from './use-cases/request-password-reset.js';

/** Resident identity: registration, verification, sign-in (password or OpenID Connect), password reset, cabinet. */
export const residentsModule: AppModule = {
  name: 'residents',
  jobs: (services) => services.jobs.register(passwordResetJobs(services)),
  routes: (services) => async (app) => {
    await app.register(registerRoutes(services));
    await app.register(loginRoutes(services));
    await app.register(passwordRoutes(services));
    await app.register(oidcRoutes(services));
    await app.register(cabinetRoutes(services));
  },
};
