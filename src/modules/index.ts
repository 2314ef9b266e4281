import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { registerAppModules, type AppModule } from '../platform/modules.js';
import { publicModule } from './public/public.module.js';
import { staffModule } from './staff/staff.module.js';
import { authModule } from './auth/auth.module.js';
import { residentsModule } from './residents/residents.module.js';
import { adminModule } from './admin/admin.module.js';
import { auditModule } from './audit/audit.module.js';
import { apiRoutes } from './api/api.routes.js';
import { personsApi } from './persons/persons.api.js';
import { apiTokenPages } from './api/api-tokens.routes.js';
import { personsWebRoutes } from './persons-web/persons-web.routes.js';
import { householdApiRoutes } from './households/households.api.js';
import { personsImportRoutes } from './persons-import/persons-import.routes.js';
import { personsMergeRoutes } from './persons-merge/persons-merge.routes.js';
import { subjectReportRoutes } from './subject-report/subject-report.routes.js';
import { catalogueWebRoutes } from './catalogue/catalogue.module.js';
import { catalogueApi } from './catalogue/catalogue.api.js';
import { applicationRoutes } from './applications/applications.routes.js';
import { applicationsApi } from './applications/applications.api.js';
import { calendarRoutes } from './applications/calendar.routes.js';
import { cabinetModule } from './cabinet/cabinet.module.js';
import { decisionsRoutes } from './decisions/decisions.routes.js';
import { assignmentsModule } from './assignments/assignments.module.js';
import { messagesRoutes } from './messages/messages.routes.js';

/**
 * A module not yet wired through its own `<name>.module.ts` (issue 10): its routes only.
 * Each entry is replaced by the module's `AppModule` as the module is brought to the one shape.
 */
const legacy = (name: string, routes: (services: Services) => (app: FastifyInstance) => Promise<void>): AppModule =>
  ({ name, routes: (services) => routes(services) });

/** Every module of the application, in the order their routes are registered. */
export const MODULES: readonly AppModule[] = [
  publicModule,
  staffModule,
  authModule,
  residentsModule,
  adminModule,
  auditModule,
  legacy('apiRoutes', (services) => async (app) => { await app.register(apiRoutes(services), { prefix: '/api/v1' }); }),
  legacy('personsApi', (services) => async (app) => { await app.register(personsApi(services), { prefix: '/api/v1' }); }),
  legacy('apiTokenPages', apiTokenPages),
  legacy('personsWebRoutes', personsWebRoutes),
  legacy('householdApiRoutes', (services) => async (app) => { await app.register(householdApiRoutes(services), { prefix: '/api/v1' }); }),
  legacy('personsImportRoutes', personsImportRoutes),
  legacy('personsMergeRoutes', personsMergeRoutes),
  legacy('subjectReportRoutes', subjectReportRoutes),
  legacy('catalogueWebRoutes', catalogueWebRoutes),
  legacy('catalogueApi', (services) => async (app) => { await app.register(catalogueApi(services), { prefix: '/api/v1' }); }),
  legacy('applicationRoutes', applicationRoutes),
  legacy('applicationsApi', (services) => async (app) => { await app.register(applicationsApi(services), { prefix: '/api/v1' }); }),
  legacy('calendarRoutes', calendarRoutes),
  legacy('cabinetModule', cabinetModule),
  legacy('decisionsRoutes', decisionsRoutes),
  legacy('assignmentsModule', assignmentsModule),
  legacy('messagesRoutes', messagesRoutes),
];

/** Registers every module: contributions to extension points first, then routes. */
export async function registerModules(app: FastifyInstance, services: Services) {
  return registerAppModules(app, services, MODULES);
}
