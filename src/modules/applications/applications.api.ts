import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import type { HookRegistry } from '../../platform/modules.js';
import { commandFollowers } from './applications.hooks.js';
import { apiRoute, withFieldErrors } from '../api/api-route.js';
import {
  apiCreateBody,
  apiIdParams,
  apiListQuery,
  applicationListSchema,
  applicationSchema,
} from './applications.schema.js';
import { applicationJson } from './applications.presenter.js';
import { createApplication } from './use-cases/create-application.js';
import { getApplication } from './use-cases/get-application.js';
import { listQueue } from './use-cases/list-queue.js';
import { changeStatus } from './use-cases/change-status.js';
import { REFUSAL_GROUNDS, COMMANDS, MAX_NOTE } from './status-machine.js';

const TAG = 'Заяви на послуги';

/** `Idempotency-Key` header: 8–200 visible ASCII characters, or none. */
const createHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[\x21-\x7e]{8,200}$/, { error: 'applications.v.idempotencyKey' })
    .optional()
    .describe(
      'Ключ повторного запиту (8–200 видимих символів ASCII): повтор з тим самим ключем повертає ту саму заяву',
    ),
});

/** A command of the status machine with what it needs (the same checks as the application page). */
const transitionBody = z.strictObject({
  command: z
    .enum(COMMANDS)
    .describe(
      'Команда: register, startReview, requestDocuments, documentsReceived, grant, refuse, ' +
        'startDelivery, complete, withdraw, submit',
    ),
  note: z.string().max(MAX_NOTE).optional().describe('Коментар (для grant — текст рішення)'),
  reason: z.string().max(MAX_NOTE).optional().describe('Підстава відмови (обов’язкова для refuse)'),
  ground: z
    .enum(REFUSAL_GROUNDS)
    .optional()
    .describe(
      'Вид підстави відмови для refuse: no_capacity (немає вільних місць), not_eligible, documents, other (типово)',
    ),
  documents: z
    .array(z.string().max(300))
    .max(20)
    .optional()
    .describe('Які документи подати (обов’язково для requestDocuments)'),
  dueOn: z.iso
    .date()
    .optional()
    .describe('До якої дати подати документи, YYYY-MM-DD (обов’язково для requestDocuments)'),
  version: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Версія заяви, яку бачив клієнт; якщо заяву вже змінили — 409'),
});

/** /api/v1/applications: staff register on behalf of a person, read one with its history, list by status. */
export function applicationsApi(services: Services, hooks: HookRegistry) {
  const followers = commandFollowers(hooks);
  return function (app: FastifyInstance) {
    apiRoute(app, services, {
      method: 'POST',
      path: '/applications',
      tags: [TAG],
      action: 'api.applications.create',
      operation: 'write',
      status: 201,
      summary: 'Зареєструвати заяву від імені особи (заголовок Idempotency-Key: повторний запит поверне ту саму заяву)',
      description:
        'Заголовок `Idempotency-Key` (8–200 видимих символів ASCII, необов’язковий): повтор запиту з тим самим ключем ' +
        'повертає вже створену заяву; той самий ключ з іншими даними — 409. Заява реєструється одразу (submitted → registered) ' +
        'з номером і строком рішення в робочих днях.',
      body: apiCreateBody,
      headers: createHeaders,
      response: applicationSchema,
      errors: { 404: 'Особи немає в громаді токена', 409: 'Цей Idempotency-Key уже використано з іншими даними' },
      handler: async ({ req, body, headers, describe, useCase }) => {
        const key = headers['Idempotency-Key'] ?? null;
        // A service or person that cannot take the application is a problem of that field of the body.
        const { id } = await withFieldErrors(req, () =>
          createApplication({ ...useCase, input: body, idempotencyKey: key }),
        );
        describe({ entityType: 'application', entityId: id });
        const v = await getApplication({ ...useCase, id, action: 'application.view.api' });
        return applicationJson(v.application, v.history);
      },
    });

    apiRoute(app, services, {
      method: 'POST',
      path: '/applications/:id/transitions',
      tags: [TAG],
      action: 'api.applications.transition',
      operation: 'write',
      summary: 'Змінити статус заяви командою (ті самі правила, що й на сторінці заяви)',
      description:
        'Команди статусної машини: submit, register, startReview, requestDocuments (documents, dueOn), ' +
        'documentsReceived, grant (note — текст рішення), refuse (reason), startDelivery, complete, withdraw. ' +
        'Хто може виконати команду, визначає роль токена. Відповідь — заява з історією.',
      params: apiIdParams,
      body: transitionBody,
      response: applicationSchema,
      errors: {
        404: 'Заяви немає в громаді токена',
        409: 'Поточний статус не дозволяє команду або заяву вже змінили (version)',
      },
      handler: async ({ req, params, body, describe, useCase }) => {
        describe({ entityType: 'application', entityId: params.id, fields: ['status'] });
        const { command, version, ...input } = body;
        await withFieldErrors(req, () =>
          changeStatus({ ...useCase, id: params.id, command, version, input, followers }),
        );
        const v = await getApplication({ ...useCase, id: params.id, action: 'application.view.api' });
        return applicationJson(v.application, v.history);
      },
    });

    apiRoute(app, services, {
      method: 'GET',
      path: '/applications/:id',
      tags: [TAG],
      action: 'api.applications.get',
      operation: 'read',
      summary: 'Заява з історією змін статусу',
      params: apiIdParams,
      response: applicationSchema,
      handler: async ({ params, describe, useCase }) => {
        describe({ entityType: 'application', entityId: params.id });
        const v = await getApplication({ ...useCase, id: params.id, action: 'application.view.api' });
        return applicationJson(v.application, v.history);
      },
    });

    apiRoute(app, services, {
      method: 'GET',
      path: '/applications',
      tags: [TAG],
      action: 'api.applications.list',
      operation: 'read',
      summary: 'Заяви (у межах доступу: староста — свого округу), за строком рішення',
      query: apiListQuery,
      response: applicationListSchema,
      handler: async ({ query, describe, useCase }) => {
        describe({ entityType: 'application' });
        const page = await listQueue({
          ...useCase,
          filters: { status: query.status },
          limit: query.limit,
          offset: query.offset,
        });
        return { items: page.items.map((a) => applicationJson(a)), total: page.total };
      },
    });
    return Promise.resolve();
  };
}
