import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { registerPersonLink } from '../persons-merge/persons-merge.links.js';
import { assignmentRoutes } from './assignments.routes.js';
import { assignmentsApi } from './assignments.api.js';
import { cabinetServicesRoutes } from './cabinet-services.routes.js';

// A merge of persons moves their assignments to the surviving record (with their applications).
registerPersonLink({ table: 'service_assignments', column: 'person_id', key: ['id'] });

/** Hand-over of granted applications to providers: staff pages, the cabinet's services received, /api/v1/assignments. */
export function assignmentsModule(services: Services) {
  return async function (app: FastifyInstance) {
    await app.register(assignmentRoutes(services));
    await app.register(cabinetServicesRoutes(services));
    await app.register(assignmentsApi(services), { prefix: '/api/v1' });
  };
}
