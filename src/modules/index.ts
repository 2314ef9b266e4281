import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { publicRoutes } from './public/public.routes.js';
import { staffRoutes } from './staff/staff.routes.js';

/** Every module's routes, registered in one place. */
export async function registerModules(app: FastifyInstance, services: Services) {
  await app.register(publicRoutes(services));
  await app.register(staffRoutes(services));
}
