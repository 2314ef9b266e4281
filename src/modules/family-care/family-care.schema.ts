import { z } from 'zod';
import { field } from '../../platform/forms.js';
import { uuidSchema } from '../../platform/ids.js';
import { isIsoDate } from '../../platform/dates.js';
import {
  ASSESSMENTS,
  CARE_FORMS,
  CARE_STAGES,
  DECISIONS,
  END_REASONS,
  REVIEW_CONCLUSIONS,
  VISIT_KINDS,
} from './care-rules.js';

const V = 'care.v.';
const text = (max: number, key: string) => field.text().pipe(z.string().min(1, `${V}${key}`).max(max, `${V}tooLong`));
const optionalText = (max: number) => field.optional().pipe(z.string().max(max, `${V}tooLong`).optional());
const isoDate = (key: string) => z.string({ error: `${V}${key}` }).refine(isIsoDate, `${V}${key}`);
const count = (key: string, max: number) =>
  field.text().pipe(
    z
      .string()
      .regex(/^\d{1,4}$/, `${V}${key}`)
      .transform(Number)
      .refine((n) => n >= 1 && n <= max, `${V}${key}`),
  );

export const careParams = z.object({ id: uuidSchema });

export const newCareQuery = z.object({ householdId: uuidSchema.optional().catch(undefined) });

export const registerForm = z.object({
  householdId: field.text().pipe(uuidSchema.or(z.literal('')).refine((v) => v !== '', `${V}household`)),
  form: field.text().pipe(z.enum(CARE_FORMS, { error: `${V}form` })),
  capacity: count('capacity', 10),
  note: optionalText(2000),
});

export const trainingForm = z.object({
  trainingCourse: text(300, 'trainingCourse'),
  trainingHours: count('trainingHours', 1000),
  trainedOn: isoDate('trainedOn'),
  certificate: optionalText(100),
});

export const assessmentForm = z.object({
  assessedOn: isoDate('assessedOn'),
  assessment: field.text().pipe(z.enum(ASSESSMENTS, { error: `${V}assessment` })),
  assessmentNote: optionalText(2000),
});

export const decisionForm = z.object({
  decidedOn: isoDate('decidedOn'),
  decision: field.text().pipe(z.enum(DECISIONS, { error: `${V}decision` })),
  decisionNumber: text(100, 'decisionNumber'),
  decisionBody: text(300, 'decisionBody'),
});

export const capacityForm = z.object({ capacity: count('capacity', 10) });

export const closeForm = z.object({
  closedOn: isoDate('closedOn'),
  closeReason: text(2000, 'closeReason'),
  confirm: field.checkbox().pipe(z.literal(true, { error: `${V}confirm` })),
});

export const placeForm = z.object({
  childId: field.text().pipe(uuidSchema.or(z.literal('')).refine((v) => v !== '', `${V}child`)),
  placedOn: isoDate('placedOn'),
  basis: text(200, 'basis'),
});

export const visitForm = z.object({
  kind: field.text().pipe(z.enum(VISIT_KINDS, { error: `${V}kind` })),
  heldOn: isoDate('heldOn'),
  findings: text(4000, 'findings'),
  conclusion: field.optional().pipe(z.enum(REVIEW_CONCLUSIONS, { error: `${V}conclusion` }).optional()),
});

export const extendForm = z.object({
  untilOn: isoDate('untilOn'),
  extendReason: text(2000, 'extendReason'),
});

export const endForm = z.object({
  endedOn: isoDate('endedOn'),
  endReason: field.text().pipe(z.enum(END_REASONS, { error: `${V}endReason` })),
  endNote: optionalText(2000),
});

const days = () => count('days', 730);
export const settingsForm = z.object({ visitDays: days(), patronatVisitDays: days(), reviewDays: days() });

export const careListQuery = z.object({
  form: z.enum(CARE_FORMS).optional().catch(undefined),
  stage: z.enum(CARE_STAGES).optional().catch(undefined),
  due: z.enum(['overdue']).optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2999).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export const carePageQuery = z
  .object({
    done: z.string().max(40).optional().catch(undefined),
    q: z.string().trim().max(200).optional().catch(undefined),
  })
  .catch({ done: undefined, q: undefined });
