import { z } from 'zod';
import { field, single } from '../../platform/forms.js';

export const CHANNELS = ['online', 'front_office', 'starosta'] as const;
export type Channel = (typeof CHANNELS)[number];
export const COSTS = ['free', 'paid', 'differentiated'] as const;
export type Cost = (typeof COSTS)[number];

/**
 * «Хто я» — groups a resident recognises, mapped to category codes of the registry
 * (`category_types`) and, where categories do not say it, to the service's age range.
 * Services without eligible categories are open to everyone and match every group.
 */
export const AUDIENCES = {
  elderly: { codes: ['elderly_alone'], ageFrom: 60 },
  disability: { codes: ['disability_1', 'disability_1a', 'disability_2', 'disability_3'] },
  disabled_child: { codes: ['disabled_child'] },
  family: { codes: ['large_family', 'orphan', 'disabled_child'], ageTo: 18 },
  idp: { codes: ['idp'] },
  veteran: { codes: ['veteran'] },
  difficult: { codes: ['difficult_circumstances'] },
} as const satisfies Record<string, { codes: readonly string[]; ageFrom?: number; ageTo?: number }>;
export type Audience = keyof typeof AUDIENCES;
export const AUDIENCE_KEYS = Object.keys(AUDIENCES) as Audience[];

export interface ServiceFilters {
  q?: string;
  audience?: Audience;
  /** A category code of the registry (the API's `category`). */
  category?: string;
  situation?: string;
  freeOnly?: boolean;
  includeInactive?: boolean;
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'catalogue.v.tooLong' })
    .transform((s) => (s === '' ? null : s));
const optionalInt = (min: number, max: number, key: string) =>
  z
    .string()
    .trim()
    .refine((s) => s === '' || (/^\d+$/.test(s) && Number(s) >= min && Number(s) <= max), { error: key })
    .transform((s) => (s === '' ? null : Number(s)));

/** required: the applicant must give it; optional: if they have it; office_fills: written with the applicant at the office (not asked online). */
export const DOCUMENT_KINDS = ['required', 'optional', 'office_fills'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const documentInput = z.object({
  name: z.string().trim().min(2, { error: 'catalogue.v.documentName' }).max(300, { error: 'catalogue.v.tooLong' }),
  obtainedByOffice: z.boolean(),
  kind: z.enum(DOCUMENT_KINDS, { error: 'catalogue.v.documentKind' }),
});
export const stepInput = z.object({
  title: z.string().trim().min(2, { error: 'catalogue.v.stepTitle' }).max(300, { error: 'catalogue.v.tooLong' }),
  responsibleRole: optionalText(200),
  timeLimitDays: z.number().int().min(0).max(365, { error: 'catalogue.v.stepDays' }).nullable(),
});

/** The service card as the form gives it (strings from urlencoded fields; lists already gathered). */
export const serviceForm = z
  .object({
    code: z
      .string()
      .trim()
      .max(20)
      .refine((s) => s === '' || /^\d{3}\.\d$/.test(s), { error: 'catalogue.v.code' })
      .transform((s) => (s === '' ? null : s)),
    name: z.string().trim().min(3, { error: 'catalogue.v.name' }).max(200, { error: 'catalogue.v.tooLong' }),
    nameEn: optionalText(200),
    description: z
      .string()
      .trim()
      .min(10, { error: 'catalogue.v.description' })
      .max(4000, { error: 'catalogue.v.tooLong' }),
    recipients: optionalText(2000),
    conditions: optionalText(2000),
    eligibleCategories: z.array(z.string().max(50)).max(50),
    minAge: optionalInt(0, 150, 'catalogue.v.age'),
    maxAge: optionalInt(0, 150, 'catalogue.v.age'),
    cost: z.enum(COSTS, { error: 'catalogue.v.cost' }),
    tariff: optionalText(1000),
    maxProcessingDays: z
      .string()
      .trim()
      .refine((s) => /^\d+$/.test(s) && Number(s) <= 365, { error: 'catalogue.v.days' })
      .transform(Number),
    crisis: z.boolean(),
    channels: z.array(z.enum(CHANNELS, { error: 'catalogue.v.channels' })).min(1, { error: 'catalogue.v.channels' }),
    legalBasis: optionalText(2000),
    providers: z.array(z.coerce.number().int().positive()).max(50),
    documents: z.array(documentInput).max(30),
    steps: z.array(stepInput).max(30),
  })
  .superRefine((v, ctx) => {
    if (v.minAge !== null && v.maxAge !== null && v.maxAge < v.minAge) {
      ctx.addIssue({ code: 'custom', path: ['maxAge'], message: 'catalogue.v.ageRange' });
    }
    if (v.cost !== 'free' && !v.tariff)
      ctx.addIssue({ code: 'custom', path: ['tariff'], message: 'catalogue.v.tariff' });
    if (v.crisis && v.maxProcessingDays > 1) {
      ctx.addIssue({ code: 'custom', path: ['maxProcessingDays'], message: 'catalogue.v.crisisDays' });
    }
  });
export type ServiceInput = z.output<typeof serviceForm>;

export const reasonField = z.string().trim().max(500, { error: 'catalogue.v.tooLong' });

export const situationForm = z.object({
  name: z.string().trim().min(3, { error: 'catalogue.v.name' }).max(200, { error: 'catalogue.v.tooLong' }),
  summary: optionalText(1000),
  instruction: z
    .string()
    .trim()
    .max(8000, { error: 'catalogue.v.tooLong' })
    .transform((s) =>
      s
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .refine((steps) => steps.length >= 1, { error: 'catalogue.v.instruction' }),
  services: z.array(z.uuid()).max(50),
});
export type SituationInput = z.output<typeof situationForm>;

export const slugParams = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(80),
});

/** What the administrators' pages confirm after a change (`?done=…`). */
export const DONE = ['created', 'updated', 'unchanged', 'deactivated', 'activated', 'situationSaved'] as const;
export const doneQuery = z.object({ done: z.enum(DONE).optional().catch(undefined) });

/** The confirmation page of switching a service off or on: the reason, optional, at most 500 characters. */
export const activeForm = z.object({
  reason: field.text().refine((s) => s.length <= 500, { error: 'catalogue.v.tooLong' }),
});

/** The life situation form as posted, as typed (the schema `situationForm` then checks it). */
const typed = () => z.preprocess((v) => single(v), z.string());
export const situationBody = z.object({
  name: typed(),
  summary: typed(),
  instruction: typed(),
  services: field.many(),
});
