import type { AppModule } from '../../platform/modules.js';
import { setUpCabinetUploads } from './cabinet.uploads.js';
import type { CabinetApplicationSection } from './cabinet.hooks.js';
import { applyRoutes } from './apply.routes.js';
import { myApplicationRoutes } from './applications.routes.js';
import { documentRoutes } from './documents.routes.js';
import { applicationFileRoutes } from './application-files.routes.js';
import { linkRoutes } from './links.routes.js';
import { notificationRoutes } from './notifications.routes.js';
import { staffDocumentRoutes } from './staff-documents.routes.js';
import { linkByOidcRnokpp } from './use-cases/link-by-oidc.js';

export type { CabinetApplicationSection } from './cabinet.hooks.js';

declare module '../../platform/modules.js' {
  interface Hooks {
    /** Sections of the resident's application page contributed by other modules (messages: the conversation). */
    cabinetApplicationSections: CabinetApplicationSection;
  }
}

/**
 * Resident cabinet: applications, online applying, documents; staff linking of accounts to the registry and the files of
 * applications. Other modules add sections to the resident's application page through `cabinetApplicationSections`.
 */
export const cabinetModule: AppModule = {
  name: 'cabinet',
  contribute: (hooks) => {
    // A resident who signs in through ID.GOV.UA is linked to their registry person when the РНОКПП matches one.
    hooks.add('afterOidcSignIn', linkByOidcRnokpp);
  },
  routes: (services, hooks) => async (app) => {
    // The resident's forms take files (multipart in this scope, a signed-in resident's files only).
    await app.register(async (residents) => {
      await setUpCabinetUploads(residents, services);
      await residents.register(applyRoutes(services));
      await residents.register(myApplicationRoutes(services, hooks));
      await residents.register(documentRoutes(services));
      await residents.register(applicationFileRoutes(services));
      await residents.register(linkRoutes(services));
      await residents.register(notificationRoutes(services));
    });
    // The office's documents page sets up its own (the scans of paper documents).
    await app.register(staffDocumentRoutes(services));
  },
};
