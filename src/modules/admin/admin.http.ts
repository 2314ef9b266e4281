import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { FormProblem, toFormErrors, zodProblems, type FormErrors, type Problem } from './form.js';

/** Route parameters that do not parse (a malformed id) are simply not found. */
export function params<S extends z.ZodType>(schema: S, req: FastifyRequest): z.infer<S> {
  const r = schema.safeParse(req.params);
  if (!r.success) throw new AppError('not_found');
  return r.data;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; problems: Problem[] };

export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const r = schema.safeParse(body ?? {});
  return r.success ? { ok: true, data: r.data } : { ok: false, problems: zodProblems(r.error) };
}

/**
 * Runs a use-case; when it refuses the input with a `FormProblem`, calls `rerender`
 * with the form errors (the page is shown again with status 400).
 */
export async function orRerender<T>(
  req: FastifyRequest, run: () => Promise<T>, rerender: (errors: FormErrors) => Promise<FastifyReply>,
): Promise<{ done: true; value: T } | { done: false; reply: FastifyReply }> {
  try {
    return { done: true, value: await run() };
  } catch (e) {
    if (e instanceof FormProblem) return { done: false, reply: await rerender(toFormErrors(req.t, e.problems)) };
    throw e;
  }
}

/** Pages that show a one-time secret must not be kept by the browser or a proxy. */
export function noStore(reply: FastifyReply) {
  reply.header('cache-control', 'no-store');
  reply.header('pragma', 'no-cache');
}

/** Values of a submitted form to put back into inputs (strings only). */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf' && k !== 'password') out[k] = v;
  }
  return out;
}
