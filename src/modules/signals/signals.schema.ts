import { z } from 'zod';
import { field } from '../../platform/forms.js';
import { uuidSchema } from '../../platform/ids.js';
import { isIsoDate } from '../../platform/dates.js';
import { CASE_PRIORITIES } from '../cases/case-machine.js';
import { OUTCOMES, SIGNAL_SOURCES, SIGNAL_STATUSES, URGENCIES } from './signal-rules.js';

const V = 'signals.v.';
const optionalText = (max: number) => field.optional().pipe(z.string().max(max, `${V}tooLong`).optional());
/** An age as typed: whole years, 0–130. */
const age = () =>
  field.optional().pipe(
    z
      .string()
      .regex(/^\d{1,3}$/, `${V}age`)
      .transform(Number)
      .refine((n) => n <= 130, `${V}age`)
      .optional(),
  );
const isoDate = (key: string) => z.string({ error: `${V}${key}` }).refine(isIsoDate, `${V}${key}`);

/** The new-signal form: a registry person chosen (`personId`), or searched for (`q`). */
export const newSignalQuery = z.object({
  personId: uuidSchema.optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  registered: z
    .string()
    .regex(/^С-\d{4}-\d{6}$/)
    .optional()
    .catch(undefined),
});

/** The new-signal form as posted; `receivedAt` is the date of the day/month/year boxes, `receivedTime` HH:MM. */
export const registerForm = z.object({
  source: field.text().pipe(z.enum(SIGNAL_SOURCES, { error: `${V}source` })),
  sourceDetail: optionalText(200),
  personId: field.optional().pipe(uuidSchema.optional()),
  subjectName: optionalText(200),
  subjectAge: age(),
  subjectChild: field.checkbox(),
  place: optionalText(500),
  observed: field.text().pipe(z.string().min(1, `${V}observed`).max(4000, `${V}tooLong`)),
  urgency: field.text().pipe(z.enum(URGENCIES, { error: `${V}urgency` })),
  receivedAt: isoDate('receivedAt'),
  receivedTime: field.text().pipe(z.string().regex(/^\d{1,2}[:.]\d{2}$/, `${V}receivedTime`)),
  anonymous: field.checkbox(),
  reporterName: optionalText(200),
  reporterContact: optionalText(200),
});
export type RegisterForm = z.infer<typeof registerForm>;

/** A resident's own report from the cabinet. */
export const residentReportForm = z
  .object({
    about: field.text().pipe(z.enum(['self', 'other'], { error: 'signals.resident.v.about' })),
    subjectName: optionalText(200),
    subjectAge: age(),
    subjectChild: field.checkbox(),
    place: optionalText(500),
    observed: field.text().pipe(z.string().min(1, `${V}observed`).max(4000, `${V}tooLong`)),
    urgency: field.text().pipe(z.enum(URGENCIES, { error: `${V}urgency` })),
    contact: optionalText(200),
  })
  .superRefine((f, ctx) => {
    // Said at once with the other problems of the form (the use-case checks it again).
    if (f.about === 'other' && !f.subjectName)
      ctx.addIssue({ code: 'custom', path: ['subjectName'], message: 'signals.resident.v.subjectName' });
  });

export const reportedQuery = z.object({
  reported: z
    .string()
    .regex(/^С-\d{4}-\d{6}$/)
    .optional()
    .catch(undefined),
});

export const visitForm = z.object({
  visitedOn: isoDate('visitedOn'),
  members: field.text().pipe(z.string().min(1, `${V}members`).max(500, `${V}tooLong`)),
  findings: field.text().pipe(z.string().min(1, `${V}findings`).max(4000, `${V}tooLong`)),
});

const reason = field.text().pipe(z.string().min(1, `${V}reason`).max(2000, `${V}tooLong`));

export const agencyForm = z.object({
  agencyId: field.text().pipe(
    z
      .string()
      .regex(/^\d{1,9}$/, `${V}agency`)
      .transform(Number),
  ),
  agencyReason: reason,
});

export const noActionForm = z.object({
  noActionReason: reason,
  confirm: field.checkbox().pipe(z.literal(true, { error: `${V}confirm` })),
});

export const signalCaseForm = z.object({
  personId: field.text().pipe(uuidSchema.or(z.literal('')).refine((v) => v !== '', `${V}casePerson`)),
  typeCode: field.text().pipe(z.string().min(1, `${V}caseType`).max(40, `${V}caseType`)),
  priority: field.text().pipe(z.enum(CASE_PRIORITIES, { error: `${V}priority` })),
  note: optionalText(2000),
});

const hours = () =>
  field.text().pipe(
    z
      .string()
      .regex(/^\d{1,4}$/, `${V}hours`)
      .transform(Number)
      .refine((n) => n >= 1 && n <= 2160, `${V}hours`),
  );

/** The hromada's triage hours per urgency. */
export const settingsForm = z.object({
  urgentHours: hours(),
  highHours: hours(),
  normalHours: hours(),
});

export const signalListQuery = z.object({
  status: z.enum(SIGNAL_STATUSES).optional().catch(undefined),
  urgency: z.enum(URGENCIES).optional().catch(undefined),
  due: z.enum(['overdue']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export const signalPageQuery = z
  .object({
    done: z.string().max(40).optional().catch(undefined),
    q: z.string().trim().max(200).optional().catch(undefined),
  })
  .catch({ done: undefined, q: undefined });

export const signalParams = z.object({ id: uuidSchema });

// --- /api/v1/signals ---

export const createSignalBody = z.object({
  source: z.enum(SIGNAL_SOURCES).describe('Звідки надійшов сигнал'),
  sourceDetail: z.string().max(200).optional().describe('Уточнення джерела: назва школи, лікарні тощо'),
  personId: z.uuid().optional().describe('Особа з реєстру, якої стосується сигнал (якщо відома)'),
  subjectName: z.string().trim().min(1).max(200).optional().describe('Ім’я, як його повідомили (без personId)'),
  subjectAge: z.number().int().min(0).max(130).optional(),
  subjectChild: z.boolean().default(false).describe('Сигнал стосується дитини'),
  place: z.string().max(500).optional().describe('Адреса або населений пункт'),
  observed: z.string().trim().min(1).max(4000).describe('Що помічено'),
  urgency: z.enum(URGENCIES).describe('Терміновість: від неї залежить строк розгляду'),
  receivedAt: z.iso.datetime({ offset: true }).describe('Коли отримано (ISO 8601 зі зміщенням; не в майбутньому)'),
  anonymous: z.boolean().default(false).describe('Анонімне повідомлення: без даних повідомника'),
  reporterName: z.string().max(200).optional(),
  reporterContact: z.string().max(200).optional(),
});

export const createdSignalJson = z.object({
  id: z.uuid(),
  number: z.string().describe('Номер сигналу: С-РРРР-NNNNNN'),
  triageDueAt: z.string().describe('Строк розгляду (ISO 8601)'),
});

export const signalJson = z.object({
  id: z.uuid(),
  number: z.string(),
  source: z.enum(SIGNAL_SOURCES),
  sourceDetail: z.string().nullable(),
  personId: z.uuid().nullable(),
  subject: z.string().describe('Ім’я особи з реєстру або як його повідомили'),
  subjectAge: z.number().int().nullable(),
  subjectChild: z.boolean(),
  place: z.string().nullable(),
  observed: z.string(),
  urgency: z.enum(URGENCIES),
  receivedAt: z.string(),
  triageDueAt: z.string(),
  overdue: z.boolean(),
  anonymous: z.boolean(),
  reporter: z.object({ name: z.string().nullable(), contact: z.string().nullable() }).nullable(),
  status: z.enum(SIGNAL_STATUSES),
  outcome: z.enum(OUTCOMES).nullable(),
  outcomeReason: z.string().nullable(),
  agency: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  caseId: z
    .uuid()
    .nullable()
    .describe('Випадок, відкритий за сигналом (випадок з обмеженим доступом — лише для команди)'),
  visits: z.array(z.object({ visitedOn: z.string(), members: z.string(), findings: z.string() })),
});
export type SignalJson = z.infer<typeof signalJson>;
