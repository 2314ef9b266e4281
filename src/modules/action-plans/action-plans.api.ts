import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import type { HookRegistry } from '../../platform/modules.js';
import { ApiValidationError } from '../../platform/api-registry.js';
import { apiRoute } from '../api/api-route.js';
import {
  importResultJson,
  planApiParams,
  planDocumentBody,
  planDocumentJson,
  planListJson,
  plansApiQuery,
} from './action-plans.schema.js';
import { importPlan } from './use-cases/import-plan.js';
import { isPlanImportError } from './plan-import-error.js';
import { listActionPlans } from './use-cases/list-plans.js';
import { exportPlan } from './use-cases/export-plan.js';

const TAG = 'Плани дій';

/** /api/v1/action-plans: the hromada's action plans in the exchange format (docs/action-plans/schema.json). */
export function actionPlansApi(services: Services, hooks: HookRegistry) {
  return (app: FastifyInstance) => {
    apiRoute(app, services, {
      method: 'GET',
      path: '/action-plans',
      tags: [TAG],
      action: 'api.action-plans.list',
      operation: 'read',
      summary: 'Плани дій громади (найновіші за датою затвердження), з кількістю завдань виконаних і прострочених',
      query: plansApiQuery,
      response: planListJson,
      handler: async ({ query, describe, useCase }) => {
        describe({ entityType: 'action_plan' });
        const page = await listActionPlans({ ...useCase, limit: query.limit, offset: query.offset });
        return {
          items: page.rows.map((p) => ({
            id: Number(p.id),
            title: p.title,
            approvedBy: p.approved_by,
            number: p.act_number,
            date: p.act_date,
            period: p.period_from !== null && p.period_to !== null ? { from: p.period_from, to: p.period_to } : null,
            status: p.status,
            tasks: p.tasks,
            tasksDone: p.done,
            tasksOverdue: p.overdue,
          })),
          total: page.total,
        };
      },
    });

    apiRoute(app, services, {
      method: 'GET',
      path: '/action-plans/:id',
      tags: [TAG],
      action: 'api.action-plans.get',
      operation: 'read',
      summary: 'План у форматі обміну — тому самому, що читає імпорт (план іншої громади — 404)',
      params: planApiParams,
      response: planDocumentJson,
      handler: async ({ params, describe, useCase }) => {
        describe({ entityType: 'action_plan', entityId: String(params.id) });
        return (await exportPlan({ ...useCase, id: params.id })).json;
      },
    });

    apiRoute(app, services, {
      method: 'POST',
      path: '/action-plans/import',
      status: 201,
      tags: [TAG],
      action: 'api.action-plans.import',
      operation: 'write',
      summary:
        'Імпортувати план у форматі обміну: увесь або нічого; у відповіді — кількість цілей, завдань, індикаторів',
      body: planDocumentBody,
      response: importResultJson,
      errors: {
        400: 'Перелік проблем файлу: шлях JSON (напр. $.strategic_goals[0].code) і що не так; нічого не збережено',
      },
      handler: async ({ req, body, describe, useCase }) => {
        try {
          const r = await importPlan({ ...useCase, hooks, json: body });
          describe({ entityType: 'action_plan', entityId: String(r.id) });
          return r;
        } catch (e) {
          if (!isPlanImportError(e)) throw e;
          throw new ApiValidationError(e.problems.map((p) => ({ path: p.path, message: req.t(p.key, p.params) })));
        }
      },
    });
    return Promise.resolve();
  };
}
