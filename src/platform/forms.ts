/**
 * The one form path. A route parses its body, query or params with a zod schema kept beside it;
 * bad input comes back as `Problem`s, a use-case refuses acceptable-looking input by throwing
 * `ValidationError`; either way the page is shown again with status 400, its error summary
 * (each line links to its field) and the field messages, built by `formErrors`.
 *
 *   const form = parseBody(req, renameSchema);
 *   if (!form.ok) return showForm(reply, 400, formErrors(req.t, form.problems), formValues(req.body));
 *   const done = await orRerender(req, () => renameThing({ ...useCase(req, services), input: form.data }),
 *     (errors) => showForm(reply, 400, errors, formValues(req.body)));
 *   if (!done.done) return done.reply;
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { AppError, ValidationError, type Problem } from './errors.js';
import { isMessageKey } from './i18n.js';
import { displayDate, isIsoDate, kyivToday, parseDisplayDate } from './dates.js';

export type { Problem } from './errors.js';

/** What a page template gets: the layout's error summary and each field's message by field name. */
export interface FormErrors {
  errorSummary: { text: string; href: string }[];
  errors: Record<string, { text: string }>;
}
export const NO_ERRORS: FormErrors = { errorSummary: [], errors: {} };

/**
 * Problems → the error summary (links to `#field`, or the problem's own `href`) and field messages; the first problem
 * per field wins. `order` lists the form's fields as they appear, so the summary follows the page (others go last).
 */
export function formErrors(t: TFunction, problems: Problem[], o: { order?: readonly string[] } = {}): FormErrors {
  const out: FormErrors = { errorSummary: [], errors: {} };
  const order = o.order ?? [];
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  const sorted = order.length ? [...problems].sort((a, b) => rank(a.field) - rank(b.field)) : problems;
  for (const p of sorted) {
    if (out.errors[p.field]) continue;
    const text = t(p.key, p.params ?? {});
    out.errors[p.field] = { text };
    out.errorSummary.push({ text, href: p.href ?? `#${p.field}` });
  }
  return out;
}

/** A single problem shown as form errors (e.g. a refusal that names one field). */
export const oneError = (t: TFunction, field: string, key: string, params?: Record<string, unknown>) =>
  formErrors(t, [{ field, key, params }]);

/**
 * zod issues → problems. Schemas put an i18n key in their messages; a missing field reads as
 * "required", a too-long text says how long it may be, anything else "invalid".
 * `href` places a field's summary link elsewhere (a date input links to its day box).
 */
export function zodProblems(error: z.ZodError, href?: (field: string) => string | undefined): Problem[] {
  return error.issues.map((i) => {
    const field = String(i.path[0] ?? 'form');
    const at = href?.(field);
    const withHref = (p: Problem): Problem => (at ? { ...p, href: at } : p);
    if (i.code === 'too_big' && i.origin === 'string' && (!isMessageKey(i.message) || i.message.endsWith('.tooLong'))) {
      return withHref({ field, key: 'validation.tooLong', params: { max: Number(i.maximum) } });
    }
    const key =
      i.code === 'invalid_type' ? 'validation.required' : isMessageKey(i.message) ? i.message : 'validation.invalid';
    return withHref({ field, key });
  });
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; problems: Problem[] };

/** Any value against a schema, as problems rather than an exception. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  href?: (field: string) => string | undefined,
): Parsed<z.infer<S>> {
  const r = schema.safeParse(value ?? {});
  return r.success ? { ok: true, data: r.data } : { ok: false, problems: zodProblems(r.error, href) };
}

/** The posted form (urlencoded or multipart fields) against its schema. */
export const parseBody = <S extends z.ZodType>(
  req: FastifyRequest,
  schema: S,
  href?: (field: string) => string | undefined,
) => parseWith(schema, req.body, href);

/** The query string against its schema. */
export const parseQuery = <S extends z.ZodType>(req: FastifyRequest, schema: S) => parseWith(schema, req.query);

/** Route parameters that do not parse (a malformed id) are simply not found. */
export function parseParams<S extends z.ZodType>(req: FastifyRequest, schema: S): z.infer<S> {
  const r = schema.safeParse(req.params);
  if (!r.success) throw new AppError('not_found');
  return r.data;
}

/**
 * Runs a use-case; when it refuses the input with a `ValidationError`, calls `rerender` with the
 * form errors (the page is shown again, status 400, with what the user typed).
 */
export async function orRerender<T>(
  req: FastifyRequest,
  run: () => Promise<T>,
  rerender: (errors: FormErrors, problems: Problem[]) => Promise<FastifyReply> | FastifyReply,
): Promise<{ done: true; value: T } | { done: false; reply: FastifyReply }> {
  try {
    return { done: true, value: await run() };
  } catch (e) {
    if (e instanceof ValidationError)
      return { done: false, reply: await rerender(formErrors(req.t, e.problems), e.problems) };
    throw e;
  }
}

/** One value of a urlencoded field (a repeated name gives an array; keep the first). */
export function single(v: unknown): string {
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : '';
  return typeof v === 'string' ? v : '';
}

/** All values of a repeated field (checkboxes). */
export function many(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

/** zod field types for posted forms: a text field (first value, trimmed), an optional one ('' → undefined), checkboxes. */
export const field = {
  text: () => z.preprocess((v) => single(v).trim(), z.string()),
  optional: () => z.preprocess((v) => single(v).trim() || undefined, z.string().optional()),
  many: () => z.preprocess((v) => many(v), z.array(z.string())),
  checkbox: () => z.preprocess((v) => single(v) !== '', z.boolean()),
};

/** A date in a page's query (`?date=2026-12-07`): ISO, else ignored (the page shows its default). */
export const queryDate = () =>
  z
    .string()
    .refine((d) => isIsoDate(d))
    .optional()
    .catch(undefined);

/**
 * A report's period from its filter (GET `from` and `to`): dates as people type them (дд.мм.рррр) or as links carry
 * them (РРРР-ММ-ДД); an empty one takes its default (`to` today, `from` from `to`). A date that is no real date, or a
 * start after the end, is its field's problem, and the default period is shown with it. `values` are what the inputs
 * show: the dates of the period shown, or what was typed when it was refused.
 */
export function reportPeriod(query: unknown, defaultFrom: (to: string) => string) {
  const q = (query ?? {}) as Record<string, unknown>;
  const problems: Problem[] = [];
  const read = (name: 'from' | 'to') => {
    const typed = single(q[name]).trim();
    if (!typed) return undefined;
    const iso = parseDisplayDate(typed) ?? (isIsoDate(typed) ? typed : null);
    if (!iso) problems.push({ field: name, key: 'validation.date' });
    return iso ?? undefined;
  };
  const [typedFrom, typedTo] = [read('from'), read('to')];
  let to = typedTo ?? kyivToday();
  let from = typedFrom ?? defaultFrom(to);
  if (!problems.length && from > to) problems.push({ field: 'from', key: 'validation.period' });
  if (problems.length) {
    to = kyivToday();
    from = defaultFrom(to);
    const values = { from: single(q.from).trim(), to: single(q.to).trim() };
    return { from, to, values, problems };
  }
  return { from, to, values: { from: displayDate(from), to: displayDate(to) }, problems };
}

export type FormValues = Record<string, string>;

/** The posted values to put back into the inputs: strings only, never the CSRF token or a password. */
export function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      const s = single(v);
      if (k !== '_csrf' && !/password/i.test(k) && (typeof v === 'string' || Array.isArray(v))) out[k] = s.trim();
    }
  }
  return out;
}

/**
 * A govuk date input (`<name>-day`, `-month`, `-year`) → ISO date text for the schema to check,
 * `undefined` when all three are empty, or a text the date schema rejects as badly formed.
 */
export function dateFromParts(b: Record<string, unknown>, name: string): string | undefined {
  const d = single(b[`${name}-day`]).trim();
  const m = single(b[`${name}-month`]).trim();
  const y = single(b[`${name}-year`]).trim();
  if (!d && !m && !y) return undefined;
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return 'invalid';
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** ISO date → the three boxes of a date input. */
export function dateToParts(name: string, iso: string | null | undefined): FormValues {
  if (!iso) return {};
  const [y = '', m = '', d = ''] = iso.split('-');
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y };
}

/** The summary link of a date input goes to its day box. */
export const dateHref = (dateFields: readonly string[]) => (f: string) =>
  dateFields.includes(f) ? `#${f}-day` : undefined;
