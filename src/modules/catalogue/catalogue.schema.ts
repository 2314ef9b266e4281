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

/** A posted field as typed: its first value, not trimmed (the form is shown again as it was). */
const typed = () => z.preprocess((v) => single(v), z.string());
/** A checkbox of the service form (its value is «1»). */
const ticked = () => z.preprocess((v) => single(v) === '1', z.boolean());

/** The life situation form as posted, as typed (the schema `situationForm` then checks it). */
export const situationBody = z.object({
  name: typed(),
  summary: typed(),
  instruction: typed(),
  services: field.many(),
});

/** Rows of documents and of steps the service form may post (`doc0Name` … `doc29Name`, `step0Title` …). */
export const SERVICE_FORM_ROWS = 30;

/** Posted rows `<prefix><i><Column>` by position; a row is there when its first column was posted. */
function postedRows(b: Record<string, unknown>, prefix: string, columns: Record<string, string>) {
  const suffixes = Object.entries(columns);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < SERVICE_FORM_ROWS; i++) {
    if (b[`${prefix}${i}${suffixes[0]?.[1] ?? ''}`] === undefined) continue;
    rows.push(Object.fromEntries(suffixes.map(([key, suffix]) => [key, b[`${prefix}${i}${suffix}`]])));
  }
  return rows;
}
const posted = z.record(z.string(), z.unknown()).catch({});

/**
 * The service card form as posted, as typed (to be shown again; `serviceForm` then checks it):
 * text fields, checkbox lists, and the rows of documents and steps in their positions.
 */
export const serviceFormBody = z
  .preprocess(
    (raw) => {
      const b = posted.parse(raw);
      return {
        ...b,
        docs: postedRows(b, 'doc', { name: 'Name', office: 'Office', kind: 'Kind' }),
        steps: postedRows(b, 'step', { title: 'Title', role: 'Role', days: 'Days' }),
      };
    },
    z.object({
      code: typed(),
      name: typed(),
      nameEn: typed(),
      description: typed(),
      recipients: typed(),
      conditions: typed(),
      minAge: typed(),
      maxAge: typed(),
      cost: typed(),
      tariff: typed(),
      maxProcessingDays: typed(),
      legalBasis: typed(),
      crisis: ticked(),
      channels: field.many(),
      eligibleCategories: field.many(),
      providers: field.many(),
      docs: z.array(z.object({ name: typed(), office: ticked(), kind: typed().transform((k) => k || 'required') })),
      steps: z.array(z.object({ title: typed(), role: typed(), days: typed() })),
      version: typed(),
      reason: typed(),
    }),
  )
  .transform(({ crisis, channels, eligibleCategories, providers, docs, steps, version, reason, ...text }) => ({
    text,
    crisis,
    channels,
    categories: eligibleCategories,
    providers,
    docs,
    steps,
    version,
    reason,
  }));
