import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
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
import { changeStatusIn } from './use-cases/change-status.js';
import { COMMANDS, MAX_NOTE, type InputProblem } from './status-machine.js';
import { requestMeta } from '../../platform/audit.js';

const TAG = 'Заяви на послуги';

/** `Idempotency-Key` header: 8–200 visible ASCII characters, or none. */
const createHeaders = z.object({
  'Idempotency-Key': z.string().regex(/^[\x21-\x7e]{8,200}$/, { error: 'applications.v.idempotencyKey' }).optional()
    .describe('Ключ повторного запиту (8–200 видимих символів ASCII): повтор з тим самим ключем повертає ту саму заяву'),
});

/** A command of the status machine with what it needs (the same checks as the application page). */
const transitionBody = z.strictObject({
  command: z.enum(COMMANDS).describe('Команда: register, startReview, requestDocuments, documentsReceived, grant, refuse, '
    + 'startDelivery, complete, withdraw, submit'),
  note: z.string().max(MAX_NOTE).optional().describe('Коментар (для grant — текст рішення)'),
  reason: z.string().max(MAX_NOTE).optional().describe('Підстава відмови (обов’язкова для refuse)'),
  documents: z.array(z.string().max(300)).max(20).optional().describe('Які документи подати (обов’язково для requestDocuments)'),
  dueOn: z.iso.date().optional().describe('До якої дати подати документи, YYYY-MM-DD (обов’язково для requestDocuments)'),
  version: z.number().int().positive().optional()
    .describe('Версія заяви, яку бачив клієнт; якщо заяву вже змінили — 409'),
});

/** A use-case's input problems as the API's field errors (null for any other error). */
function apiProblems(err: unknown, req: FastifyRequest): ApiValidationError | null {
  if (!isAppError(err) || err.code !== 'validation') return null;
  const problems = (err.details as { problems?: InputProblem[] } | undefined)?.problems ?? [];
  return new ApiValidationError(problems.length
    ? problems.map((p) => ({ path: p.field, message: req.t(p.key) }))
    : [{ path: '', message: req.t(err.messageKey) }]);
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
      body: apiCreateBody, headers: createHeaders, response: applicationSchema,
      errors: { 404: 'Особи немає в громаді токена', 409: 'Цей Idempotency-Key уже використано з іншими даними' },
      handler: async ({ req, actor, client, body, headers, describe }) => {
        const key = headers['Idempotency-Key'] ?? null;
        let id: string;
        try {
          ({ id } = await createApplicationIn(client, { services, actor, input: body, idempotencyKey: key, meta: requestMeta(req) }));
        } catch (err) {
          // A service or person that cannot take the application is a problem of that field of the body.
          const field = isAppError(err) && err.code === 'validation' ? (err.details as { field?: string } | undefined)?.field : undefined;
          if (isAppError(err) && field) throw new ApiValidationError([{ path: field, message: req.t(err.messageKey) }]);
          throw err;
        }
        describe({ entityType: 'application', entityId: id });
        const v = await getApplicationIn(client, { services, actor, id, action: 'application.view.api', meta: requestMeta(req) });
        return applicationJson(v.application, v.history);
      },
    });

    apiRoute(app, services, {
      method: 'POST', path: '/applications/:id/transitions', tags: [TAG], action: 'api.applications.transition', operation: 'write',
      summary: 'Змінити статус заяви командою (ті самі правила, що й на сторінці заяви)',
      description: 'Команди статусної машини: submit, register, startReview, requestDocuments (documents, dueOn), '
        + 'documentsReceived, grant (note — текст рішення), refuse (reason), startDelivery, complete, withdraw. '
        + 'Хто може виконати команду, визначає роль токена. Відповідь — заява з історією.',
      params: apiIdParams, body: transitionBody, response: applicationSchema,
      errors: { 404: 'Заяви немає в громаді токена', 409: 'Поточний статус не дозволяє команду або заяву вже змінили (version)' },
      handler: async ({ req, actor, client, params, body, describe }) => {
        describe({ entityType: 'application', entityId: params.id, fields: ['status'] });
        const { command, version, ...input } = body;
        try {
          await changeStatusIn(client, { services, actor, id: params.id, command, version, input, meta: requestMeta(req) });
        } catch (err) {
          throw apiProblems(err, req) ?? err;
        }
        const v = await getApplicationIn(client, { services, actor, id: params.id, action: 'application.view.api', meta: requestMeta(req) });
        return applicationJson(v.application, v.history);
      },
    });

    apiRoute(app, services, {
      method: 'GET', path: '/applications/:id', tags: [TAG], action: 'api.applications.get', operation: 'read',
      summary: 'Заява з історією змін статусу', params: apiIdParams, response: applicationSchema,
      handler: async ({ req, actor, client, params, describe }) => {
        describe({ entityType: 'application', entityId: params.id });
        const v = await getApplicationIn(client, { services, actor, id: params.id, action: 'application.view.api', meta: requestMeta(req) });
        return applicationJson(v.application, v.history);
      },
    });

    apiRoute(app, services, {
      method: 'GET', path: '/applications', tags: [TAG], action: 'api.applications.list', operation: 'read',
      summary: 'Заяви (у межах доступу: староста — свого округу), за строком рішення', query: apiListQuery,
      response: applicationListSchema,
      handler: async ({ req, actor, client, query, describe }) => {
        describe({ entityType: 'application' });
        const page = await listQueueIn(client, { services, actor, filters: { status: query.status }, limit: query.limit,
          offset: query.offset, meta: requestMeta(req) });
        return { items: page.items.map((a) => applicationJson(a)), total: page.total };
      },
    });
  };
}
