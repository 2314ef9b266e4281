import { z } from 'zod';
import { field } from '../../../platform/forms.js';
/**
 * Ukrainian phone numbers (pure). Accepted as typed — with spaces, dashes, dots or brackets,
 * starting with +380, 380 or the national 0 — and stored as +380 followed by nine digits.
 */
const STORED = /^\+380\d{9}$/;

/** The stored form (+380XXXXXXXXX), or null when the text is not a Ukrainian number. */
export function normalisePhone(raw: string): string | null {
  const compact = raw.trim().replace(/[\s\-.()\u00a0]/g, '');
  let digits: string;
  if (/^\+380\d{9}$/.test(compact)) digits = compact.slice(1);
  else if (/^380\d{9}$/.test(compact)) digits = compact;
  else if (/^0\d{9}$/.test(compact)) digits = `38${compact}`;
  else return null;
  // Ukrainian numbers never have 0 right after the country code.
  if (digits[3] === '0') return null;
  return `+${digits}`;
}

/** +380 67 123 45 67 for reading (the stored form otherwise unchanged). */
export function formatPhone(stored: string | null | undefined): string {
  if (!stored) return '';
  if (!STORED.test(stored)) return stored;
  const d = stored.slice(4);
  return `+380 ${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5, 7)} ${d.slice(7)}`;
}

/** An optional phone field of a form: empty → undefined, else the stored form, or the problem `key`. */
export const optionalPhoneField = (key: string) =>
  field.optional().pipe(
    z
      .string()
      .max(40, key)
      .transform((v, ctx) => {
        const p = normalisePhone(v);
        if (!p) ctx.addIssue({ code: 'custom', message: key });
        return p ?? '';
      })
      .optional(),
  );
