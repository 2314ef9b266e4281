import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { listApiRoutes } from '../../platform/api-registry.js';
import { apiRoute, publicApiRoute } from './api-route.js';
import { meResponse, updateMeBody } from './api.schema.js';
import { buildOpenApi } from './openapi.js';
import { getMe } from './use-cases/get-me.js';
import { updateMyLocale } from './use-cases/update-my-locale.js';

const ACCOUNT = 'Обліковий запис';

/** The API's own routes, registered under /api/v1: who am I, my language, the OpenAPI document. */
export function apiRoutes(services: Services) {
  return function (app: FastifyInstance) {
    apiRoute(app, services, {
      method: 'GET',
      path: '/me',
      tags: [ACCOUNT],
      action: 'api.me',
      operation: 'read',
      summary: 'Хто я: користувач токена, громада, ролі в ній і сам токен',
      response: meResponse,
      handler: async (ctx) => {
        ctx.describe({ entityType: 'user', entityId: ctx.actor.userId });
        return getMe({ ...ctx.useCase, tx: ctx.client, token: ctx.token });
      },
    });

    apiRoute(app, services, {
      method: 'PATCH',
      path: '/me',
      tags: [ACCOUNT],
      action: 'api.me.update',
      operation: 'write',
      summary: 'Змінити мову відповідей API для користувача токена',
      body: updateMeBody,
      response: meResponse,
      handler: async (ctx) => {
        ctx.describe({ entityType: 'user', entityId: ctx.actor.userId, fields: ['locale'] });
        await updateMyLocale({ ...ctx.useCase, tx: ctx.client, locale: ctx.body.locale });
        return getMe({ ...ctx.useCase, tx: ctx.client, token: ctx.token });
      },
    });

    publicApiRoute(app, {
      method: 'GET',
      path: '/openapi.json',
      tags: ['Опис API'],
      summary: 'Опис API у форматі OpenAPI 3.1 (без токена)',
      response: z.record(z.string(), z.unknown()).describe('Документ OpenAPI 3.1'),
      handler: () => buildOpenApi(listApiRoutes()),
    });
    return Promise.resolve();
  };
}
