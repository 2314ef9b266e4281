import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { issueText } from '../persons/persons.schema.js';

export interface FormErrors {
  errorSummary: { text: string; href: string }[];
  errors: Record<string, { text: string }>;
}
export const NO_ERRORS: FormErrors = { errorSummary: [], errors: {} };

/** A field's problem: the field name, its element id (the summary links to it) and the text. */
export interface FieldProblem { field: string; text: string; href?: string }

export function formErrors(problems: FieldProblem[]): FormErrors {
  const out: FormErrors = { errorSummary: [], errors: {} };
  for (const p of problems) {
    if (out.errors[p.field]) continue;
    out.errors[p.field] = { text: p.text };
    out.errorSummary.push({ text: p.text, href: p.href ?? `#${p.field}` });
  }
  return out;
}

/** Fields entered as govuk date inputs: the summary links to the day box. */
const DATE_FIELDS = new Set(['birthDate', 'deathDate', 'validFrom', 'validTo', 'givenOn']);
export const fieldHref = (field: string) => (DATE_FIELDS.has(field) ? `#${field}-day` : field === 'sex' ? '#sex' : `#${field}`);

/** zod issues (messages are i18n keys or `identity.<code>`) → texts in the user's language. */
export function zodFormErrors(error: z.ZodError, t: TFunction, locale: string): FormErrors {
  return formErrors(zodProblems(error, t, locale));
}

export function zodProblems(error: z.ZodError, t: TFunction, locale: string): FieldProblem[] {
  return error.issues.map((i) => {
    const field = String(i.path[0] ?? 'form');
    const own = /^(persons|identity)\./.test(i.message);
    // Too long: say how long it may be (unless the schema's own message already does).
    const generic = !/^[a-zA-Z]+\.[A-Za-z.]+$/.test(i.message) || i.message.endsWith('.tooLong');
    const text = i.code === 'too_big' && i.origin === 'string' && generic ? t('validation.tooLong', { max: Number(i.maximum) })
      : i.code === 'invalid_type' ? t('personsWeb.v.required') : own ? issueText(i.message, t, locale)
        : /^[a-zA-Z]+\.[A-Za-z.]+$/.test(i.message) ? t(i.message) : t('personsWeb.v.invalid');
    return { field, text, href: fieldHref(field) };
  });
}

/** One value of a urlencoded field (a repeated name gives an array; keep the first). */
export function single(v: unknown): string {
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : '';
  return typeof v === 'string' ? v : '';
}

export type FormBody = Record<string, string>;
/** The posted form as plain strings (never the CSRF token). */
export function formBody(body: unknown): FormBody {
  const out: FormBody = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) if (k !== '_csrf') out[k] = single(v).trim();
  }
  return out;
}

/**
 * A govuk date input (`<name>-day`, `-month`, `-year`) → ISO date text for the schema to check,
 * `undefined` when all three are empty, or a text the date schema rejects as badly formed.
 */
export function dateFromParts(b: FormBody, name: string): string | undefined {
  const d = b[`${name}-day`] ?? '';
  const m = b[`${name}-month`] ?? '';
  const y = b[`${name}-year`] ?? '';
  if (!d && !m && !y) return undefined;
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return 'invalid';
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** ISO date → the three boxes of a date input. */
export function dateToParts(name: string, iso: string | null | undefined): FormBody {
  if (!iso) return {};
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y };
}

/** дд.мм.рррр (or д.м.рррр) → ISO date, or null when not such a date. */
export function parseDisplayDate(v: string): string | null {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}

/** ISO → дд.мм.рррр without time-zone shifts. */
export const displayDate = (iso: string | null | undefined) => (iso ? iso.split('-').reverse().join('.') : '');

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
