import { z } from 'zod';
import type { TFunction } from 'i18next';
import { AppError } from './errors.js';
import { isMessageKey } from './i18n.js';

/**
 * The JSON API's shared vocabulary: where it lives, how its errors look, how request
 * input is validated (with Ukrainian messages), and the registry of declared routes
 * from which the OpenAPI document is generated. Routes are mounted with `apiRoute()`
 * of the api module (src/modules/api/api-route.ts), which records them here.
 */
export const API_PREFIX = '/api/v1';

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Код помилки: unauthenticated, forbidden, not_found, validation, rate_limited …'),
      message: z.string().describe('Пояснення українською (англійською, якщо Accept-Language: en)'),
    }),
    requestId: z.string().describe('Код запиту для звернення до підтримки'),
  })
  .describe('Помилка');

export const fieldErrorSchema = z.object({
  path: z.string().describe('Шлях до поля через крапку, напр. "address.street"; порожній — увесь запит'),
  message: z.string().describe('Що не так із полем, українською'),
});

export const validationErrorSchema = z
  .object({
    error: z.object({ code: z.literal('validation'), message: z.string() }),
    errors: z.array(fieldErrorSchema).describe('Помилки окремих полів'),
    requestId: z.string(),
  })
  .describe('Помилка перевірки даних запиту (400)');

export type FieldError = z.infer<typeof fieldErrorSchema>;

/** Bad input of an API request; answered with 400 and `{ errors: [{ path, message }] }`. */
export class ApiValidationError extends AppError {
  readonly errors: FieldError[];
  constructor(errors: FieldError[]) {
    super('validation', { details: { errors } });
    this.errors = errors;
  }
}

const TYPE_NAMES = new Set(['string', 'number', 'int', 'boolean', 'array', 'object', 'date', 'null']);
const FORMATS = new Set(['email', 'uuid', 'url', 'date', 'datetime', 'time', 'regex']);

/** A zod error map giving Ukrainian (or English) texts for the common issue codes. */
export function localizedErrorMap(t: TFunction): z.core.$ZodErrorMap {
  return (iss) => {
    if (iss.input === undefined && (iss.code === 'invalid_type' || iss.code === 'invalid_value')) {
      return t('api.validation.required');
    }
    switch (iss.code) {
      case 'invalid_type':
        return t('api.validation.type', {
          expected: TYPE_NAMES.has(iss.expected) ? t(`api.validation.types.${iss.expected}`) : iss.expected,
        });
      case 'too_small': {
        const count = Number(iss.minimum);
        if (iss.origin === 'string') {
          return count === 1 ? t('api.validation.required') : t('api.validation.tooShort', { count });
        }
        if (iss.origin === 'array' || iss.origin === 'set') return t('api.validation.tooFewItems', { count });
        return t(iss.inclusive === false ? 'api.validation.greaterThan' : 'api.validation.min', {
          min: String(iss.minimum),
        });
      }
      case 'too_big': {
        const count = Number(iss.maximum);
        if (iss.origin === 'string') return t('api.validation.tooLong', { count });
        if (iss.origin === 'array' || iss.origin === 'set') return t('api.validation.tooManyItems', { count });
        return t(iss.inclusive === false ? 'api.validation.lessThan' : 'api.validation.max', {
          max: String(iss.maximum),
        });
      }
      case 'invalid_format':
        return FORMATS.has(iss.format) ? t(`api.validation.formats.${iss.format}`) : t('api.validation.format');
      case 'invalid_value':
        return t('api.validation.oneOf', { values: iss.values.map((v) => JSON.stringify(v)).join(', ') });
      case 'unrecognized_keys':
        return t('api.validation.unknownKeys', { keys: iss.keys.join(', ') });
      case 'not_multiple_of':
        return t('api.validation.multipleOf', { divisor: String(iss.divisor) });
      default:
        return t('api.validation.invalid');
    }
  };
}

export const toFieldErrors = (issues: readonly z.core.$ZodIssue[]): FieldError[] =>
  issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));

export type Validated<T> = { success: true; data: T } | { success: false; errors: FieldError[] };

/** Validates with localized messages; messages written into a schema (`z.string({ error: '…' })`) win. */
export function validate<S extends z.ZodType>(schema: S, data: unknown, t: TFunction): Validated<z.output<S>> {
  const r = schema.safeParse(data, { error: localizedErrorMap(t) });
  if (r.success) return { success: true, data: r.data };
  // Schemas may give i18n keys as custom messages; they are translated here.
  const errors = toFieldErrors(r.error.issues).map((e) =>
    isMessageKey(e.message) ? { ...e, message: t(e.message) } : e,
  );
  return { success: false, errors };
}

/** Validates a request's body, query or params; throws `ApiValidationError` (→ 400) on failure. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, t: TFunction): z.output<S> {
  const r = validate(schema, data, t);
  if (!r.success) throw new ApiValidationError(r.errors);
  return r.data;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the OpenAPI document needs to know about one route. */
export interface ApiRouteDoc {
  method: HttpMethod;
  /** Full URL in Fastify syntax, e.g. `/api/v1/persons/:id`. */
  url: string;
  summary: string;
  description?: string;
  tags?: string[];
  /** True when the route needs no bearer token. */
  public?: boolean;
  params?: z.ZodType;
  query?: z.ZodType;
  /** Request headers the route reads: an object schema whose keys are the header names (e.g. `Idempotency-Key`). */
  headers?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** Error answers the route gives besides the common ones, by status (e.g. `{ 404: '…', 409: '…' }`). */
  errors?: Partial<Record<400 | 404 | 409 | 422, string>>;
  /** Success status (200 unless given). */
  status?: number;
  /** Non-JSON success body (e.g. the OpenAPI document itself); `response` then describes it anyway. */
  contentType?: string;
}

const routes = new Map<string, ApiRouteDoc>();

/** Records a mounted route (idempotent per method and URL, so several app instances may mount it). */
export function recordApiRoute(doc: ApiRouteDoc): void {
  if (doc.url !== API_PREFIX && !doc.url.startsWith(`${API_PREFIX}/`)) {
    throw new Error(`API route ${doc.method} ${doc.url} must be registered under ${API_PREFIX}`);
  }
  routes.set(`${doc.method} ${doc.url}`, doc);
}

export function listApiRoutes(): ApiRouteDoc[] {
  return [...routes.values()].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
}
