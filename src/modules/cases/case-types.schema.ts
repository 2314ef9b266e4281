import { z } from 'zod';
import { field } from '../../platform/forms.js';

const V = 'cases.types.v.';

/** A hromada's own case type: its name in Ukrainian (and English, else the Ukrainian one), restricted or not. */
export const caseTypeForm = z.object({
  nameUk: field.text().pipe(z.string().min(2, `${V}nameUk`).max(120, `${V}nameLong`)),
  nameEn: field.optional().pipe(z.string().max(120, `${V}nameLong`).optional()),
  restricted: field.checkbox(),
  active: field.checkbox(),
});
export type CaseTypeForm = z.infer<typeof caseTypeForm>;

/** The code of a hromada's own type (in the address of its edit page). */
export const caseTypeParams = z.object({ code: z.string().regex(/^own_[0-9]{1,6}$/) });

export const caseTypesQuery = z.object({ done: z.enum(['added', 'saved']).optional().catch(undefined) });
