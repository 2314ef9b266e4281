import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { registerAppModules, type AppModule } from '../platform/modules.js';
import { publicRoutes } from './public/public.routes.js';
import { staffRoutes } from './staff/staff.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { residentRoutes } from './residents/residents.routes.js';
import { adminRoutes } from './admin/admin.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { apiModule } from './api/api.module.js';
import { personsModule } from './persons/persons.module.js';
import { personsWebModule } from './persons-web/persons-web.module.js';
import { consentsModule } from './consents/consents.module.js';
import { householdsModule } from './households/households.module.js';
import { personsImportModule } from './persons-import/persons-import.module.js';
import { personsMergeModule } from './persons-merge/persons-merge.module.js';
import { subjectReportModule } from './subject-report/subject-report.module.js';
import { catalogueModule } from './catalogue/catalogue.module.js';
import { applicationsModule } from './applications/applications.module.js';
import { cabinetModule } from './cabinet/cabinet.module.js';
import { decisionsModule } from './decisions/decisions.module.js';
import { assignmentsModule } from './assignments/assignments.module.js';
import { messagesModule } from './messages/messages.module.js';

/**
 * A module not yet wired through its own `<name>.module.ts` (issue 10): its routes only.
 * Each entry is replaced by the module's `AppModule` as the module is brought to the one shape.
 */
const legacy = (name: string, routes: (services: Services) => (app: FastifyInstance) => Promise<void>): AppModule =>
  ({ name, routes: (services) => routes(services) });

/** Every module of the application, in the order their routes are registered. */
export const MODULES: readonly AppModule[] = [
  legacy('publicRoutes', publicRoutes),
  legacy('staffRoutes', staffRoutes),
  legacy('authRoutes', authRoutes),
  legacy('residentRoutes', residentRoutes),
  legacy('adminRoutes', adminRoutes),
  legacy('auditRoutes', auditRoutes),
  apiModule,
  personsModule,
  personsWebModule,
  consentsModule,
  householdsModule,
  personsImportModule,
  personsMergeModule,
  subjectReportModule,
  catalogueModule,
  applicationsModule,
  cabinetModule,
  decisionsModule,
  assignmentsModule,
  messagesModule,
];

/** Registers every module: contributions to extension points first, then routes. */
export async function registerModules(app: FastifyInstance, services: Services) {
  return registerAppModules(app, services, MODULES);
}
