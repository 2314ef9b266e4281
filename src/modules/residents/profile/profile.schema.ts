import { z } from 'zod';
import { many } from '../../../platform/forms.js';
import { posted } from '../residents.schema.js';
import { normalisePhone } from './phone.js';

const V = 'residents.validation.';

export const CHANNELS = ['email', 'phone', 'cabinet'] as const;
export const TEXT_SIZES = ['normal', 'large', 'larger'] as const;
export const CONTRASTS = ['normal', 'high'] as const;
export const NEEDS = ['textOverCalls', 'signLanguage', 'largePrint', 'easyRead'] as const;
export const OTHER_NEEDS_MAX = 500;

export type Channel = (typeof CHANNELS)[number];
export type Need = (typeof NEEDS)[number];

/** The profile page's fields in the order they appear (the error summary follows it). */
export const PROFILE_PAGE_FIELDS = [
  'name',
  'locale',
  'phone',
  'contactEmail',
  'contactChannel',
  'emailNotifications',
  'textSize',
  'contrast',
  'needs',
  'otherNeeds',
] as const;

const phone = z
  .string()
  .trim()
  .max(40, { error: `${V}phoneInvalid` })
  .transform((v, ctx) => {
    if (!v) return null;
    const stored = normalisePhone(v);
    if (!stored) ctx.addIssue({ code: 'custom', message: `${V}phoneInvalid` });
    return stored;
  });

const emailFormat = z.email();
/** Empty = the sign-in address. */
const contactEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { error: `${V}emailInvalid` })
  .refine((v) => v === '' || emailFormat.safeParse(v).success, { error: `${V}emailInvalid` })
  .transform((v) => v || null);

/** Contacts and accessibility: what the resident_profiles row holds. */
export const contactsForm = z
  .object({
    phone: posted(phone),
    contactEmail: posted(contactEmail),
    contactChannel: posted(z.enum(CHANNELS, { error: `${V}channelInvalid` })),
    emailNotifications: posted(z.enum(['yes', 'no'], { error: `${V}emailNotificationsInvalid` })).transform(
      (v) => v === 'yes',
    ),
    textSize: posted(z.enum(TEXT_SIZES, { error: `${V}textSizeInvalid` })),
    contrast: posted(z.enum(CONTRASTS, { error: `${V}contrastInvalid` })),
    needs: z
      .preprocess(
        (v) => many(v).filter((n) => n !== ''),
        z.array(z.enum(NEEDS, { error: `${V}needsInvalid` })).max(NEEDS.length, { error: `${V}needsInvalid` }),
      )
      .transform((v) => NEEDS.filter((n) => v.includes(n))),
    otherNeeds: posted(
      z
        .string()
        .trim()
        .max(OTHER_NEEDS_MAX, { error: `${V}otherNeedsTooLong` }),
    ).transform((v) => v || null),
  })
  .superRefine((v, ctx) => {
    if (v.contactChannel === 'phone' && v.phone === null) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: `${V}phoneForCalls` });
    }
  });
export type ContactsInput = z.output<typeof contactsForm>;
