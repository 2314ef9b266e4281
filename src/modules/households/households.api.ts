import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { apiRoute } from '../api/api-route.js';
import { requirePerson } from '../persons/persons.policy.js';
import { createHouseholdBody, householdIdParams, householdJson, householdListJson, householdsQuery } from './households.schema.js';
import { householdToJson } from './households.presenter.js';
import { createHouseholdIn } from './use-cases/create-household.js';
import { viewHouseholdIn } from './use-cases/view-household.js';
import { requestMeta } from '../../platform/audit.js';

const TAG = 'Домогосподарства';

/** /api/v1/households: a person's households, one household, a new household. Same scopes and audit as the pages. */
export function householdApiRoutes(services: Services) {
  return async function (app: FastifyInstance) {
    apiRoute(app, services, {
      method: 'GET', path: '/households', tags: [TAG], action: 'api.households.list', operation: 'read',
      summary: 'Домогосподарства особи (теперішні й колишні)', query: householdsQuery, response: householdListJson,
      errors: { 404: 'Особи немає в громаді токена' },
      handler: async ({ actor, client, query, describe, req }) => {
        authorize(actor, 'registry.read');
        await requirePerson(client, actor, 'registry.read', query.personId);
        describe({ entityType: 'person', entityId: query.personId, fields: ['households'] });
        const { rows } = await client.query<{ household_id: string }>(
          `SELECT household_id FROM household_members WHERE person_id = $1 ORDER BY left_on NULLS FIRST, joined_on DESC`, [query.personId]);
        const items = [];
        for (const r of rows) {
          const v = await viewHouseholdIn(client, actor, r.household_id, requestMeta(req));
          items.push(householdToJson(v.household, v.members));
        }
        return { items };
      },
    });

    apiRoute(app, services, {
      method: 'GET', path: '/households/:id', tags: [TAG], action: 'api.households.get', operation: 'read',
      summary: 'Домогосподарство з членами', params: householdIdParams, response: householdJson,
      handler: async ({ actor, client, params, describe, req }) => {
        authorize(actor, 'registry.read');
        describe({ entityType: 'household', entityId: params.id, fields: ['address', 'members'] });
        const v = await viewHouseholdIn(client, actor, params.id, requestMeta(req));
        return householdToJson(v.household, v.members);
      },
    });

    apiRoute(app, services, {
      method: 'POST', path: '/households', status: 201, tags: [TAG], action: 'api.households.create', operation: 'write',
      summary: 'Створити домогосподарство: голова (адреса береться з його реєстрації) та інші члени',
      body: createHouseholdBody, response: householdJson,
      errors: { 404: 'Голови чи члена домогосподарства немає в громаді токена',
        409: 'Зв’язкам суперечать дати народження (needsConfirmation, warnings: personId і memberOlder/memberYounger); повторіть з confirm: true' },
      handler: async ({ actor, client, body, describe, req }) => {
        const m = requestMeta(req);
        const id = await createHouseholdIn(client, { services, actor, input: body, meta: m });
        describe({ entityType: 'household', entityId: id, fields: ['head', 'members'] });
        const v = await viewHouseholdIn(client, actor, id, m);
        return householdToJson(v.household, v.members);
      },
    });
  };
}
