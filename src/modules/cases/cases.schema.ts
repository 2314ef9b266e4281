import { z } from 'zod';
import { field, single } from '../../platform/forms.js';
import { uuidSchema } from '../../platform/ids.js';
import { isIsoDate } from '../../platform/dates.js';
import { CASE_COMMAND_NAMES, CASE_PRIORITIES, CASE_STATUSES, NOTE_KINDS } from './case-machine.js';

const V = 'cases.v.';

/** Where the new-case form was opened from: a person, a household or a granted application. */
export const newCaseQuery = z.object({
  personId: uuidSchema.optional().catch(undefined),
  householdId: uuidSchema.optional().catch(undefined),
  applicationId: uuidSchema.optional().catch(undefined),
});

export const openCaseForm = z.object({
  personId: field.optional().pipe(uuidSchema.optional()),
  householdId: field.optional().pipe(uuidSchema.optional()),
  applicationId: field.optional().pipe(uuidSchema.optional()),
  typeCode: field.text().pipe(z.string().min(1, `${V}type`).max(40, `${V}type`)),
  priority: field.text().pipe(z.enum(CASE_PRIORITIES, { error: `${V}priority` })),
  note: field.optional().pipe(z.string().max(2000, `${V}noteLong`).optional()),
});
export type OpenCaseForm = z.infer<typeof openCaseForm>;

export const transitionForm = z.object({
  command: field.text().pipe(z.enum(CASE_COMMAND_NAMES, { error: `${V}command` })),
  reason: field.optional().pipe(z.string().max(2000, `${V}reasonLong`).optional()),
  version: z.preprocess((v) => single(v), z.coerce.number().int().positive(`${V}command`)),
});

export const noteForm = z.object({
  kind: field.text().pipe(z.enum(NOTE_KINDS, { error: `${V}noteKind` })),
  happenedOn: z.string({ error: `${V}happenedOn` }).refine(isIsoDate, `${V}happenedOn`),
  text: field.text().pipe(z.string().min(1, `${V}noteText`).max(4000, `${V}noteLong`)),
});
export type NoteForm = z.infer<typeof noteForm>;

export const caseListQuery = z.object({
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  scope: z.enum(['mine', 'all']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export const doneQuery = z.object({ done: z.string().max(40).optional().catch(undefined) }).catch({ done: undefined });

export const caseParams = z.object({ id: uuidSchema });
