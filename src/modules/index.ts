import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { publicRoutes } from './public/public.routes.js';
import { staffRoutes } from './staff/staff.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { residentRoutes } from './residents/residents.routes.js';
import { adminRoutes } from './admin/admin.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { apiRoutes } from './api/api.routes.js';
import { apiTokenPages } from './api/api-tokens.routes.js';

/** Every module's routes, registered in one place. */
export async function registerModules(app: FastifyInstance, services: Services) {
  await app.register(publicRoutes(services));
  await app.register(staffRoutes(services));
  await app.register(authRoutes(services));
  await app.register(residentRoutes(services));
  await app.register(adminRoutes(services));
  await app.register(auditRoutes(services));
  await app.register(apiRoutes(services), { prefix: '/api/v1' });
  await app.register(apiTokenPages(services));
}
