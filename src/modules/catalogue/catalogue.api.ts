import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { apiRoute } from '../api/api-route.js';
import { CHANNELS, COSTS, DOCUMENT_KINDS } from './catalogue.schema.js';
import { serviceToJson } from './catalogue.presenter.js';
import { searchServices } from './use-cases/search-services.js';
import { getService } from './use-cases/get-service.js';

const TAG = 'Каталог послуг';

export const serviceJson = z
  .object({
    id: z.uuid(),
    code: z.string().nullable().describe('Код за класифікатором соціальних послуг (наказ Мінсоцполітики №429), якщо є'),
    name: z.string().describe('Назва послуги українською'),
    nameEn: z.string().nullable(),
    description: z.string().nullable().describe('Опис простою мовою'),
    recipients: z.string().nullable().describe('Хто може отримати'),
    conditions: z.string().nullable(),
    eligibleCategories: z.array(z.string()).describe('Коди категорій реєстру; порожній — для всіх'),
    minAge: z.number().int().nullable(),
    maxAge: z.number().int().nullable(),
    maxProcessingDays: z.number().int().describe('Найбільший строк ухвалення рішення, робочих днів'),
    crisis: z.boolean().describe('Кризова / екстрена послуга: рішення не пізніше ніж через 1 день'),
    requiredDocuments: z.array(
      z.object({
        name: z.string(),
        obtainedByOffice: z.boolean().describe('Орган отримує сам із реєстрів — у заявника не вимагають'),
        required: z.boolean().describe('Заявник має подати документ (kind = required)'),
        kind: z
          .enum(DOCUMENT_KINDS)
          .describe(
            'required — обов’язковий, optional — за наявності, office_fills — заповнюємо разом із заявником в установі (онлайн не вимагається)',
          ),
      }),
    ),
    paid: z.enum(COSTS).describe('free — безоплатно, paid — платно, differentiated — з диференційованою платою'),
    tariff: z.string().nullable(),
    channels: z.array(z.enum(CHANNELS)).describe('Де звернутися: online, front_office (ЦНАП / фронт-офіс), starosta'),
    legalBasis: z.string().nullable(),
    providers: z.array(z.object({ id: z.number().int(), name: z.string() })),
    steps: z
      .array(
        z.object({
          position: z.number().int(),
          title: z.string(),
          responsibleRole: z.string().nullable(),
          timeLimitDays: z.number().int().nullable(),
        }),
      )
      .describe('Технологічна картка: етапи по порядку'),
    version: z.number().int(),
    updatedAt: z.string().describe('Час останньої зміни картки (ISO 8601)'),
  })
  .describe('Послуга каталогу');

const listQuery = z.object({
  q: z.string().trim().max(200).optional().describe('Пошук у назві, описі або за кодом'),
  category: z.string().max(50).optional().describe('Код категорії реєстру (напр. idp): послуги для неї та для всіх'),
  situation: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional()
    .describe('Життєва ситуація (slug, напр. narodzhennia-dytyny)'),
});
const idParams = z.object({ id: z.uuid().describe('Ідентифікатор послуги') });

/** /api/v1/services: the hromada's active catalogue for any staff token. */
export function catalogueApi(services: Services) {
  return function (app: FastifyInstance) {
    apiRoute(app, services, {
      method: 'GET',
      path: '/services',
      tags: [TAG],
      action: 'api.services.list',
      operation: 'read',
      summary: 'Чинні послуги каталогу громади (пошук і фільтри)',
      query: listQuery,
      response: z.object({ items: z.array(serviceJson) }),
      handler: async ({ actor, query, describe, useCase }) => {
        authorize(actor, 'catalogue.read');
        describe({ entityType: 'service' });
        return { items: (await searchServices({ ...useCase, filters: query })).map(serviceToJson) };
      },
    });

    apiRoute(app, services, {
      method: 'GET',
      path: '/services/:id',
      tags: [TAG],
      action: 'api.services.get',
      operation: 'read',
      summary: 'Картка послуги: документи, вартість, строки, надавачі, технологічна картка',
      params: idParams,
      response: serviceJson,
      handler: async ({ actor, params, describe, useCase }) => {
        authorize(actor, 'catalogue.read');
        describe({ entityType: 'service', entityId: params.id });
        return serviceToJson(await getService({ ...useCase, id: params.id }));
      },
    });
    return Promise.resolve();
  };
}
