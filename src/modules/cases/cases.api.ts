import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import type { HookRegistry } from '../../platform/modules.js';
import { apiRoute } from '../api/api-route.js';
import {
  caseJson,
  caseListJson,
  caseParams,
  casesApiQuery,
  caseTransitionBody,
  createCaseBody,
  createdCaseJson,
} from './cases.schema.js';
import { caseToJson, caseWithTeamToJson } from './cases.presenter.js';
import { openCase } from './use-cases/open-case.js';
import { viewCase } from './use-cases/view-case.js';
import { searchCases } from './use-cases/search-cases.js';
import { changeCaseStatus } from './use-cases/change-case-status.js';
import { referralBody, referralDecisionBody, referralJson, referralParams } from './referral.schema.js';
import { sendReferral } from './use-cases/send-referral.js';
import { decideReferral } from './use-cases/decide-referral.js';
import { viewReferral } from './use-cases/view-referral.js';
import type { ReferralRow } from './referral.queries.js';

const REFERRALS = 'Направлення';

const referralToJson = (r: ReferralRow) => ({
  id: r.id,
  caseId: r.case_id,
  kind: r.kind,
  status: r.status,
  recipient: r.recipient,
  purpose: r.purpose,
  resultCaseId: r.result_case_id,
});
import { savePlan } from './use-cases/save-plan.js';
import { planBody } from './plan.schema.js';

const TAG = 'Випадки';

/** /api/v1/cases: open a case, read one, list a person's or the hromada's, move one along. Same rules and audit as the pages. */
export function caseApiRoutes(services: Services, hooks: HookRegistry) {
  return (app: FastifyInstance) => {
    apiRoute(app, services, {
      method: 'POST',
      path: '/cases',
      status: 201,
      tags: [TAG],
      action: 'api.cases.create',
      operation: 'write',
      summary:
        'Відкрити випадок особи чи домогосподарства, за заявою з наданою послугою або за сигналом раннього виявлення',
      body: createCaseBody,
      response: createdCaseJson,
      errors: {
        404: 'Особи, домогосподарства чи заяви немає в громаді токена',
        409: 'Послугу за заявою не надано, особу заявника не підтверджено, за заявою вже є випадок, сигнал уже закрито',
      },
      handler: async ({ body, describe, useCase }) => {
        const { type, ...rest } = body;
        const signalLink = hooks.all('caseSignalLink')[0];
        const r = await openCase({ ...useCase, input: { ...rest, typeCode: type }, signalLink });
        describe({ entityType: 'case', entityId: r.id, fields: ['type', 'priority', 'manager'] });
        return r;
      },
    });

    apiRoute(app, services, {
      method: 'GET',
      path: '/cases',
      tags: [TAG],
      action: 'api.cases.list',
      operation: 'read',
      summary: 'Випадки особи або громади (за статусом); випадки з обмеженим доступом — лише для їхньої команди',
      query: casesApiQuery,
      response: caseListJson,
      errors: { 404: 'Особи немає в громаді токена' },
      handler: async ({ query, describe, useCase }) => {
        const r = await searchCases({ ...useCase, ...query });
        describe({ entityType: query.personId ? 'person' : 'case', entityId: query.personId, fields: ['cases'] });
        return { items: r.rows.map(caseToJson), total: r.total };
      },
    });

    apiRoute(app, services, {
      method: 'GET',
      path: '/cases/:id',
      tags: [TAG],
      action: 'api.cases.get',
      operation: 'read',
      summary: 'Випадок з командою та індивідуальним планом (випадок з обмеженим доступом поза командою — 404)',
      params: caseParams,
      response: caseJson,
      handler: async ({ params, describe, useCase }) => {
        const v = await viewCase({ ...useCase, id: params.id });
        describe({ entityType: 'case', entityId: params.id, fields: ['type', 'status', 'team', 'plan', 'planItems'] });
        return caseWithTeamToJson(v.row, v.team, v);
      },
    });

    apiRoute(app, services, {
      method: 'PUT',
      path: '/cases/:id/plan',
      tags: [TAG],
      action: 'api.cases.plan',
      operation: 'write',
      summary: 'Зберегти індивідуальний план випадку цілком (з версією: застаріла — 409, нічого не записано)',
      params: caseParams,
      body: planBody,
      response: caseJson,
      errors: {
        404: 'Випадку немає (або він з обмеженим доступом поза командою)',
        409: 'План щойно змінив інший працівник (інша версія) або випадок закрито',
      },
      handler: async ({ params, body, describe, useCase }) => {
        await savePlan({ ...useCase, id: params.id, input: body });
        describe({ entityType: 'case', entityId: params.id, fields: ['plan', 'planItems'] });
        const v = await viewCase({ ...useCase, id: params.id });
        return caseWithTeamToJson(v.row, v.team, v);
      },
    });

    apiRoute(app, services, {
      method: 'POST',
      path: '/cases/:id/transitions',
      tags: [TAG],
      action: 'api.cases.transition',
      operation: 'write',
      summary: 'Перевести випадок до наступного статусу (закриття й повторне відкриття — з причиною)',
      params: caseParams,
      body: caseTransitionBody,
      response: caseJson,
      errors: {
        409: 'Такого переходу немає з поточного статусу, випадок змінено (інша версія), план не погоджено (→ active) або закриття без погодження супервізора (→ closed)',
      },
      handler: async ({ params, body, describe, useCase }) => {
        await changeCaseStatus({ ...useCase, id: params.id, ...body });
        describe({ entityType: 'case', entityId: params.id, fields: ['status'] });
        const v = await viewCase({ ...useCase, id: params.id });
        return caseWithTeamToJson(v.row, v.team, v);
      },
    });

    apiRoute(app, services, {
      method: 'POST',
      path: '/referrals',
      status: 201,
      tags: [REFERRALS],
      action: 'api.referrals.create',
      operation: 'write',
      summary:
        'Направити випадок або потребу в послузі до установи чи працівника, або передати ведення: зі згодою особи, за підставою закону чи рішенням керівника',
      body: referralBody,
      response: referralJson,
      errors: {
        404: 'Випадку немає або він поза командою (обмежений доступ)',
        409: 'Випадок закрито',
      },
      handler: async ({ body, describe, useCase }) => {
        const { caseId, ...input } = body;
        const id = await sendReferral({ ...useCase, id: caseId, input });
        describe({ entityType: 'case', entityId: caseId, fields: ['referrals', ...input.sections] });
        return referralToJson((await viewReferral({ ...useCase, id })).row);
      },
    });

    apiRoute(app, services, {
      method: 'POST',
      path: '/referrals/:id/decision',
      tags: [REFERRALS],
      action: 'api.referrals.decide',
      operation: 'write',
      summary: 'Відповісти на направлення: прийняти або відхилити з причиною (лише отримувач)',
      params: referralParams,
      body: referralDecisionBody,
      response: referralJson,
      errors: {
        404: 'Направлення немає',
        409: 'На направлення вже відповіли, або випадок закрито',
      },
      handler: async ({ params, body, describe, useCase }) => {
        await decideReferral({ ...useCase, id: params.id, ...body });
        const r = (await viewReferral({ ...useCase, id: params.id })).row;
        describe({ entityType: 'case', entityId: r.case_id, fields: ['referrals'] });
        return referralToJson(r);
      },
    });
    return Promise.resolve();
  };
}
