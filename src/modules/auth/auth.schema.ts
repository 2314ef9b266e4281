import { z } from 'zod';
import { field } from '../../platform/forms.js';

/** Error messages are i18n keys under auth.errors. */
const required = (key: string, max = 200) => z.string({ error: key }).trim().min(1, key).max(max, key);

export const loginForm = z.object({
  username: required('usernameRequired', 100),
  // Not trimmed: spaces can be part of a password.
  password: z.string({ error: 'passwordRequired' }).min(1, 'passwordRequired').max(1000, 'invalidCredentials'),
});

export const codeForm = z.object({
  code: required('codeRequired', 40).transform((s) => s.replace(/\s+/g, '')),
});

export const passwordChangeForm = z.object({
  action: z.literal('password'),
  currentPassword: z.string({ error: 'currentRequired' }).min(1, 'currentRequired').max(1000, 'currentWrong'),
  newPassword: z.string({ error: 'newRequired' }).min(1, 'newRequired').max(1000, 'tooLong'),
  confirmPassword: z.string({ error: 'mismatch' }).max(1000, 'mismatch'),
});

export const recoveryForm = z.object({
  action: z.literal('recovery'),
  codesPassword: z.string({ error: 'currentRequired' }).min(1, 'currentRequired').max(1000, 'currentWrong'),
});

export const hromadaForm = z.object({
  hromadaId: z.coerce.number({ error: 'hromadaInvalid' }).int('hromadaInvalid').positive('hromadaInvalid'),
});

/** The account page's flash after a redirect. */
export const accountQuery = z.object({
  changed: field.optional(),
  passkeyAdded: field.optional(),
  passkeyRemoved: field.optional(),
});

export type FieldErrors = Partial<Record<string, string>>;

/** The first message of each field, in form order. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !out[field]) out[field] = issue.message;
  }
  return out;
}
