import { z } from 'zod';
import { field, many, single } from '../../platform/forms.js';
import { uuidSchema } from '../../platform/ids.js';
import { isIsoDate } from '../../platform/dates.js';
import { ACT_PLACES, CONFIRMATIONS, isMonth, isTime, WEEKDAYS } from './act-rules.js';

const V = 'acts.v.';
const isoDate = (key: string) => z.string({ error: `${V}${key}` }).refine(isIsoDate, `${V}${key}`);
const minutes = field.text().pipe(
  z
    .string()
    .regex(/^\d{1,4}$/, `${V}minutes`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= 1440, `${V}minutes`),
);
const time = field.optional().pipe(z.string().refine(isTime, `${V}time`).optional());
const place = field.text().pipe(z.enum(ACT_PLACES, { error: `${V}place` }));
const confirmedBy = field.text().pipe(z.enum(CONFIRMATIONS, { error: `${V}confirmedBy` }));
const confirmReason = field.optional().pipe(z.string().max(500, `${V}tooLong`).optional());
const workerId = field.text().pipe(uuidSchema.or(z.literal('')).refine((v) => v !== '', `${V}worker`));
const assignmentId = field.text().pipe(uuidSchema.or(z.literal('')).refine((v) => v !== '', `${V}assignment`));

export const agencyParams = z.object({ agencyId: z.coerce.number().int().positive() });
export const actParams = z.object({ id: uuidSchema });
export const scheduleParams = z.object({ id: uuidSchema });

/** `?month=YYYY-MM&page=N` of a provider's month (a bad month is the current one). */
export const monthQuery = z.object({
  month: z.string().refine(isMonth).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).optional().catch(undefined),
  done: z.string().optional().catch(undefined),
});

/** `?agency=&worker=&date=` of a round, `&week=` of a week's form. */
export const roundQuery = z.object({
  agency: z.coerce.number().int().positive().optional().catch(undefined),
  worker: uuidSchema.optional().catch(undefined),
  date: z.string().refine(isIsoDate).optional().catch(undefined),
  done: z.string().optional().catch(undefined),
});

export const newActQuery = z.object({
  agency: z.coerce.number().int().positive(),
  assignment: uuidSchema.optional().catch(undefined),
});

/** The one act's form (also a visit of a round). The day comes from a govuk date input. */
export const actForm = z.object({
  assignmentId,
  workerId,
  date: isoDate('date'),
  startsAt: time,
  minutes,
  place,
  confirmedBy,
  confirmReason,
  note: field.optional().pipe(z.string().max(1000, `${V}tooLong`).optional()),
});
export const ACT_FIELDS = [
  'assignmentId',
  'workerId',
  'date',
  'startsAt',
  'minutes',
  'place',
  'confirmedBy',
  'confirmReason',
  'signature',
  'note',
] as const;

/** One row of a week's form (`r<n>-<field>`); only ticked rows (`r<n>-take`) are read. */
export const weekRowForm = z.object({
  assignmentId,
  date: isoDate('date'),
  startsAt: time,
  minutes,
  place,
  confirmedBy,
  confirmReason,
});
export const weekForm = z.object({
  agency: z.preprocess((v) => single(v), z.coerce.number().int().positive()),
  worker: z.preprocess((v) => single(v), uuidSchema),
  week: z.preprocess((v) => single(v), z.string().refine(isIsoDate)),
  rows: z.preprocess((v) => single(v), z.coerce.number().int().min(0).max(200)),
});

export const cancelForm = z.object({
  cancelReason: field.text().pipe(z.string().min(1, `${V}cancelReason`).max(500, `${V}tooLong`)),
});

export const scheduleForm = z.object({
  assignmentId,
  workerId,
  weekdays: z.preprocess(
    (v) => many(v).map(Number),
    z
      .array(
        z
          .number()
          .int()
          .refine((d) => (WEEKDAYS as readonly number[]).includes(d), `${V}weekdays`),
      )
      .min(1, {
        error: `${V}weekdays`,
      }),
  ),
  startsAt: time,
  minutes,
  place,
});

/** The ticked weekdays alone, to show them again on a refused form. */
export const weekdaysOnly = z.object({ weekdays: field.many() });

export const removeScheduleForm = z.object({ id: field.text().pipe(uuidSchema) });

// --- /api/v1/service-acts ---

const apiDate = z.string().refine(isIsoDate, 'Дата РРРР-ММ-ДД');

export const createActBody = z.object({
  assignmentId: z.uuid().describe('Призначення послуги (надавачу): акт лише для призначеної особі послуги'),
  date: apiDate.describe('День надання, не в майбутньому й не раніше початку призначення'),
  minutes: z.number().int().min(1).max(1440).describe('Тривалість, хвилин'),
  place: z
    .enum(ACT_PLACES)
    .describe('home — вдома, day_centre — денний центр, residential — стаціонар, remote — дистанційно'),
  confirmedBy: z.enum(CONFIRMATIONS).describe('recipient — підпис отримувача, worker — підтвердив працівник'),
  confirmReason: z.string().max(500).optional().describe('Чому отримувач не міг підписати (для worker — обовʼязково)'),
  startsAt: z
    .string()
    .refine(isTime, 'Час ГГ:ХХ')
    .optional()
    .describe('Час початку ГГ:ХХ (акти працівника з часом не перетинаються)'),
  workerId: z.uuid().optional().describe('Працівник надавача, що надав послугу (типово — власник токена)'),
  note: z.string().max(1000).optional(),
});

export const actJson = z.object({
  id: z.uuid(),
  assignmentId: z.uuid(),
  personId: z.uuid(),
  service: z.string(),
  agencyId: z.number().int(),
  agency: z.string(),
  workerId: z.uuid(),
  worker: z.string(),
  date: z.string(),
  startsAt: z.string().nullable(),
  minutes: z.number().int(),
  place: z.enum(ACT_PLACES),
  confirmedBy: z.enum(CONFIRMATIONS),
  confirmReason: z.string().nullable(),
  signature: z.boolean().describe('Долучено скан підпису отримувача'),
  cancelled: z.boolean(),
  cancelReason: z.string().nullable(),
});

export const actListQuery = z.object({
  personId: z.uuid().describe('Отримувач'),
  month: z.string().refine(isMonth, 'Місяць РРРР-ММ').describe('Місяць РРРР-ММ'),
});

export const actListJson = z.object({ items: z.array(actJson) });
