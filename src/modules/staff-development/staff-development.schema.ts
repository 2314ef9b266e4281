import { z } from 'zod';
import { field } from '../../platform/forms.js';
import { uuidSchema } from '../../platform/ids.js';
import { isIsoDate } from '../../platform/dates.js';
import { parseHours, SUPERVISION_KINDS } from './staffdev-rules.js';

const V = 'staffdev.v.';
const text = (max: number, key: string) => field.text().pipe(z.string().min(1, `${V}${key}`).max(max, `${V}tooLong`));
const optionalText = (max: number) => field.optional().pipe(z.string().max(max, `${V}tooLong`).optional());
const isoDate = (key: string) => z.string({ error: `${V}${key}` }).refine(isIsoDate, `${V}${key}`);
const optionalDate = (key: string) => z.string().refine(isIsoDate, `${V}${key}`).optional();
const hours = (key: string, max: number) =>
  field.text().pipe(
    z
      .string()
      .min(1, `${V}${key}`)
      .transform((v) => parseHours(v) ?? 0)
      .refine((n) => n > 0 && n <= max, `${V}${key}`),
  );

export const memberParams = z.object({ id: uuidSchema });
export const recordParams = z.object({
  id: uuidSchema,
  kind: z.enum(['qualifications', 'trainings', 'supervisions']),
  recordId: uuidSchema,
});
export const trainingParams = z.object({ id: uuidSchema, recordId: uuidSchema });

export const yearQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).optional().catch(undefined),
  done: z.string().max(30).optional().catch(undefined),
});

export const QUALIFICATION_FIELDS = ['position', 'education', 'specialty', 'category', 'positionSince', 'categoryOn'];
export const qualificationForm = z.object({
  position: text(200, 'position'),
  education: text(300, 'education'),
  specialty: text(200, 'specialty'),
  category: optionalText(200),
  positionSince: optionalDate('positionSince'),
  categoryOn: optionalDate('categoryOn'),
});

export const TRAINING_FIELDS = ['course', 'organiser', 'hours', 'trainedOn', 'certificateNumber', 'file'];
export const trainingForm = z.object({
  course: text(300, 'course'),
  organiser: text(300, 'organiser'),
  hours: hours('trainingHours', 1000),
  trainedOn: isoDate('trainedOn'),
  certificateNumber: optionalText(100),
});

export const SUPERVISION_FIELDS = ['kind', 'supervisor', 'heldOn', 'hours', 'topics', 'participants'];
export const supervisionForm = z.object({
  kind: field.text().pipe(z.enum(SUPERVISION_KINDS, { error: `${V}kind` })),
  supervisor: text(200, 'supervisor'),
  heldOn: isoDate('heldOn'),
  hours: hours('supervisionHours', 24),
  topics: text(2000, 'topics'),
  participants: field.many().pipe(z.array(uuidSchema).max(200)),
});

/** The ticked participants alone, to keep them ticked when the form is shown again. */
export const participantsForm = z.object({ participants: field.many() });
