import type { TFunction } from 'i18next';
import type { FieldErrors } from './auth.schema.js';

export interface FormErrorView {
  errorSummary: { text: string; href: string }[];
  fieldErrors: Record<string, { text: string }>;
}

/** Error summary (linking to each field) and field-level messages from auth.errors keys. */
export function presentErrors(t: TFunction, errors: FieldErrors): FormErrorView {
  const errorSummary: FormErrorView['errorSummary'] = [];
  const fieldErrors: FormErrorView['fieldErrors'] = {};
  for (const [field, key] of Object.entries(errors)) {
    if (!key) continue;
    const text = t(`auth.errors.${key}`);
    errorSummary.push({ text, href: `#${field}` });
    fieldErrors[field] = { text };
  }
  return { errorSummary, fieldErrors };
}
