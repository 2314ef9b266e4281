import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { publicRoutes } from './public/public.routes.js';
import { staffRoutes } from './staff/staff.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { residentRoutes } from './residents/residents.routes.js';
import { adminRoutes } from './admin/admin.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
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
import { cabinetModule } from './cabinet/cabinet.module.js';
import { decisionsRoutes } from './decisions/decisions.routes.js';

/** Every module's routes, registered in one place. */
export async function registerModules(app: FastifyInstance, services: Services) {
  await app.register(publicRoutes(services));
  await app.register(staffRoutes(services));
  await app.register(authRoutes(services));
  await app.register(residentRoutes(services));
  await app.register(adminRoutes(services));
  await app.register(auditRoutes(services));
  await app.register(apiRoutes(services), { prefix: '/api/v1' });
  await app.register(personsApi(services), { prefix: '/api/v1' });
  await app.register(apiTokenPages(services));
  await app.register(personsWebRoutes(services));
  await app.register(householdApiRoutes(services), { prefix: '/api/v1' });
  await app.register(personsImportRoutes(services));
  await app.register(personsMergeRoutes(services));
  await app.register(subjectReportRoutes(services));
  await app.register(catalogueWebRoutes(services));
  await app.register(catalogueApi(services), { prefix: '/api/v1' });
  await app.register(applicationRoutes(services));
  await app.register(applicationsApi(services), { prefix: '/api/v1' });
  await app.register(cabinetModule(services));
  await app.register(decisionsRoutes(services));
}
