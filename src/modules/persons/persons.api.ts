import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { apiRoute } from '../api/api-route.js';
import { personFieldsSchema, personInputSchema, personSchema, type PersonJson } from './persons.schema.js';
import { todayIso } from '../../platform/dates.js';
import { updatePerson, type PersonPatch } from './use-cases/update-person.js';
import { containsIdentifier, SEARCH_CAP, type PersonListRow } from './persons.search.js';
import { searchPersons } from './use-cases/search-persons.js';
import { registerPerson } from './use-cases/register-person.js';
import { getPerson } from './use-cases/get-person.js';
import type { CategoryRow, PersonRow } from './persons.queries.js';

const TAG = 'Реєстр осіб';
const idParams = z.object({ id: z.uuid().describe('Ідентифікатор особи') });
const searchFields = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(SEARCH_CAP).default(0),
  birthDate: z.iso.date().optional(),
  birthYear: z.coerce.number().int().min(1900).max(2100).optional(),
  settlementCode: z
    .string()
    .regex(/^UA\d{17}$/)
    .optional(),
  districtId: z.coerce.number().int().positive().optional(),
  category: z.string().max(50).optional(),
};
const listQuery = z.object({
  q: z
    .string()
    .max(200)
    .default('')
    .describe(
      'Ім’я (з помилками, будь-який порядок, кирилиця або латиниця; рік народження в тексті — фільтр за роком). ' +
        'РНОКПП, УНЗР чи номер документа тут не приймаються (400): шукайте за ними через POST /persons/search',
    ),
  ...searchFields,
});
const searchBody = z
  .object({
    q: z
      .string()
      .max(200)
      .default('')
      .describe(
        'Ім’я (з помилками, будь-який порядок, кирилиця або латиниця; рік народження в тексті — фільтр за роком), РНОКПП, УНЗР або номер документа',
      ),
    ...searchFields,
  })
  .describe('Запит і фільтри пошуку в тілі, щоб ідентифікатори не потрапляли в адресу запиту й журнали проксі');
const listResponse = z.object({
  items: z.array(personSchema),
  total: z.number().int().describe('Скільки знайдено (не більше ліміту підрахунку)'),
  capped: z.boolean().describe('Знайдено більше, ніж підраховано: уточніть пошук'),
});
const OPTIONAL_FIELDS = [
  'patronymic',
  'birthDate',
  'sex',
  'rnokpp',
  'rnokppAbsence',
  'unzr',
  'phone',
  'email',
  'settlementCode',
  'street',
  'house',
  'apartment',
  'deathDate',
] as const;
const patchBody = personFieldsSchema
  .partial()
  .extend({
    version: z.number().int().positive().optional().describe('Версія, яку бачив клієнт; інша поточна версія → 409'),
    confirm: z.boolean().optional().describe('Підтвердити попри попередження'),
  })
  .describe('Змінювані поля; порожній рядок у необов’язковому полі очищає його');
const createBody = personInputSchema.and(
  z.object({
    confirm: z.boolean().optional().describe('Підтвердити попри попередження (невідповідність РНОКПП, схожі особи)'),
  }),
);

/** Codes of the categories in force today. */
const activeCategoryCodes = (cats: CategoryRow[]) => {
  const today = todayIso();
  return cats
    .filter((k) => !k.ended_at && (!k.valid_to || k.valid_to >= today) && (!k.valid_from || k.valid_from <= today))
    .map((k) => k.code);
};

/** The body's fields as sent: an empty text clears an optional field (the schema turns it into absent). */
const rawFields = z.record(z.string(), z.unknown()).catch({});

const toJson = (p: PersonListRow | PersonRow, categories: string[]): PersonJson => ({
  id: p.id,
  lastName: p.last_name,
  firstName: p.first_name,
  patronymic: p.patronymic,
  birthDate: p.birth_date,
  sex: p.sex,
  rnokpp: p.rnokpp_mask,
  unzr: p.unzr_mask,
  settlementCode: p.reg_settlement_code,
  contactsHidden: p.contacts_hidden,
  categories,
  ...('version' in p ? { version: p.version } : {}),
});

/** /api/v1/persons: the same search, validation, scopes and audit as the registry's pages. */
export function personsApi(services: Services) {
  return (app: FastifyInstance) => {
    apiRoute(app, services, {
      method: 'GET',
      path: '/persons',
      tags: [TAG],
      action: 'api.persons.search',
      operation: 'read',
      summary:
        'Пошук осіб за іменем (з помилками) і фільтрами; за релевантністю. Ідентифікатори — лише через POST /persons/search',
      query: listQuery,
      response: listResponse,
      errors: {
        400: 'У q — РНОКПП, УНЗР чи номер документа: їх не можна передавати в адресі, лише в тілі POST /persons/search',
      },
      handler: async ({ query, useCase, asCallEntry }) => {
        const { q, limit, offset, ...filters } = query;
        // An identifier in the URL would stay in every proxy's access log: refused, pointing to the POST.
        if (containsIdentifier(q)) throw new AppError('bad_request', { messageKey: 'persons.api.identifierInUrl' });
        // One audit entry for the call: the search's own (kind of search, filters, how many found).
        const page = await searchPersons({ ...useCase, q, filters, limit, offset, audit: asCallEntry });
        return { items: page.items.map((i) => toJson(i, i.categories)), total: page.total, capped: page.capped };
      },
    });

    apiRoute(app, services, {
      method: 'POST',
      path: '/persons/search',
      tags: [TAG],
      action: 'api.persons.search',
      operation: 'read',
      summary: 'Пошук осіб за іменем (з помилками), РНОКПП, УНЗР або номером документа; запит і фільтри — у тілі',
      body: searchBody,
      response: listResponse,
      handler: async ({ body, useCase, asCallEntry }) => {
        const { q, limit, offset, ...filters } = body;
        // One audit entry for the call: the search's own (kind of search, filters, how many found).
        const page = await searchPersons({ ...useCase, q, filters, limit, offset, audit: asCallEntry });
        return { items: page.items.map((i) => toJson(i, i.categories)), total: page.total, capped: page.capped };
      },
    });

    apiRoute(app, services, {
      method: 'POST',
      path: '/persons',
      tags: [TAG],
      action: 'api.persons.create',
      operation: 'write',
      status: 201,
      summary: 'Зареєструвати особу (409 з existingId, якщо РНОКПП уже є; 409 needs_confirmation з попередженнями)',
      body: createBody,
      response: personSchema,
      errors: {
        409:
          'РНОКПП чи УНЗР уже зареєстровано в громаді (existingId — лише коли запис у межах доступу токена), ' +
          'або потрібне підтвердження (needsConfirmation: невідповідність РНОКПП, схожі особи)',
      },
      handler: async ({ body, describe, useCase }) => {
        const { confirm, ...input } = body;
        const result = await registerPerson({ ...useCase, input, confirm });
        if (result.kind === 'needs_confirmation') {
          throw new AppError('conflict', {
            messageKey: 'persons.v.needsConfirmation',
            details: {
              needsConfirmation: true,
              mismatches: result.mismatches,
              similar: result.similar.map((s) => s.id),
              similarBeyondReach: result.similarBeyondReach,
            },
          });
        }
        describe({ entityType: 'person', entityId: result.id });
        const { person, categories } = await getPerson({ ...useCase, id: result.id, action: 'person.view.api' });
        return toJson(person, activeCategoryCodes(categories));
      },
    });

    apiRoute(app, services, {
      method: 'PATCH',
      path: '/persons/:id',
      tags: [TAG],
      action: 'api.persons.update',
      operation: 'write',
      summary: 'Змінити дані особи (ті самі перевірки, що й при реєстрації; 409 при застарілій версії)',
      params: idParams,
      body: patchBody,
      response: personSchema,
      errors: {
        404: 'Особи немає в громаді токена',
        409:
          'Застаріла версія (version), РНОКПП чи УНЗР уже має інший запис, ' +
          'запис об’єднано з іншим або потрібне підтвердження (needsConfirmation)',
      },
      handler: async ({ req, params, body, describe, useCase }) => {
        const { version, confirm, ...fields } = body;
        const raw = rawFields.parse(req.body ?? {});
        const patch: PersonPatch = { ...fields };
        for (const k of OPTIONAL_FIELDS) if (raw[k] === '') patch[k] = null;
        const result = await updatePerson({ ...useCase, id: params.id, patch, version, confirm });
        if (result.kind === 'needs_confirmation') {
          throw new AppError('conflict', {
            messageKey: 'persons.v.needsConfirmation',
            details: {
              needsConfirmation: true,
              mismatches: result.mismatches,
              similar: result.similar.map((s) => s.id),
              similarBeyondReach: result.similarBeyondReach,
            },
          });
        }
        describe({ entityType: 'person', entityId: params.id, fields: result.changed });
        const { person, categories } = await getPerson({ ...useCase, id: params.id, action: 'person.view.api' });
        return toJson(person, activeCategoryCodes(categories));
      },
    });

    apiRoute(app, services, {
      method: 'GET',
      path: '/persons/:id',
      tags: [TAG],
      action: 'api.persons.get',
      operation: 'read',
      summary: 'Картка особи (ідентифікатори масковані)',
      params: idParams,
      response: personSchema,
      errors: { 404: 'Особи немає в громаді токена' },
      handler: async ({ params, describe, useCase }) => {
        describe({ entityType: 'person', entityId: params.id });
        const { person, categories } = await getPerson({ ...useCase, id: params.id });
        return toJson(person, activeCategoryCodes(categories));
      },
    });
    return Promise.resolve();
  };
}
