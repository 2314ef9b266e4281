import { z } from 'zod';
import { LOCALES } from '../../platform/i18n.js';
import { PASSWORD_MAX, passwordProblem } from '../../platform/passwords.js';

/** Messages are i18n keys, translated when the form is re-rendered. */
const V = 'residents.validation.';
const PROBLEM_KEY = { tooShort: `${V}passwordTooShort`, tooLong: `${V}passwordTooLong`, common: `${V}passwordCommon` } as const;

const email = z.string().trim().toLowerCase()
  .min(1, { error: `${V}emailRequired` })
  .max(254, { error: `${V}emailInvalid` })
  .pipe(z.email({ error: `${V}emailInvalid` }));

const displayName = z.string().trim().min(1, { error: `${V}nameRequired` }).max(120, { error: `${V}nameTooLong` });

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
const sameAsConfirm = (v: { password: string; passwordConfirm: string }) => !v.password || v.password === v.passwordConfirm;

export const registerForm = z.object({
  name: displayName,
  email,
  password: newPassword,
  passwordConfirm: z.string(),
  consent: z.literal('yes', { error: `${V}consentRequired` }),
}).refine(sameAsConfirm, confirmMatches);
export type RegisterForm = z.infer<typeof registerForm>;

export const loginForm = z.object({
  email,
  password: z.string().min(1, { error: `${V}passwordRequired` }).max(PASSWORD_MAX * 4, { error: `${V}passwordTooLong` }),
});

export const emailForm = z.object({ email });

export const resetForm = z.object({
  token: z.string().min(1).max(100),
  password: newPassword,
  passwordConfirm: z.string(),
}).refine(sameAsConfirm, confirmMatches);

export const tokenQuery = z.object({ token: z.string().min(1).max(100) });

export const profileForm = z.object({
  name: displayName,
  locale: z.enum(LOCALES, { error: `${V}localeInvalid` }),
});
