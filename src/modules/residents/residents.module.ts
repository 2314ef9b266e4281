import type { AppModule } from '../../platform/modules.js';
import { registerRoutes } from './routes/register.routes.js';
import { loginRoutes } from './routes/login.routes.js';
import { passwordRoutes } from './routes/password.routes.js';
import { oidcRoutes } from './routes/oidc.routes.js';
import { cabinetRoutes } from './routes/cabinet.routes.js';
import { passwordResetJobs } from './password-reset.jobs.js';
import type { AfterOidcSignIn } from './routes/oidc.routes.js';

declare module '../../platform/modules.js' {
  interface Hooks {
    /** What follows a resident's OpenID Connect sign-in, before the session starts (the cabinet links the registry person). */
    afterOidcSignIn: AfterOidcSignIn;
  }
}

/** Resident identity: registration, verification, sign-in (password or OpenID Connect), password reset, cabinet. */
export const residentsModule: AppModule = {
  name: 'residents',
  jobs: (services) => services.jobs.register(passwordResetJobs(services)),
  routes: (services, hooks) => async (app) => {
    await app.register(registerRoutes(services));
    await app.register(loginRoutes(services));
    await app.register(passwordRoutes(services));
    await app.register(oidcRoutes(services, hooks.all('afterOidcSignIn')));
    await app.register(cabinetRoutes(services));
  },
};
