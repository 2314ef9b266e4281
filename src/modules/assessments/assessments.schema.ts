import { z } from 'zod';
import { field, single } from '../../platform/forms.js';
import { uuidSchema } from '../../platform/ids.js';

const V = 'assessments.v.';
const formCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);

export const caseParams = z.object({ id: uuidSchema });
export const assessmentParams = z.object({ id: uuidSchema, aid: uuidSchema });
export const formParams = z.object({ code: formCode });

/** `?form=home_care` of the new-assessment page. */
export const newAssessmentQuery = z.object({ form: formCode.optional().catch(undefined) }).catch({ form: undefined });

/** What the assessment form posts besides the answers (`q_<id>` fields, read against the form's definition). */
export const assessmentForm = z.object({
  form: field.text().pipe(formCode),
  version: z.preprocess((v) => single(v), z.coerce.number().int().min(1).max(100_000)),
});

export const doneQuery = z.object({ done: z.string().max(40).optional().catch(undefined) }).catch({ done: undefined });

export const versionQuery = z
  .object({ version: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined) })
  .catch({ version: undefined });

export const formVersionForm = z.object({
  nameUk: field.text().pipe(z.string().min(1, `${V}nameUk`).max(200, `${V}nameLong`)),
  nameEn: field.text().pipe(z.string().max(200, `${V}nameLong`)),
  caseTypes: field.many(),
  definition: field.text().pipe(z.string().min(1, `${V}definition`).max(200_000, `${V}definitionLong`)),
  basedOn: z.preprocess((v) => single(v), z.coerce.number().int().min(1, `${V}basedOn`)),
});

export const activeForm = z.object({ active: field.text().pipe(z.enum(['on', 'off'], { error: `${V}active` })) });

export const settingsForm = z.object({
  reassessmentDays: field
    .text()
    .pipe(z.string().regex(/^\d{1,3}$/, `${V}days`))
    .transform(Number)
    .pipe(z.number().int().min(30, `${V}days`).max(180, `${V}days`)),
});

/** The posted answers, as urlencoded fields (a field repeated by checkboxes is an array). */
export const answersBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** The case types ticked on a new-version form (kept on the re-rendered form when something else is wrong). */
export const caseTypesOnly = z.object({ caseTypes: field.many() });
