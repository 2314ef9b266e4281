import { z } from 'zod';
import { field, queryDate } from '../../platform/forms.js';
import { isLocalDateTime, parseDisplayDate } from '../../platform/dates.js';
import { uuidSchema } from '../../platform/ids.js';
import { optionalPhoneField } from '../residents/profile/phone.js';
import { OFFICE_KINDS } from './appointments.queries.js';
import { TICKET_COMMANDS } from './queue-machine.js';

const V = 'appointments.v.';
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export const officeParams = z.object({ id: uuidSchema });
/** An office's service or staff member (a UUID) … */
export const officeItemParams = z.object({ id: uuidSchema, item: uuidSchema });
/** … or one of its absences (a number). */
export const officeAbsenceParams = z.object({ id: uuidSchema, item: z.string().regex(/^[1-9][0-9]{0,15}$/) });
export const appointmentParams = z.object({ id: uuidSchema });
/** The secret of a link in a visit's message: `<hromada>.<random>`. */
export const visitTokenParams = z.object({ token: z.string().regex(/^[1-9][0-9]{0,9}\.[A-Za-z0-9_-]{43}$/) });

export const doneQuery = z.object({
  done: z
    .enum([
      'created',
      'saved',
      'hours',
      'service',
      'serviceRemoved',
      'staff',
      'staffRemoved',
      'absence',
      'absenceRemoved',
      'interpreters',
    ])
    .optional()
    .catch(undefined),
});

export const OFFICE_FIELDS = ['name', 'kind', 'districtId', 'address', 'videoUrl', 'windows'];
export const officeForm = z
  .object({
    name: field.text().pipe(z.string().min(2, `${V}name`).max(200, `${V}tooLong`)),
    kind: field.text().pipe(z.enum(OFFICE_KINDS, { error: `${V}kind` })),
    districtId: field.optional().pipe(
      z
        .string()
        .regex(/^[1-9][0-9]{0,9}$/, `${V}district`)
        .transform(Number)
        .optional(),
    ),
    address: field.optional().pipe(z.string().max(300, `${V}tooLong`).optional()),
    windows: field.text().pipe(
      z
        .string()
        .regex(/^[0-9]{1,2}$/, `${V}windows`)
        .transform(Number)
        .refine((n) => n >= 1 && n <= 50, `${V}windows`),
    ),
    videoUrl: field.optional().pipe(
      z
        .string()
        .max(300, `${V}tooLong`)
        .regex(/^https:\/\/\S+$/, `${V}videoUrl`)
        .optional(),
    ),
    active: field.checkbox(),
  })
  .refine((o) => o.kind !== 'remote' || o.videoUrl !== undefined, { path: ['videoUrl'], error: `${V}videoUrlNeeded` })
  .refine((o) => o.kind !== 'starosta_office' || o.districtId !== undefined, {
    path: ['districtId'],
    error: `${V}districtNeeded`,
  })
  .transform((o) => ({
    name: o.name,
    kind: o.kind,
    districtId: o.districtId ?? null,
    address: o.address ?? null,
    active: o.active,
    windows: o.windows,
    videoUrl: o.kind === 'remote' ? (o.videoUrl ?? null) : null,
  }));

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const time = field.optional().pipe(z.string().regex(TIME, `${V}time`).optional());

/**
 * The week: for weekday N the fields `opens-N`, `closes-N`, `breakStarts-N`, `breakEnds-N` (`HH:MM`); a day with both
 * opening fields empty is closed.
 */
export const hoursForm = z.record(z.string(), z.unknown()).transform((v, ctx) => {
  const days = [];
  for (const d of WEEKDAYS) {
    const get = (name: string) => {
      const r = time.safeParse(v[`${name}-${d}`]);
      if (!r.success) {
        ctx.addIssue({ code: 'custom', path: [`${name}-${d}`], message: `${V}time` });
        return undefined;
      }
      return r.data;
    };
    const [opens, closes, breakStarts, breakEnds] = [get('opens'), get('closes'), get('breakStarts'), get('breakEnds')];
    if (!opens && !closes && !breakStarts && !breakEnds) continue;
    if (!opens || !closes || opens >= closes) {
      ctx.addIssue({ code: 'custom', path: [`opens-${d}`], message: `${V}hours` });
      continue;
    }
    if (
      !breakStarts !== !breakEnds ||
      (breakStarts && breakEnds && !(opens < breakStarts && breakStarts < breakEnds && breakEnds < closes))
    ) {
      ctx.addIssue({ code: 'custom', path: [`breakStarts-${d}`], message: `${V}break` });
      continue;
    }
    days.push({ weekday: d, opens, closes, breakStarts: breakStarts ?? null, breakEnds: breakEnds ?? null });
  }
  return days;
});

export const SERVICE_FIELDS = ['serviceId', 'slotMinutes', 'seats'];
export const officeServiceForm = z.object({
  serviceId: field.text().pipe(uuidSchema.or(z.literal('')).refine((s) => s !== '', `${V}service`)),
  slotMinutes: field.text().pipe(
    z
      .string()
      .regex(/^[0-9]{1,3}$/, `${V}slotMinutes`)
      .transform(Number)
      .refine((n) => n >= 5 && n <= 240, `${V}slotMinutes`),
  ),
  seats: field.text().pipe(
    z
      .string()
      .regex(/^[0-9]{1,2}$/, `${V}seats`)
      .transform(Number)
      .refine((n) => n >= 1 && n <= 20, `${V}seats`),
  ),
});

export const staffForm = z.object({
  userId: field.text().pipe(uuidSchema.or(z.literal('')).refine((s) => s !== '', `${V}staff`)),
});

const displayDate = (key: string) =>
  field.text().pipe(
    z.string().transform((v, ctx) => {
      const iso = /^\d{2}\.\d{2}\.\d{4}$/.test(v) ? parseDisplayDate(v) : null;
      if (!iso) ctx.addIssue({ code: 'custom', message: key });
      return iso ?? '';
    }),
  );

export const ABSENCE_FIELDS = ['absenceUserId', 'from', 'to', 'reason'];
export const absenceForm = z
  .object({
    absenceUserId: field.text().pipe(uuidSchema.or(z.literal('')).refine((s) => s !== '', `${V}staff`)),
    from: displayDate(`${V}date`),
    to: displayDate(`${V}date`),
    reason: field.optional().pipe(z.string().max(200, `${V}tooLong`).optional()),
  })
  .refine((a) => !a.from || !a.to || a.from <= a.to, { path: ['to'], error: `${V}range` })
  .transform((a) => ({ userId: a.absenceUserId, from: a.from, to: a.to, reason: a.reason ?? null }));

/** The choices of the booking picker, each optional so the page shows the next step (GET, works without JavaScript). */
export const pickerQuery = z.object({
  serviceId: uuidSchema.optional().catch(undefined),
  officeId: uuidSchema.optional().catch(undefined),
  week: queryDate(),
  done: z.enum(['booked', 'cancelled', 'moved']).optional().catch(undefined),
});

const start = field.text().pipe(z.string().refine(isLocalDateTime, `${V}start`));
const phone = optionalPhoneField(`${V}phone`);
const email = field.optional().pipe(z.email(`${V}email`).max(254, `${V}email`).optional());

/** A resident's booking (the slot chosen in the picker). */
export const myBookingForm = z.object({
  officeId: field.text().pipe(uuidSchema),
  serviceId: field.text().pipe(uuidSchema),
  start,
  interpreter: field.checkbox(),
});

export const BOOKING_FIELDS = ['start', 'contactName', 'contactPhone', 'contactEmail', 'note'];
/** A booking made by staff for a caller or a visitor: the slot and how to reach the person. */
export const staffBookingForm = z
  .object({
    officeId: field.text().pipe(uuidSchema),
    serviceId: field.text().pipe(uuidSchema),
    start,
    contactName: field.text().pipe(z.string().min(2, `${V}contactName`).max(200, `${V}tooLong`)),
    contactPhone: phone,
    contactEmail: email,
    note: field.optional().pipe(z.string().max(500, `${V}tooLong`).optional()),
    interpreter: field.checkbox(),
  })
  .transform((b) => ({
    officeId: b.officeId,
    serviceId: b.serviceId,
    start: b.start,
    interpreter: b.interpreter,
    contact: { name: b.contactName, phone: b.contactPhone ?? null, email: b.contactEmail ?? null },
    note: b.note ?? null,
  }));

export const outcomeForm = z.object({
  outcome: field.text().pipe(z.enum(['attended', 'no_show', 'booked'], { error: `${V}outcome` })),
  outcomeNote: field.optional().pipe(z.string().max(1000, `${V}tooLong`).optional()),
});

/** The hromada's sign-language interpreters for visits at the same time. */
export const interpretersForm = z.object({
  interpreters: field.text().pipe(
    z
      .string()
      .regex(/^[0-9]{1,2}$/, `${V}interpreters`)
      .transform(Number)
      .refine((n) => n <= 20, `${V}interpreters`),
  ),
});

export const dayQuery = z.object({
  date: queryDate(),
  officeId: uuidSchema.optional().catch(undefined),
  done: z.enum(['booked', 'cancelled', 'outcome', 'linked']).optional().catch(undefined),
});

/** Moving a visit to another time (staff, the cabinet): the same office and service, a new start. */
export const moveForm = z.object({
  replaces: field.text().pipe(uuidSchema),
  officeId: field.text().pipe(uuidSchema),
  serviceId: field.text().pipe(uuidSchema),
  start,
});

export const staffPickerQuery = pickerQuery.extend({ replaces: uuidSchema.optional().catch(undefined) });

/** Moving by a message's link: only the new start (the office and service stay). */
export const visitMoveForm = z.object({ start });

/** The registration number of the application a visit ended in (as the receipt prints it). */
export const linkApplicationForm = z.object({
  number: field.text().pipe(z.string().min(1, `${V}application`).max(40, `${V}application`)),
});

export const queueParams = z.object({ officeId: uuidSchema });
export const ticketParams = z.object({ officeId: uuidSchema, id: uuidSchema });
const windowNo = z
  .string()
  .regex(/^[1-9][0-9]?$/)
  .transform(Number);
export const consoleQuery = z.object({
  window: windowNo.optional().catch(undefined),
  done: z.enum(['called', 'nobody', 'issued', 'done']).optional().catch(undefined),
});
/** The kiosk: a service, or the phone number of today's booking. */
export const kioskForm = z
  .object({ serviceId: field.optional().pipe(uuidSchema.optional()), phone })
  .refine((k) => k.serviceId !== undefined || k.phone !== undefined, { path: ['serviceId'], error: `${V}service` })
  .transform((k) => ({ serviceId: k.serviceId ?? null, phone: k.phone ?? null }));
export const issueForm = z
  .object({
    serviceId: field.optional().pipe(uuidSchema.optional()),
    appointmentId: field.optional().pipe(uuidSchema.optional()),
  })
  .transform((k) => ({ serviceId: k.serviceId ?? null, appointmentId: k.appointmentId ?? null }));
export const callForm = z.object({ window: field.text().pipe(windowNo) });
export const commandForm = z.object({
  command: field.text().pipe(z.enum(TICKET_COMMANDS)),
  window: field.text().pipe(windowNo),
  to: field.optional().pipe(windowNo.optional()),
});
