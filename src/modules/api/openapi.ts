import { z } from 'zod';
import { API_PREFIX, apiErrorSchema, validationErrorSchema, type ApiRouteDoc } from '../../platform/api-registry.js';

/**
 * The OpenAPI 3.1 document, generated from the zod schemas the routes validate with
 * (`z.toJSONSchema`, JSON Schema 2020-12 = OpenAPI 3.1's dialect), from our own route
 * registry instead of @fastify/swagger (decision 0012).
 */
export const API_VERSION = '1.0.0';

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query' | 'header'): Json[] {
  if (!schema) return [];
  const s = jsonSchema(schema, 'input');
  const props = (s.properties ?? {}) as Record<string, Json>;
  const required = new Set((s.required ?? []) as string[]);
  return Object.entries(props).map(([name, p]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: p,
    ...(typeof p.description === 'string' ? { description: p.description } : {}),
  }));
}

/** Why a route with a record in its path answers 404, unless the route says it more precisely. */
const NOT_FOUND = 'Запису немає в громаді токена (або ідентифікатор чужої громади)';

/**
 * Every status the route can answer, each with the error schema: 400 for any input (field errors,
 * malformed JSON, or the route's own refusal), 401/403 for token routes, 404 for a record in the path,
 * the route's own (404, 409, 422), 413/415 for a body (413 also for any method but GET), 429 and 500 for all. A test
 * (tests/integration/openapi-statuses.test.ts) calls the routes and checks every real answer is listed here.
 */
function operation(r: ApiRouteDoc): Json {
  const status = String(r.status ?? 200);
  const responses: Json = {
    [status]: {
      description: r.summary,
      content: { [r.contentType ?? 'application/json']: { schema: jsonSchema(r.response, 'output') } },
    },
  };
  const { 400: own400, ...own } = r.errors ?? {};
  if (r.params || r.query || r.headers || r.body) {
    responses['400'] = own400
      ? { ...VALIDATION_ERROR, description: `${VALIDATION_ERROR.description}; ${own400}` }
      : ref('ValidationError');
  } else if (own400) responses['400'] = errorResponse(own400);
  if (!r.public) Object.assign(responses, { 401: ref('Unauthenticated'), 403: ref('Forbidden') });
  if (r.params && !r.public) responses['404'] = errorResponse(NOT_FOUND);
  for (const [code, description] of Object.entries(own)) responses[code] = errorResponse(description);
  if (r.body) Object.assign(responses, { 413: ref('PayloadTooLarge'), 415: ref('UnsupportedMediaType') });
  // A body sent with any other method but GET is still read up to the limit (a DELETE with a large body: 413).
  else if (r.method !== 'GET') responses['413'] = ref('PayloadTooLarge');
  Object.assign(responses, { 429: ref('RateLimited'), 500: ref('InternalError') });
  return {
    operationId: `${r.method.toLowerCase()}${r.url
      .slice(API_PREFIX.length)
      .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    ...(r.tags ? { tags: r.tags } : {}),
    ...(r.public ? { security: [] } : {}),
    parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query'), ...parameters(r.headers, 'header')],
    ...(r.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } }
      : {}),
    responses,
  };
}

const VALIDATION_ERROR = {
  description: 'Дані запиту не пройшли перевірку (поле errors) або тіло — неправильний JSON',
  content: {
    'application/json': {
      schema: { anyOf: [{ $ref: '#/components/schemas/ValidationError' }, { $ref: '#/components/schemas/ApiError' }] },
    },
  },
};

const errorResponse = (description: string, schema = 'ApiError') => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
});

export function buildOpenApi(routes: ApiRouteDoc[]): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const p = r.url.slice(API_PREFIX.length).replace(/:([A-Za-z0-9_]+)/g, '{$1}') || '/';
    paths[p] = { ...paths[p], [r.method.toLowerCase()]: operation(r) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Турбота API',
      version: API_VERSION,
      description:
        'JSON API платформи соціального захисту громади. Кожен запит — у межах громади токена; ' +
        'кожне звернення записується в журнал аудиту. Повідомлення про помилки — українською ' +
        '(англійською з заголовком Accept-Language: en).',
    },
    servers: [{ url: API_PREFIX }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'API-токен, створений адміністратором громади на сторінці /admin/api-tokens',
        },
      },
      schemas: {
        ApiError: jsonSchema(apiErrorSchema, 'output'),
        ValidationError: jsonSchema(validationErrorSchema, 'output'),
      },
      responses: {
        ValidationError: VALIDATION_ERROR,
        Unauthenticated: errorResponse('Немає дійсного токена (заголовок WWW-Authenticate: Bearer)'),
        Forbidden: errorResponse('Токен не дає права на цю дію'),
        PayloadTooLarge: errorResponse('Тіло запиту завелике'),
        UnsupportedMediaType: errorResponse('Тіло запиту має бути application/json'),
        RateLimited: errorResponse('Забагато запитів з цим токеном; зачекайте'),
        InternalError: errorResponse('Внутрішня помилка'),
      },
    },
  };
}
