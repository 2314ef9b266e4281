import { isMessageKey } from '../../platform/i18n.js';
import type { TFunction } from 'i18next';
import type { z } from 'zod';

export interface FieldError { text: string }
export interface FormErrors {
  errorSummary: { text: string; href: string }[];
  errors: Record<string, FieldError>;
}

/** A validation problem of one field: the field name (= element id) and an i18n key. */
export interface Problem { field: string; key: string; params?: Record<string, unknown> }

/** Thrown by use-cases when input is well-formed but not acceptable (e.g. a taken username). */
export class FormProblem extends Error {
  constructor(readonly problems: Problem[]) {
    super('form');
  }
}

/** Turns problems into the govuk error summary (links to #field) and field-level messages. */
export function toFormErrors(t: TFunction, problems: Problem[]): FormErrors {
  const errors: Record<string, FieldError> = {};
  const errorSummary: FormErrors['errorSummary'] = [];
  for (const p of problems) {
    if (errors[p.field]) continue;
    const text = t(p.key, p.params ?? {});
    errors[p.field] = { text };
    errorSummary.push({ text, href: `#${p.field}` });
  }
  return { errorSummary, errors };
}

/** zod issues → problems. Schemas put an i18n key in `error`; a missing field reads as "required". */
export function zodProblems(error: z.ZodError): Problem[] {
  return error.issues.map((i) => {
    const field = String(i.path[0] ?? 'form');
    // Too long: say how long it may be (unless the schema's own message already does).
    if (i.code === 'too_big' && i.origin === 'string' && (!isMessageKey(i.message) || i.message.endsWith('.tooLong'))) {
      return { field, key: 'validation.tooLong', params: { max: Number(i.maximum) } };
    }
    const key = i.code === 'invalid_type' ? 'validation.required'
      : isMessageKey(i.message) ? i.message : 'validation.invalid';
    return { field, key };
  });
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
