import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { apiRoute } from '../api/api-route.js';
import { createdSignalJson, createSignalBody, signalJson, signalParams } from './signals.schema.js';
import { signalToJson } from './signals.presenter.js';
import { registerSignal } from './use-cases/register-signal.js';
import { getSignal } from './use-cases/get-signal.js';

const TAG = 'Раннє виявлення';

/** /api/v1/signals: register a signal (a hotline, a school's system) and read one. Same rules and audit as the pages. */
export function signalApiRoutes(services: Services) {
  return (app: FastifyInstance) => {
    apiRoute(app, services, {
      method: 'POST',
      path: '/signals',
      status: 201,
      tags: [TAG],
      action: 'api.signals.create',
      operation: 'write',
      summary: 'Зареєструвати сигнал про дитину чи дорослого в групі ризику; строк розгляду — за терміновістю',
      body: createSignalBody,
      response: createdSignalJson,
      errors: { 404: 'Особи немає в громаді токена' },
      handler: async ({ body, describe, useCase }) => {
        const { receivedAt, ...rest } = body;
        const r = await registerSignal({ ...useCase, input: { ...rest, receivedAt: new Date(receivedAt) } });
        describe({ entityType: 'signal', entityId: r.id, fields: ['source', 'subject', 'observed', 'urgency'] });
        return { id: r.id, number: r.number, triageDueAt: r.triageDueAt.toISOString() };
      },
    });

    apiRoute(app, services, {
      method: 'GET',
      path: '/signals/:id',
      tags: [TAG],
      action: 'api.signals.get',
      operation: 'read',
      summary: 'Сигнал: хто, що помічено, строк розгляду, виїзди мобільної бригади, рішення',
      params: signalParams,
      response: signalJson,
      handler: async ({ params, describe, useCase }) => {
        const r = await getSignal({ ...useCase, id: params.id });
        describe({ entityType: 'signal', entityId: params.id, fields: ['subject', 'observed', 'outcome'] });
        return signalToJson(r.row, r.visits, r.caseId);
      },
    });
    return Promise.resolve();
  };
}
