import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { apiRoute } from '../api/api-route.js';
import { assignmentJson } from './assignments.presenter.js';
import { apiIdParams, apiListQuery, assignmentListSchema, assignmentSchema } from './assignments.schema.js';
import { getAssignment } from './use-cases/get-assignment.js';
import { listAssignments } from './use-cases/list-assignments.js';

const TAG = 'Призначення послуг надавачам';

/** /api/v1/assignments: granted applications handed to providers (a provider's token sees its agency's only). */
export function assignmentsApi(services: Services) {
  return (app: FastifyInstance) => {
    apiRoute(app, services, {
      method: 'GET',
      path: '/assignments',
      tags: [TAG],
      action: 'api.assignments.list',
      operation: 'read',
      summary: 'Призначені послуги (у межах доступу: надавач — своєї установи, староста — свого округу), новіші спершу',
      query: apiListQuery,
      response: assignmentListSchema,
      handler: async ({ query, describe, useCase }) => {
        describe({ entityType: 'assignment' });
        const page = await listAssignments({
          ...useCase,
          status: query.status,
          limit: query.limit,
          offset: query.offset,
        });
        return { items: page.rows.map((r) => assignmentJson(r)), total: page.total };
      },
    });

    apiRoute(app, services, {
      method: 'GET',
      path: '/assignments/:id',
      tags: [TAG],
      action: 'api.assignments.get',
      operation: 'read',
      summary: 'Призначення з історією змін статусу (чуже — 404)',
      params: apiIdParams,
      response: assignmentSchema,
      handler: async ({ params, describe, useCase }) => {
        describe({ entityType: 'assignment', entityId: params.id });
        const v = await getAssignment({ ...useCase, id: params.id, action: 'assignment.view.api' });
        return assignmentJson(v.row, v.history);
      },
    });
    return Promise.resolve();
  };
}
