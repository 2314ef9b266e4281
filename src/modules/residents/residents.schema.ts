import { z } from 'zod';
import { LOCALES } from '../../platform/i18n.js';
import { field, single, type Problem } from '../../platform/forms.js';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from '../../platform/passwords.js';

/** One posted field as a string (repeated names: the first one; absent: ''). */
export const posted = <T extends z.ZodType>(s: T) => z.preprocess(single, s);

/** The password messages name the limits. */
export const withPasswordLimits = (problems: Problem[]): Problem[] =>
  problems.map((p) => ({ ...p, params: { min: PASSWORD_MIN, max: PASSWORD_MAX, ...p.params } }));

/** Messages are i18n keys, translated when the form is re-rendered. */
const V = 'residents.validation.';
const PROBLEM_KEY = {
  tooShort: `${V}passwordTooShort`,
  tooLong: `${V}passwordTooLong`,
  common: `${V}passwordCommon`,
} as const;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { error: `${V}emailRequired` })
  .max(254, { error: `${V}emailInvalid` })
  .pipe(z.email({ error: `${V}emailInvalid` }));

const displayName = z
  .string()
  .trim()
  .min(1, { error: `${V}nameRequired` })
  .max(120, { error: `${V}nameTooLong` });

/** A new password: required, length, common-password list. */
const newPassword = z.string().superRefine((pw, ctx) => {
  if (!pw) {
    ctx.addIssue({ code: 'custom', message: `${V}passwordRequired` });
    return;
  }
  const problem = passwordProblem(pw);
  if (problem) ctx.addIssue({ code: 'custom', message: PROBLEM_KEY[problem] });
});

/** The confirmation must equal the password (checked even when other fields have errors). */
const confirmMatches = {
  when: (p: { value: unknown }) => {
    const v = p.value as { password?: unknown; passwordConfirm?: unknown };
    return typeof v?.password === 'string' && typeof v?.passwordConfirm === 'string';
  },
  path: ['passwordConfirm'],
  error: `${V}passwordMismatch`,
};
const sameAsConfirm = (v: { password: string; passwordConfirm: string }) =>
  !v.password || v.password === v.passwordConfirm;

export const REGISTER_FIELDS = ['name', 'email', 'password', 'passwordConfirm', 'consent'] as const;
export const registerForm = z
  .object({
    name: posted(displayName),
    email: posted(email),
    password: posted(newPassword),
    passwordConfirm: posted(z.string()),
    consent: posted(z.literal('yes', { error: `${V}consentRequired` })),
  })
  .refine(sameAsConfirm, confirmMatches);
export type RegisterForm = z.infer<typeof registerForm>;

export const LOGIN_FIELDS = ['email', 'password'] as const;
export const loginForm = z.object({
  email: posted(email),
  password: posted(
    z
      .string()
      .min(1, { error: `${V}passwordRequired` })
      .max(PASSWORD_MAX * 4, { error: `${V}passwordTooLong` }),
  ),
});

export const emailForm = z.object({ email: posted(email) });

export const RESET_FIELDS = ['token', 'password', 'passwordConfirm'] as const;
export const resetForm = z
  .object({
    token: posted(z.string().min(1).max(100)),
    password: posted(newPassword),
    passwordConfirm: posted(z.string()),
  })
  .refine(sameAsConfirm, confirmMatches);

export const tokenQuery = z.object({ token: z.string().min(1).max(100) });

export const profileForm = z.object({
  name: posted(displayName),
  locale: posted(z.enum(LOCALES, { error: `${V}localeInvalid` })),
});

/** The `?done` style flags of the residents' pages after a redirect. */
export const flagQuery = z.object({ saved: field.optional(), reset: field.optional() });
