import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { isAppError } from '../../platform/errors.js';
import { ApiValidationError } from '../../platform/api-registry.js';
import { apiRoute } from '../api/api-route.js';
import {
  apiCreateBody, apiIdParams, apiListQuery, applicationListSchema, applicationSchema,
} from './applications.schema.js';
import { applicationJson } from './applications.presenter.js';
import { createApplicationIn } from './use-cases/create-application.js';
import { getApplicationIn } from './use-cases/get-application.js';
import { listQueueIn } from './use-cases/list-queue.js';

const TAG = 'Заяви на послуги';
const meta = (req: FastifyRequest) => ({ ip: req.ip, requestId: req.id });

/** `Idempotency-Key` header: 8–200 visible ASCII characters, or none. */
function idempotencyKey(req: FastifyRequest): string | null {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return null;
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (!/^[\x21-\x7e]{8,200}$/.test(v)) throw new ApiValidationError([{ path: 'Idempotency-Key', message: req.t('applications.v.idempotencyKey') }]);
  return v;
}

/** /api/v1/applications: staff register on behalf of a person, read one with its history, list by status. */
export function applicationsApi(services: Services) {
  return async function (app: FastifyInstance) {
    apiRoute(app, services, {
      method: 'POST', path: '/applications', tags: [TAG], action: 'api.applications.create', operation: 'write', status: 201,
      summary: 'Зареєструвати заяву від імені особи (заголовок Idempotency-Key: повторний запит поверне ту саму заяву)',
      description: 'Заголовок `Idempotency-Key` (8–200 видимих символів ASCII, необов’язковий): повтор запиту з тим самим ключем '
        + 'повертає вже створену заяву; той самий ключ з іншими даними — 409. Заява реєструється одразу (submitted → registered) '
        + 'з номером і строком рішення в робочих днях.',
      body: apiCreateBody, response: applicationSchema,
      handler: async ({ req, actor, client, body, audit }) => {
        const key = idempotencyKey(req);
        let id: string;
        try {
          ({ id } = await createApplicationIn(client, { services, actor, input: body, idempotencyKey: key, meta: meta(req) }));
        } catch (err) {
          // A service or person that cannot take the application is a problem of that field of the body.
          const field = isAppError(err) && err.code === 'validation' ? (err.details as { field?: string } | undefined)?.field : undefined;
          if (isAppError(err) && field) throw new ApiValidationError([{ path: field, message: req.t(err.messageKey) }]);
          throw err;
        }
        Object.assign(audit, { entityType: 'application', entityId: id });
        const v = await getApplicationIn(client, { services, actor, id, action: 'application.view.api', meta: meta(req) });
        return applicationJson(v.application, v.history);
      },
    });

    apiRoute(app, services, {
      method: 'GET', path: '/applications/:id', tags: [TAG], action: 'api.applications.get', operation: 'read',
      summary: 'Заява з історією змін статусу', params: apiIdParams, response: applicationSchema,
      handler: async ({ req, actor, client, params, audit }) => {
        Object.assign(audit, { entityType: 'application', entityId: params.id });
        const v = await getApplicationIn(client, { services, actor, id: params.id, action: 'application.view.api', meta: meta(req) });
        return applicationJson(v.application, v.history);
      },
    });

    apiRoute(app, services, {
      method: 'GET', path: '/applications', tags: [TAG], action: 'api.applications.list', operation: 'read',
      summary: 'Заяви (у межах доступу: староста — свого округу), за строком рішення', query: apiListQuery,
      response: applicationListSchema,
      handler: async ({ req, actor, client, query, audit }) => {
        audit.entityType = 'application';
        const page = await listQueueIn(client, { services, actor, filters: { status: query.status }, limit: query.limit,
          offset: query.offset, meta: meta(req) });
        return { items: page.items.map((a) => applicationJson(a)), total: page.total };
      },
    });
  };
}
