import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { apiRoute } from '../api/api-route.js';
import {
  createHouseholdBody,
  householdIdParams,
  householdJson,
  householdListJson,
  householdsQuery,
} from './households.schema.js';
import { householdToJson } from './households.presenter.js';
import { createHousehold } from './use-cases/create-household.js';
import { listPersonHouseholds } from './use-cases/list-person-households.js';
import { viewHousehold } from './use-cases/view-household.js';

const TAG = 'Домогосподарства';

/** /api/v1/households: a person's households, one household, a new household. Same scopes and audit as the pages. */
export function householdApiRoutes(services: Services) {
  return (app: FastifyInstance) => {
    apiRoute(app, services, {
      method: 'GET',
      path: '/households',
      tags: [TAG],
      action: 'api.households.list',
      operation: 'read',
      summary: 'Домогосподарства особи (теперішні й колишні)',
      query: householdsQuery,
      response: householdListJson,
      errors: { 404: 'Особи немає в громаді токена' },
      handler: async ({ query, describe, useCase }) => {
        const households = await listPersonHouseholds({ ...useCase, personId: query.personId });
        describe({ entityType: 'person', entityId: query.personId, fields: ['households'] });
        return { items: households.map((v) => householdToJson(v.household, v.members)) };
      },
    });

    apiRoute(app, services, {
      method: 'GET',
      path: '/households/:id',
      tags: [TAG],
      action: 'api.households.get',
      operation: 'read',
      summary: 'Домогосподарство з членами',
      params: householdIdParams,
      response: householdJson,
      handler: async ({ actor, params, describe, useCase }) => {
        authorize(actor, 'registry.read');
        describe({ entityType: 'household', entityId: params.id, fields: ['address', 'members'] });
        const v = await viewHousehold({ ...useCase, id: params.id });
        return householdToJson(v.household, v.members);
      },
    });

    apiRoute(app, services, {
      method: 'POST',
      path: '/households',
      status: 201,
      tags: [TAG],
      action: 'api.households.create',
      operation: 'write',
      summary: 'Створити домогосподарство: голова (адреса береться з його реєстрації) та інші члени',
      body: createHouseholdBody,
      response: householdJson,
      errors: {
        404: 'Голови чи члена домогосподарства немає в громаді токена',
        409: 'Зв’язкам суперечать дати народження (needsConfirmation, warnings: personId і memberOlder/memberYounger); повторіть з confirm: true',
      },
      handler: async ({ body, describe, useCase }) => {
        const id = await createHousehold({ ...useCase, input: body });
        describe({ entityType: 'household', entityId: id, fields: ['head', 'members'] });
        const v = await viewHousehold({ ...useCase, id });
        return householdToJson(v.household, v.members);
      },
    });
    return Promise.resolve();
  };
}
