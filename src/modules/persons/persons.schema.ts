import { z } from 'zod';
import type { TFunction } from 'i18next';
import { checkRnokpp, checkUnzr, identityMessages, type IdentityProblemCode } from './identity/index.js';
import { addMessages, isMessageKey } from '../../platform/i18n.js';
import { isIsoDate, todayIso } from '../../platform/dates.js';

addMessages('identity', identityMessages);

const trimmed = (max: number) => z.string().trim().max(max);
/** An optional text field: blank means absent; `check` runs on non-blank values. */
const optionalText = (max: number, check?: (v: string) => boolean, message = 'persons.v.invalid') =>
  trimmed(max)
    .refine((v) => v === '' || !check || check(v), message)
    .transform((v) => (v ? v : undefined))
    .optional();
const NAME = /^[\p{L}'’ʼ\- ]+$/u;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'persons.v.dateFormat')
  .refine(isIsoDate, 'persons.v.dateInvalid')
  .refine((v) => v <= todayIso(), 'persons.v.dateFuture')
  .refine((v) => v >= '1900-01-01', 'persons.v.dateTooEarly');

export const SEXES = ['female', 'male'] as const;
export const RNOKPP_ABSENCE = ['refused', 'none'] as const;

/** A person as the API and the form give it (field names of the API). */
/** The fields alone (for partial updates); `personInputSchema` adds the cross-field checks. */
export const personFieldsSchema = z.object({
  lastName: trimmed(100)
    .min(1, 'persons.v.lastNameRequired')
    .refine((v) => v === '' || NAME.test(v), 'persons.v.nameChars'),
  firstName: trimmed(100)
    .min(1, 'persons.v.firstNameRequired')
    .refine((v) => v === '' || NAME.test(v), 'persons.v.nameChars'),
  patronymic: optionalText(100, (v) => NAME.test(v), 'persons.v.nameChars'),
  birthDate: isoDate.optional(),
  sex: z.enum(SEXES, { error: 'persons.v.sexRequired' }).optional(),
  rnokpp: optionalText(12),
  rnokppAbsence: z.enum(RNOKPP_ABSENCE).optional(),
  unzr: optionalText(14),
  phone: optionalText(20, (v) => /^\+?[\d\s()-]{7,20}$/.test(v), 'persons.v.phone'),
  email: optionalText(200, (v) => z.email().safeParse(v).success, 'persons.v.email'),
  settlementCode: optionalText(19, (v) => /^UA\d{17}$/.test(v), 'persons.v.settlement'),
  street: optionalText(200),
  house: optionalText(20),
  apartment: optionalText(20),
  deathDate: isoDate.optional(),
});

export const personInputSchema = personFieldsSchema.superRefine((p, ctx) => {
  const issue = (path: string, code: IdentityProblemCode) => {
    ctx.addIssue({ code: 'custom', path: [path], message: `identity.${code}` });
  };
  if (p.rnokpp) {
    const r = checkRnokpp(p.rnokpp.replace(/\s/g, ''));
    if (!r.ok) issue('rnokpp', `rnokpp.${r.problem}`);
    if (p.rnokppAbsence)
      ctx.addIssue({ code: 'custom', path: ['rnokppAbsence'], message: 'persons.v.rnokppOrAbsence' });
  }
  if (p.unzr) {
    const u = checkUnzr(p.unzr);
    if (!u.ok) issue('unzr', `unzr.${u.problem}`);
    else if (p.birthDate && u.birthDate !== p.birthDate) {
      ctx.addIssue({ code: 'custom', path: ['unzr'], message: 'persons.v.unzrBirthDate' });
    }
  }
  if (p.deathDate && p.birthDate && p.deathDate < p.birthDate) {
    ctx.addIssue({ code: 'custom', path: ['deathDate'], message: 'persons.v.deathBeforeBirth' });
  }
});

export type PersonInput = z.output<typeof personInputSchema>;

/** The API's person (identifiers masked unless revealed). */
export const personSchema = z.object({
  id: z.uuid(),
  lastName: z.string(),
  firstName: z.string(),
  patronymic: z.string().nullable(),
  birthDate: z.string().nullable().describe('РРРР-ММ-ДД'),
  sex: z.enum(SEXES).nullable(),
  rnokpp: z.string().nullable().describe('Маскований, напр. ••••••3776'),
  unzr: z.string().nullable().describe('Маскований'),
  settlementCode: z.string().nullable().describe('Код КАТОТТГ населеного пункту реєстрації'),
  contactsHidden: z
    .boolean()
    .describe(
      'Адресу й контакти приховано: особа — отримувач випадку з обмеженим доступом, а власник токена не в його команді. ' +
        'Порожні поля адреси тоді означають «приховано», а не «немає»; зміна цих полів ігнорується',
    ),
  categories: z.array(z.string()).describe('Чинні категорії (коди)'),
  version: z.number().int().optional().describe('Версія запису (для PATCH); лише в картці'),
});
export type PersonJson = z.infer<typeof personSchema>;

/** Issue messages of these schemas are i18n keys (`persons.v.*`, `identity.<code>`): the text in the user's language. */
export function issueText(message: string, t: TFunction, _locale?: string): string {
  return isMessageKey(message) ? t(message) : message;
}
