import { z } from 'zod';
import { field } from '../../platform/forms.js';
import { isIsoDate } from '../../platform/dates.js';
import { uuidSchema } from '../../platform/ids.js';
import { codeProblem, OWNERSHIPS, SETTINGS } from './provider-rules.js';

const V = 'providers.v.';
const optionalText = (max: number) => field.optional().pipe(z.string().max(max, `${V}tooLong`).optional());
/** An optional count (places, hours a month, staff): a whole number from 0. */
const optionalCount = (key: string) =>
  field.optional().pipe(
    z
      .string()
      .regex(/^\d{1,6}$/, `${V}${key}`)
      .transform(Number)
      .optional(),
  );

export const providerParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });

/** The one form of a provider, new or edited. The code is checked for the form of ownership (ЄДРПОУ or РНОКПП). */
export const providerForm = z
  .object({
    name: field.text().pipe(z.string().min(1, `${V}name`).max(300, `${V}tooLong`)),
    ownership: field.text().pipe(z.enum(OWNERSHIPS, { error: `${V}ownership` })),
    code: field.optional().pipe(z.string().max(20, `${V}tooLong`).optional()),
    address: optionalText(500),
    phone: field.optional().pipe(
      z
        .string()
        .regex(/^\+?[0-9 ()-]{5,20}$/, `${V}phone`)
        .optional(),
    ),
    email: field.optional().pipe(
      z
        .email({ error: `${V}email` })
        .max(200, `${V}tooLong`)
        .optional(),
    ),
    licence: optionalText(1000),
    places: optionalCount('places'),
    hoursPerMonth: optionalCount('hoursPerMonth'),
    staffCount: optionalCount('staffCount'),
    active: field.checkbox(),
    agreementNumber: optionalText(100),
    agreementDate: z.string().refine(isIsoDate, `${V}agreementDate`).optional(),
  })
  .superRefine(
    (f, ctx) => {
      if (f.code === undefined) return;
      const bad = codeProblem(f.ownership, f.code);
      if (bad) ctx.addIssue({ code: 'custom', path: ['code'], message: `${V}${bad}` });
    },
    // The code is checked even when another field (the name, a count) is wrong, once the form of ownership is known.
    { when: (p) => codeCheckable(p.value) },
  );

function codeCheckable(v: unknown): boolean {
  const o = v as { ownership?: unknown; code?: unknown } | null;
  return OWNERSHIPS.some((x) => x === o?.ownership) && (o?.code === undefined || typeof o.code === 'string');
}
export type ProviderInput = z.infer<typeof providerForm>;

/** The fields of the provider form in page order (the error summary follows it). */
export const PROVIDER_FIELDS = [
  'name',
  'ownership',
  'code',
  'address',
  'phone',
  'email',
  'licence',
  'places',
  'hoursPerMonth',
  'staffCount',
  'agreementNumber',
  'agreementDate',
  'active',
] as const;

export const serviceForm = z.object({
  serviceId: field.text().pipe(uuidSchema.or(z.literal('')).refine((v) => v !== '', `${V}service`)),
  settings: field.many().pipe(z.array(z.enum(SETTINGS, { error: `${V}setting` })).min(1, `${V}setting`)),
});

export const removeServiceForm = z.object({
  serviceId: field.text().pipe(uuidSchema),
  setting: field.text().pipe(z.enum(SETTINGS)),
});

export const providersQuery = z.object({
  ownership: z.enum(OWNERSHIPS).optional().catch(undefined),
  active: z.enum(['only']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export const providerPageQuery = z
  .object({ done: z.string().max(40).optional().catch(undefined) })
  .catch({ done: undefined });

// --- /api/v1/providers ---

export const providersApiQuery = z.object({
  ownership: z.enum(OWNERSHIPS).optional().describe('Форма власності: communal, ngo, charity, private, fop'),
  active: z.enum(['true', 'false']).optional().describe('true — лише чинні надавачі, false — лише недіючі'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const apiCount = z.number().int().min(0).max(999_999).nullable().default(null);
const apiText = (max: number) => z.string().trim().max(max).nullable().default(null);

/** A provider registered through the API: the form's data as JSON, and the services it delivers with where. */
export const providerApiBody = z
  .object({
    name: z.string().trim().min(1).max(300).describe('Назва надавача'),
    ownership: z.enum(OWNERSHIPS).describe('Форма власності'),
    code: z
      .string()
      .regex(/^\d{8}$|^\d{10}$/)
      .nullable()
      .default(null)
      .describe('ЄДРПОУ (8 цифр) або РНОКПП ФОП (10 цифр), з контрольною цифрою'),
    address: apiText(500),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()-]{5,20}$/)
      .nullable()
      .default(null),
    email: z.email().max(200).nullable().default(null),
    licence: apiText(1000).describe('Ліцензія або запис у реєстрі надавачів'),
    places: apiCount.describe('Місць'),
    hoursPerMonth: apiCount.describe('Годин на місяць'),
    staffCount: apiCount.describe('Працівників'),
    active: z.boolean().default(true),
    agreementNumber: apiText(100).describe('Договір про співробітництво громад (для надавача іншої громади)'),
    agreementDate: z.iso.date().nullable().default(null),
    services: z
      .array(
        z.object({
          serviceId: z.uuid().describe('Послуга з каталогу громади'),
          settings: z
            .array(z.enum(SETTINGS))
            .min(1)
            .max(4)
            .describe('Де надається: home, day_centre, residential, remote'),
        }),
      )
      .max(100)
      .default([]),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.code === null) return;
    const bad = codeProblem(f.ownership, f.code);
    if (bad) ctx.addIssue({ code: 'custom', path: ['code'], message: `${V}${bad}` });
  });

export type ProviderApiBody = z.infer<typeof providerApiBody>;

export const providerApiParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });

const providerCore = {
  id: z.number().int(),
  name: z.string(),
  ownership: z.enum(OWNERSHIPS),
  code: z.string().nullable(),
  active: z.boolean(),
};

export const providerListJson = z.object({
  items: z.array(z.object({ ...providerCore, services: z.number().int().describe('Скільки послуг каталогу надає') })),
  total: z.number().int(),
});

export const providerJson = z.object({
  ...providerCore,
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  licence: z.string().nullable(),
  places: z.number().int().nullable(),
  hoursPerMonth: z.number().int().nullable(),
  staffCount: z.number().int().nullable(),
  agreementNumber: z.string().nullable(),
  agreementDate: z.string().nullable(),
  services: z.array(z.object({ serviceId: z.uuid(), name: z.string(), settings: z.array(z.enum(SETTINGS)) })),
});
export type ProviderJson = z.infer<typeof providerJson>;
