import { z } from 'zod';
import { field } from '../../platform/forms.js';

/** Error messages are i18n keys under auth.errors. */
export const E = (key: string) => `auth.errors.${key}`;

/**
 * A posted text; a missing or repeated field fails with the field's own message `key` (a custom
 * check, so the message is not replaced by the generic «required»).
 */
export const text = (key: string) => z.custom<string>((v) => typeof v === 'string', E(key));
const required = (key: string, max = 200) => text(key).pipe(z.string().trim().min(1, E(key)).max(max, E(key)));
/** A password as typed (not trimmed: spaces can be part of one). */
export const password = (key: string, tooLong: string) =>
  text(key).pipe(z.string().min(1, E(key)).max(1000, E(tooLong)));

export const loginForm = z.object({
  username: required('usernameRequired', 100),
  password: password('passwordRequired', 'invalidCredentials'),
});

export const codeForm = z.object({
  code: required('codeRequired', 40).transform((s) => s.replace(/\s+/g, '')),
});

export const passwordChangeForm = z.object({
  action: z.literal('password'),
  currentPassword: password('currentRequired', 'currentWrong'),
  // A custom check, not `max`: the message is the password rule's own (at most 128), not a generic length.
  newPassword: text('newRequired').pipe(
    z
      .string()
      .min(1, E('newRequired'))
      .refine((s) => s.length <= 1000, E('tooLong')),
  ),
  confirmPassword: text('mismatch').pipe(z.string().max(1000, E('mismatch'))),
});

export const recoveryForm = z.object({
  action: z.literal('recovery'),
  codesPassword: password('currentRequired', 'currentWrong'),
});

export const hromadaForm = z.object({
  hromadaId: z.coerce
    .number({ error: E('hromadaInvalid') })
    .int(E('hromadaInvalid'))
    .positive(E('hromadaInvalid')),
});

/** The account page's flash after a redirect. */
export const accountQuery = z.object({
  changed: field.optional(),
  passkeyAdded: field.optional(),
  passkeyRemoved: field.optional(),
});
