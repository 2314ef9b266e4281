import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { apiRoute } from '../api/api-route.js';
import { providerInputOfApi, providerToJson } from './providers.presenter.js';
import {
  providerApiBody,
  providerApiParams,
  providerJson,
  providerListJson,
  providersApiQuery,
} from './providers.schema.js';
import { createProvider } from './use-cases/create-provider.js';
import { listProviders } from './use-cases/list-providers.js';
import { viewProvider } from './use-cases/view-provider.js';

const TAG = 'Надавачі соціальних послуг';

/** /api/v1/providers: the hromada's provider registry (organisations; the token's hromada only). */
export function providersApi(services: Services) {
  return (app: FastifyInstance) => {
    apiRoute(app, services, {
      method: 'GET',
      path: '/providers',
      tags: [TAG],
      action: 'api.providers.list',
      operation: 'read',
      summary: 'Надавачі громади за назвою (укр. абеткою), з кількістю послуг каталогу, які кожен надає',
      query: providersApiQuery,
      response: providerListJson,
      handler: async ({ query, describe, useCase }) => {
        describe({ entityType: 'agency' });
        const active = query.active === undefined ? null : query.active === 'true';
        const page = await listProviders({
          ...useCase,
          filter: { ownership: query.ownership ?? null, active },
          limit: query.limit,
          offset: query.offset,
        });
        return { items: page.rows, total: page.total };
      },
    });

    apiRoute(app, services, {
      method: 'GET',
      path: '/providers/:id',
      tags: [TAG],
      action: 'api.providers.get',
      operation: 'read',
      summary: 'Надавач: дані реєстру, послуги каталогу і де кожна надається (надавач іншої громади — 404)',
      params: providerApiParams,
      response: providerJson,
      handler: async ({ params, describe, useCase }) => {
        describe({ entityType: 'agency', entityId: String(params.id) });
        const v = await viewProvider({ ...useCase, id: params.id });
        return providerToJson(v.provider, v.services);
      },
    });

    apiRoute(app, services, {
      method: 'POST',
      path: '/providers',
      status: 201,
      tags: [TAG],
      action: 'api.providers.create',
      operation: 'write',
      summary: 'Зареєструвати надавача (код перевіряється за контрольною цифрою) з послугами, які він надає',
      body: providerApiBody,
      response: providerJson,
      errors: { 400: 'Неправильний код, зайнятий код чи назва, послуги немає в каталозі громади' },
      handler: async ({ body, describe, useCase }) => {
        const id = await createProvider({ ...useCase, input: providerInputOfApi(body), delivers: body.services });
        describe({ entityType: 'agency', entityId: String(id), fields: ['providerName', 'code', 'service'] });
        const v = await viewProvider({ ...useCase, id });
        return providerToJson(v.provider, v.services);
      },
    });
    return Promise.resolve();
  };
}
