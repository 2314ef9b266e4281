import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { setUpCabinetUploads } from './cabinet.uploads.js';
import { applyRoutes } from './apply.routes.js';
import { myApplicationRoutes } from './applications.routes.js';
import { documentRoutes } from './documents.routes.js';
import { applicationFileRoutes } from './application-files.routes.js';
import { linkRoutes } from './links.routes.js';
import { notificationRoutes } from './notifications.routes.js';
import { staffDocumentRoutes } from './staff-documents.routes.js';

export { linkByOidcRnokpp } from './use-cases/link-by-oidc.js';

/** Resident cabinet: applications, online applying, documents; staff linking of accounts to the registry and the files of applications. */
export function cabinetModule(services: Services) {
  return async function (app: FastifyInstance) {
    await setUpCabinetUploads(app, services);
    await app.register(applyRoutes(services));
    await app.register(myApplicationRoutes(services));
    await app.register(documentRoutes(services));
    await app.register(applicationFileRoutes(services));
    await app.register(linkRoutes(services));
    await app.register(notificationRoutes(services));
    await app.register(staffDocumentRoutes(services));
  };
}
