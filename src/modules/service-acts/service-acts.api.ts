import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { apiRoute } from '../api/api-route.js';
import { actJsonOf } from './service-acts.presenter.js';
import { actJson, actListJson, actListQuery, createActBody } from './service-acts.schema.js';
import { recordServiceAct } from './use-cases/record-service-act.js';
import { listPersonActs } from './use-cases/list-person-acts.js';

const TAG = 'Акти надання послуг';

/** /api/v1/service-acts: record an act of an assigned service, list a person's acts of a month. Audited. */
export function serviceActsApi(services: Services) {
  return (app: FastifyInstance) => {
    apiRoute(app, services, {
      method: 'POST',
      path: '/service-acts',
      status: 201,
      tags: [TAG],
      action: 'api.serviceActs.create',
      operation: 'write',
      summary:
        'Записати акт: хто, кому, коли, скільки, де й хто підтвердив; лише для призначеної послуги, без перетину з іншими актами працівника',
      body: createActBody,
      response: actJson,
      errors: { 404: 'Призначення немає в межах доступу токена' },
      handler: async ({ body, actor, describe, useCase }) => {
        const act = await recordServiceAct({
          ...useCase,
          via: 'api',
          input: { ...body, workerId: body.workerId ?? actor.userId },
        });
        describe({ entityType: 'person', entityId: act.person_id, fields: ['serviceActs'] });
        return actJsonOf(act);
      },
    });

    apiRoute(app, services, {
      method: 'GET',
      path: '/service-acts',
      tags: [TAG],
      action: 'api.serviceActs.list',
      operation: 'read',
      summary: 'Акти особи за місяць (надавач бачить лише свої), скасовані — з позначкою',
      query: actListQuery,
      response: actListJson,
      errors: { 404: 'Особи немає в межах доступу токена' },
      handler: async ({ query, describe, useCase }) => {
        const rows = await listPersonActs({ ...useCase, personId: query.personId, month: query.month });
        describe({ entityType: 'person', entityId: query.personId, fields: ['serviceActs'] });
        return { items: rows.map(actJsonOf) };
      },
    });
    return Promise.resolve();
  };
}
