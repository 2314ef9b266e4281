/**
 * Kept for modules not yet moved to the one form path (`platform/forms.ts`) and `noStore`
 * (`platform/http.ts`); the admin module itself no longer uses it. The lead deletes it after issue 10's merge.
 */
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { parseParams, parseWith, type Parsed } from '../../platform/forms.js';

export { orRerender } from '../../platform/forms.js';
export { noStore } from '../../platform/http.js';

/** Route parameters that do not parse (a malformed id) are simply not found. */
export const params = <S extends z.ZodType>(schema: S, req: FastifyRequest): z.infer<S> => parseParams(req, schema);

export type FormResult<T> = Parsed<T>;

export const parseForm = <S extends z.ZodType>(schema: S, body: unknown) => parseWith(schema, body);

/** Values of a submitted form to put back into inputs (strings only). */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf' && k !== 'password') out[k] = v;
  }
  return out;
}
