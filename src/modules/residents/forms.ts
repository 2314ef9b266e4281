import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../platform/passwords.js';

export interface FormErrors {
  /** For the layout's error summary. */
  errorSummary: { text: string; href: string }[];
  /** For the govuk macros' `errorMessage`, by field name. */
  fieldErrors: Record<string, { text: string }>;
}

/** The named fields of a posted form as strings (repeated names: the first one; absent: ''). */
export function formFields<K extends string>(body: unknown, names: readonly K[]): Record<K, string> {
  const src = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const out = {} as Record<K, string>;
  for (const n of names) {
    const v = src[n];
    const first = Array.isArray(v) ? v[0] : v;
    out[n] = typeof first === 'string' ? first : '';
  }
  return out;
}

/**
 * Turns zod issues (whose messages are i18n keys) into the error summary and field errors:
 * the first issue per field, in the order the fields appear on the form (`order`).
 */
export function formErrors(error: z.ZodError, t: TFunction, order: readonly string[] = []): FormErrors {
  const errorSummary: FormErrors['errorSummary'] = [];
  const fieldErrors: FormErrors['fieldErrors'] = {};
  const rank = (p: PropertyKey | undefined) => {
    const i = order.indexOf(String(p));
    return i === -1 ? order.length : i;
  };
  const issues = [...error.issues].sort((a, b) => rank(a.path[0]) - rank(b.path[0]));
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    if (fieldErrors[field]) continue;
    const text = t(issue.message, { min: PASSWORD_MIN, max: PASSWORD_MAX });
    fieldErrors[field] = { text };
    errorSummary.push({ text, href: `#${field}` });
  }
  return { errorSummary, fieldErrors };
}

/** A single form-level error pointing at one field. */
export function singleError(field: string, text: string): FormErrors {
  return { errorSummary: [{ text, href: `#${field}` }], fieldErrors: { [field]: { text } } };
}
