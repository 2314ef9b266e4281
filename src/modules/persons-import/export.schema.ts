import { z } from 'zod';
import { parseDisplayDate } from '../../platform/dates.js';
import type { SearchFilters } from '../persons/persons.search.js';

const empty = (v: unknown) => (v === '' || v === undefined ? undefined : v);
const one = (v: unknown): unknown => (Array.isArray(v) ? (v as unknown[])[0] : v);

/** The search form of /persons posted to the export (same fields), plus the file format. */
export const exportForm = z.object({
  q: z.preprocess(one, z.string().trim().max(200, 'personsImport.export.invalid').default('')),
  birthDate: z.preprocess(
    (v) => empty(one(v)),
    z
      .string()
      .trim()
      .transform((v, ctx) => {
        const iso = /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : parseDisplayDate(v);
        if (!iso) ctx.addIssue({ code: 'custom', message: 'personsImport.export.invalid' });
        return iso ?? '';
      })
      .optional(),
  ),
  birthYear: z.preprocess((v) => empty(one(v)), z.coerce.number().int().min(1900).max(2100).optional()),
  settlementCode: z.preprocess(
    (v) => empty(one(v)),
    z
      .string()
      .regex(/^UA\d{17}$/)
      .optional(),
  ),
  districtId: z.preprocess((v) => empty(one(v)), z.coerce.number().int().positive().optional()),
  category: z.preprocess(
    (v) => empty(one(v)),
    z
      .string()
      .regex(/^[a-z0-9_]{1,50}$/)
      .optional(),
  ),
  format: z.preprocess(one, z.enum(['csv', 'xlsx']).default('csv')),
});
export type ExportForm = z.infer<typeof exportForm>;

export function filtersOf(f: ExportForm): SearchFilters {
  return {
    birthDate: f.birthDate,
    birthYear: f.birthYear,
    settlementCode: f.settlementCode,
    districtId: f.districtId,
    category: f.category,
  };
}
