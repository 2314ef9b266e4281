import { z } from 'zod';
import { field, queryDate } from '../../platform/forms.js';
import { isLocalDateTime, parseDisplayDate } from '../../platform/dates.js';
import { uuidSchema } from '../../platform/ids.js';
import { optionalPhoneField } from '../residents/profile/phone.js';

const V = 'taxi.v.';

export const rideParams = z.object({ id: uuidSchema });
export const vehicleParams = z.object({ id: z.string().regex(/^[1-9][0-9]{0,15}$/) });
export const dayQuery = z.object({
  date: queryDate(),
  done: z.enum(['requested', 'scheduled', 'done', 'no_show', 'cancelled', 'vehicle']).optional().catch(undefined),
});
const phone = optionalPhoneField(`${V}phone`);

/** Day (дд.мм.рррр) and time (ГГ:ХХ) of pick-up → a Kyiv wall-clock time. */
const pickupAt = (b: Record<string, unknown>) => {
  const day = typeof b.date === 'string' ? b.date.trim() : '';
  const time = typeof b.time === 'string' ? b.time.trim() : '';
  const iso = /^\d{2}\.\d{2}\.\d{4}$/.test(day) ? parseDisplayDate(day) : null;
  return iso && /^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(time) ? `${iso}T${time}` : '';
};

export const RIDE_FIELDS = ['contactName', 'contactPhone', 'settlementCode', 'pickup', 'destination', 'date', 'note'];
const rideFields = {
  settlementCode: field.text().pipe(z.string().regex(/^UA[0-9]{17}$/, `${V}settlement`)),
  pickup: field.text().pipe(z.string().min(3, `${V}pickup`).max(300, `${V}tooLong`)),
  destination: field.text().pipe(z.string().min(3, `${V}destination`).max(300, `${V}tooLong`)),
  date: z.string().refine(isLocalDateTime, `${V}date`),
  wheelchair: field.checkbox(),
  companion: field.checkbox(),
  note: field.optional().pipe(z.string().max(500, `${V}tooLong`).optional()),
};

/** A ride asked for by phone at the front office or through a starosta: who, from where, where to, when. */
export const staffRideForm = z.preprocess(
  (b) => ({ ...(b as Record<string, unknown>), date: pickupAt((b ?? {}) as Record<string, unknown>) }),
  z
    .object({
      ...rideFields,
      contactName: field.text().pipe(z.string().min(2, `${V}contactName`).max(200, `${V}tooLong`)),
      contactPhone: phone,
    })
    .transform(({ date, ...r }) => ({
      ...r,
      pickupAt: date,
      contactPhone: r.contactPhone ?? null,
      note: r.note ?? null,
    })),
);

/** A resident's own ride request from the cabinet (their name comes from the account). */
export const myRideForm = z.preprocess(
  (b) => ({ ...(b as Record<string, unknown>), date: pickupAt((b ?? {}) as Record<string, unknown>) }),
  z.object({ ...rideFields, contactPhone: phone }).transform(({ date, ...r }) => ({
    ...r,
    pickupAt: date,
    contactPhone: r.contactPhone ?? null,
    note: r.note ?? null,
  })),
);

export const scheduleForm = z.object({
  vehicleId: field.optional().pipe(
    z
      .string()
      .regex(/^[1-9][0-9]{0,15}$/, `${V}vehicle`)
      .optional(),
  ),
  driver: field.optional().pipe(z.string().max(100, `${V}tooLong`).optional()),
  routeOrder: field.optional().pipe(
    z
      .string()
      .regex(/^[1-9][0-9]{0,2}$/, `${V}order`)
      .transform(Number)
      .optional(),
  ),
});

export const outcomeForm = z.object({
  outcome: field.text().pipe(z.enum(['done', 'no_show', 'cancelled'], { error: `${V}outcome` })),
});

export const VEHICLE_FIELDS = ['name', 'plate', 'seats'];
export const vehicleForm = z.object({
  name: field.text().pipe(z.string().min(2, `${V}vehicleName`).max(100, `${V}tooLong`)),
  plate: field.optional().pipe(z.string().max(20, `${V}tooLong`).optional()),
  wheelchair: field.checkbox(),
  seats: field.text().pipe(
    z
      .string()
      .regex(/^[0-9]{1,2}$/, `${V}seats`)
      .transform(Number)
      .refine((n) => n >= 1 && n <= 20, `${V}seats`),
  ),
  active: field.checkbox(),
});
