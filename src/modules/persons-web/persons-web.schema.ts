import { z } from 'zod';
import { isIsoDate, parseDisplayDate } from '../../platform/dates.js';
import { uuidSchema } from '../../platform/ids.js';
import { dateHref, parseWith, type Parsed, type Problem } from '../../platform/forms.js';

/** The registry's date inputs: the error summary links to the day box. */
export const registryHref = dateHref(['birthDate', 'deathDate', 'validFrom', 'validTo', 'givenOn']);

/** A value no rule names reads «Перевірте значення» on the registry's forms (its own wording, kept). */
export const registryProblems = (problems: Problem[]): Problem[] =>
  problems.map((p) => (p.key === 'validation.invalid' ? { ...p, key: 'personsWeb.v.invalid' } : p));

/** A registry form's values against its schema (platform `parseWith`, with the registry's hrefs and wording). */
export function parseRegistryForm<S extends z.ZodType>(schema: S, value: unknown): Parsed<z.infer<S>> {
  const r = parseWith(schema, value, registryHref);
  return r.ok ? r : { ok: false, problems: registryProblems(r.problems) };
}

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/** The search form (posted, so names never reach a URL). */
export const searchForm = z.object({
  q: z.string().trim().max(200, 'personsWeb.v.queryLong').optional().default(''),
  birthDate: optional(10)
    .refine((v) => !v || parseDisplayDate(v) !== null, 'personsWeb.v.birthDateFilter')
    .transform((v) => (v ? (parseDisplayDate(v) ?? undefined) : undefined)),
  birthYear: optional(4)
    .refine(
      (v) => !v || (/^\d{4}$/.test(v) && Number(v) >= 1900 && Number(v) <= new Date().getFullYear()),
      'personsWeb.v.birthYear',
    )
    .transform((v) => (v ? Number(v) : undefined)),
  settlementCode: optional(19).refine((v) => !v || /^UA\d{17}$/.test(v), 'persons.v.settlement'),
  districtId: optional(10)
    .refine((v) => !v || /^\d+$/.test(v), 'personsWeb.v.invalid')
    .transform((v) => (v ? Number(v) : undefined)),
  category: optional(60).refine((v) => !v || /^[a-z0-9_]+$/.test(v), 'personsWeb.v.invalid'),
  page: optional(6).transform((v) => (v && /^\d+$/.test(v) ? Math.max(1, Number(v)) : 1)),
});
export type SearchForm = z.output<typeof searchForm>;

export { idParams } from '../../platform/ids.js';
export const childParams = z.object({ id: uuidSchema, cid: uuidSchema });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'personsWeb.v.date')
  .refine(isIsoDate, 'personsWeb.v.date');

/** A category with validity: details are required for the types that need them (checked by the use-case). */
export const categoryForm = z
  .object({
    code: z.string().trim().min(1, 'personsWeb.v.categoryRequired').max(60),
    validFrom: isoDate.optional(),
    validTo: isoDate.optional(),
    evidence: optional(500),
    details: optional(1000),
  })
  .refine((c) => !c.validFrom || !c.validTo || c.validTo >= c.validFrom, {
    path: ['validTo'],
    error: 'personsWeb.v.validToBeforeFrom',
  });
export type CategoryInput = z.output<typeof categoryForm>;

export const revealForm = z.object({ field: z.enum(['rnokpp', 'unzr']) });

/** `?done=…` after a change (the flash message); anything odd reads as none. */
export const doneQuery = z.object({ done: z.string().optional().catch(undefined) }).catch({});

/** The new-person form opened for an online application's applicant or from the intake. */
export const newPersonQuery = z
  .object({
    forApplication: z.string().optional().catch(undefined),
    then: z.string().optional().catch(undefined),
  })
  .catch({});
