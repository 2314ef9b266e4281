import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';

export function adminRoutes(_services: Services) {
  return async function (_app: FastifyInstance) {
    // Routes of this module are added here.
  };
}
