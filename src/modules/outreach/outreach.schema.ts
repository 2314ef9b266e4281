import { z } from 'zod';
import { field, queryDate } from '../../platform/forms.js';
import { isIsoDate, parseDisplayDate } from '../../platform/dates.js';
import { uuidSchema } from '../../platform/ids.js';
import { personFieldsSchema, personInputSchema } from '../persons/persons.schema.js';
import { ACT_PLACES, CONFIRMATIONS, isTime } from '../service-acts/act-rules.js';

const V = 'outreach.v.';

export const tripParams = z.object({ id: uuidSchema });
export const stopParams = z.object({ id: uuidSchema, stopId: uuidSchema });
export const conflictParams = z.object({ id: uuidSchema });
export const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(10000).optional().catch(undefined),
  mine: z.enum(['1']).optional().catch(undefined),
  done: z.string().max(30).optional().catch(undefined),
});
export const conflictsQuery = z.object({ status: z.enum(['open', 'resolved']).optional().catch(undefined) });
export { queryDate };

export const TRIP_FIELDS = ['date', 'title', 'settlements', 'staff', 'vehicleId'];
/** A trip's plan: the day (дд.мм.рррр), a title, its settlements in route order, who goes, the vehicle. */
export const tripForm = z.object({
  date: field.text().transform((s, ctx) => {
    const iso = /^\d{2}\.\d{2}\.\d{4}$/.test(s) ? parseDisplayDate(s) : null;
    if (!iso) ctx.addIssue({ code: 'custom', message: `${V}date` });
    return iso ?? '';
  }),
  title: field.text().pipe(z.string().min(3, `${V}title`).max(200, `${V}tooLong`)),
  settlements: field.many().pipe(
    z
      .array(z.string().regex(/^UA[0-9]{17}$/, `${V}settlements`))
      .min(1, `${V}settlements`)
      .max(100),
  ),
  staff: field.many().pipe(z.array(uuidSchema).min(1, `${V}staff`).max(20)),
  vehicleId: field.optional().pipe(
    z
      .string()
      .regex(/^[1-9][0-9]{0,15}$/, `${V}vehicle`)
      .optional(),
  ),
});
export type TripForm = z.infer<typeof tripForm>;

export const SOURCES = ['booking', 'case', 'application', 'manual'] as const;
/** A resident added as a stop: from the candidates (its source and what brought them) or found by hand. */
export const stopForm = z.object({
  personId: uuidSchema,
  source: z.enum(SOURCES),
  reason: field.optional().pipe(z.string().max(300, `${V}tooLong`).optional()),
});
export const moveForm = z.object({ direction: z.enum(['up', 'down']) });
export const OUTCOMES = ['served', 'not_home', 'refused'] as const;
export const outcomeForm = z.object({
  outcome: z.enum(OUTCOMES, { error: `${V}outcome` }),
  note: field.optional().pipe(z.string().max(2000, `${V}tooLong`).optional()),
});
export const findForm = z.object({ q: field.text().pipe(z.string().min(2, `${V}query`).max(200, `${V}tooLong`)) });
export const finishForm = z.object({
  report: field.optional().pipe(z.string().max(4000, `${V}tooLong`).optional()),
});

/** The worker's password to take the trip's package (JSON from the workstation). */
export const packageBody = z.object({ password: z.string().min(1, `${V}password`).max(200) });

// ---- the operations the workstation syncs (one per request) ----

const opBase = { opId: uuidSchema, at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), `${V}at`) };
const who = { personId: uuidSchema.optional(), personRef: uuidSchema.optional() };
const hasPerson = (o: { personId?: string; personRef?: string }) =>
  (o.personId === undefined) !== (o.personRef === undefined);

/** Fields of a person the workstation may change (contacts, address, names, birth date). */
export const PATCH_FIELDS = [
  'lastName',
  'firstName',
  'patronymic',
  'birthDate',
  'phone',
  'email',
  'settlementCode',
  'street',
  'house',
  'apartment',
] as const;
export type PatchField = (typeof PATCH_FIELDS)[number];
const patchSchema = personFieldsSchema
  .pick(Object.fromEntries(PATCH_FIELDS.map((f) => [f, true])) as { [K in PatchField]: true })
  .partial()
  .refine((p) => Object.keys(p).length > 0, `${V}emptyPatch`);

/** A file photographed or scanned on the device. */
const fileSchema = z.object({
  fileName: z.string().min(1).max(200),
  dataBase64: z.string().min(4).max(14_000_000),
});
const documentSchema = fileSchema.extend({ requirement: z.union([uuidSchema, z.literal('other')]) });

export const syncOp = z.discriminatedUnion('kind', [
  z.object({ ...opBase, kind: z.literal('person.create'), personRef: uuidSchema, data: personInputSchema }),
  z
    .object({
      ...opBase,
      ...who,
      kind: z.literal('person.update'),
      baseVersion: z.number().int().min(1),
      patch: patchSchema,
    })
    .refine(hasPerson, `${V}person`),
  z
    .object({
      ...opBase,
      ...who,
      kind: z.literal('application.create'),
      serviceId: uuidSchema,
      confirmed: z.literal(true, { error: `${V}confirmed` }),
      documents: z.array(documentSchema).max(10),
    })
    .refine(hasPerson, `${V}person`),
  z.object({
    ...opBase,
    kind: z.literal('case.note'),
    caseId: uuidSchema,
    text: z.string().trim().min(1, `${V}noteText`).max(4000, `${V}tooLong`),
    happenedOn: z.string().refine(isIsoDate, `${V}date`),
  }),
  z.object({
    ...opBase,
    kind: z.literal('act.record'),
    assignmentId: uuidSchema,
    date: z.string().refine(isIsoDate, `${V}actDate`),
    startsAt: z.string().refine(isTime, `${V}actTime`).optional(),
    minutes: z.number().int(`${V}actMinutes`).min(1, `${V}actMinutes`).max(1440, `${V}actMinutes`),
    place: z.enum(ACT_PLACES, { error: `${V}actPlace` }),
    confirmedBy: z.enum(CONFIRMATIONS, { error: `${V}actConfirmedBy` }),
    confirmReason: z.string().trim().max(500, `${V}tooLong`).optional(),
    note: z.string().trim().max(1000, `${V}tooLong`).optional(),
    /** The paper act signed by the recipient, photographed or scanned (only with the recipient's confirmation). */
    signature: fileSchema.optional(),
  }),
  z.object({
    ...opBase,
    kind: z.literal('stop.record'),
    stopId: uuidSchema,
    outcome: z.enum(OUTCOMES, { error: `${V}outcome` }),
    note: z.string().trim().max(2000, `${V}tooLong`).optional(),
  }),
  z
    .object({
      ...opBase,
      ...who,
      kind: z.literal('visit.book'),
      officeId: uuidSchema,
      serviceId: uuidSchema,
      start: z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), `${V}start`),
    })
    .refine(hasPerson, `${V}person`),
]);
export type SyncOp = z.infer<typeof syncOp>;
export const syncBody = z.object({ op: z.unknown() });
/** Only the id of an operation, to answer even one that does not parse. */
export const opIdOnly = z.object({ opId: uuidSchema });

/** The conflicts whose outcome a device asks for (those its sync was answered with). */
export const conflictsBody = z.object({ ids: z.array(uuidSchema).min(1).max(500) });

/** The resolution of a conflict: for each field the device changed, the device's or the server's value. */
export const resolveForm = z.object({
  version: z.coerce.number().int().min(1),
  ...(Object.fromEntries(
    PATCH_FIELDS.map((f) => [`choice-${f}`, z.enum(['device', 'server']).optional().catch(undefined)]),
  ) as {
    [K in PatchField as `choice-${K}`]: z.ZodCatch<z.ZodOptional<z.ZodEnum<{ device: 'device'; server: 'server' }>>>;
  }),
});
/** The ticked settlements and staff of a posted trip form (shown again when it is refused). */
export const tripChoices = z.object({ settlements: field.many(), staff: field.many() });
