import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { addDays, isIsoDate, isLocalDateTime, kyivInstant, kyivLocal, kyivToday } from '../../platform/dates.js';
import { authorize } from '../../platform/policy.js';
import { apiRoute, withFieldErrors } from '../api/api-route.js';
import { OFFICE_KINDS } from './appointments.queries.js';
import { listOffices } from './use-cases/list-offices.js';
import { findFreeSlots } from './use-cases/find-free-slots.js';
import { bookAppointment } from './use-cases/book-appointment.js';
import { cancelAppointment } from './use-cases/cancel-appointment.js';
import { getAppointment } from './use-cases/get-appointment.js';

const TAG = 'Запис на прийом';
const MAX_RANGE_DAYS = 31;

const isoDate = z.string().refine(isIsoDate, 'Дата у форматі РРРР-ММ-ДД');

/**
 * A start as Kyiv wall clock: `2026-12-07T09:00` is read as Kyiv time; with seconds and an offset or `Z`
 * (`2026-12-07T07:00:00Z`) it is converted. Seconds must be zero.
 */
const startTime = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    if (isLocalDateTime(v)) return v;
    const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:00(\.0+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(v);
    const at = m ? new Date(v) : null;
    if (!at || Number.isNaN(at.getTime())) {
      ctx.addIssue({
        code: 'custom',
        message: 'Час початку у форматі РРРР-ММ-ДДTГГ:ХХ (за Києвом) або ISO 8601 зі зсувом',
      });
      return z.NEVER;
    }
    return kyivLocal(at);
  })
  .describe('Початок прийому: час за Києвом `2026-12-07T09:00` або ISO 8601 зі зсувом');

const officeJson = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z
    .enum(OFFICE_KINDS)
    .describe('front_office — ЦНАП / фронт-офіс, starosta_office — старостат, outreach — виїзний пункт'),
  address: z.string().nullable(),
  district: z.string().nullable().describe('Старостинський округ'),
  services: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      slotMinutes: z.number().int().describe('Тривалість прийому, хв'),
      seats: z.number().int().describe('Скільки відвідувачів приймають одночасно'),
    }),
  ),
});

const slotJson = z.object({
  start: z.string().describe('Початок, ISO 8601 зі зсувом Києва'),
  end: z.string(),
  free: z.number().int().describe('Вільних місць'),
});

const appointmentJson = z.object({
  id: z.uuid(),
  officeId: z.uuid(),
  serviceId: z.uuid(),
  start: z.string(),
  end: z.string(),
  status: z.enum(['booked', 'cancelled', 'attended', 'no_show']),
});

const bookBody = z
  .object({
    officeId: z.uuid(),
    serviceId: z.uuid(),
    start: startTime,
    personId: z.uuid().optional().describe('Особа з реєстру громади'),
    contact: z
      .object({
        name: z.string().trim().min(2).max(200),
        phone: z
          .string()
          .regex(/^\+380[1-9][0-9]{8}$/, 'Номер у форматі +380XXXXXXXXX')
          .optional(),
        email: z.email().max(254).optional(),
      })
      .optional()
      .describe('Як зв’язатися з людиною, якої немає в реєстрі'),
    note: z.string().trim().max(500).optional(),
    interpreter: z.boolean().optional().describe('Зарезервувати перекладача жестової мови'),
  })
  .refine((b) => !!b.personId !== !!b.contact, {
    error: 'Потрібне одне з полів: personId або contact',
    path: ['personId'],
  });

/** /api/v1/offices and /api/v1/appointments: offices with their services, free slots, booking and cancelling. */
export function appointmentsApi(services: Services) {
  return function (app: FastifyInstance) {
    apiRoute(app, services, {
      method: 'GET',
      path: '/offices',
      tags: [TAG],
      action: 'api.offices.list',
      operation: 'read',
      summary: 'Відкриті місця прийому громади з послугами, на які можна записатися',
      response: z.object({ items: z.array(officeJson) }),
      handler: async ({ actor, describe, useCase }) => {
        authorize(actor, 'offices.read');
        describe({ entityType: 'office' });
        const { offices } = await listOffices({ ...useCase, activeOnly: true });
        return {
          items: offices.map((o) => ({
            id: o.id,
            name: o.name,
            kind: o.kind,
            address: o.address,
            district: o.district_name,
            services: o.services.map((s) => ({
              id: s.service_id,
              name: s.name,
              slotMinutes: s.slot_minutes,
              seats: s.seats,
            })),
          })),
        };
      },
    });

    apiRoute(app, services, {
      method: 'GET',
      path: '/offices/:id/slots',
      tags: [TAG],
      action: 'api.offices.slots',
      operation: 'read',
      summary:
        'Вільний час прийому послуги в цьому місці (від from до to, не більше 31 дня; за замовчуванням — 7 днів)',
      params: z.object({ id: z.uuid().describe('Місце прийому') }),
      query: z.object({ serviceId: z.uuid(), from: isoDate.optional(), to: isoDate.optional() }),
      response: z.object({ items: z.array(slotJson) }),
      errors: { 404: 'Місця прийому немає в громаді токена' },
      handler: async ({ req, actor, params, query, describe, useCase }) => {
        authorize(actor, 'offices.read');
        describe({ entityType: 'office', entityId: params.id });
        const from = query.from ?? kyivToday();
        const to = query.to ?? addDays(from, 6);
        const last = to > addDays(from, MAX_RANGE_DAYS - 1) ? addDays(from, MAX_RANGE_DAYS - 1) : to;
        const slots = await withFieldErrors(req, () =>
          findFreeSlots({ ...useCase, officeId: params.id, serviceId: query.serviceId, from, to: last }),
        );
        return {
          items: slots
            .filter((s) => s.free > 0)
            .map((s) => ({ start: kyivInstant(s.start), end: kyivInstant(s.end), free: s.free })),
        };
      },
    });

    apiRoute(app, services, {
      method: 'POST',
      path: '/appointments',
      tags: [TAG],
      action: 'api.appointments.create',
      operation: 'write',
      status: 201,
      summary: 'Записати на прийом особу з реєстру або людину за контактом',
      description:
        'Час має бути одним із вільних (GET /offices/{id}/slots). Якщо останнє місце щойно зайняли — 409; ' +
        'минулий час, час поза графіком, вихідний чи свято, другий запис тієї ж особи на той самий час — 400 з поясненням.',
      body: bookBody,
      response: appointmentJson,
      errors: { 404: 'Місця прийому немає в громаді токена', 409: 'Цей час уже зайнятий' },
      // Callers of one time take turns; once it is full, those waiting are refused at once (decision 0037).
      contended: { key: (b) => `visit:${b.officeId}:${b.serviceId}:${b.start}`, action: 'appointments.book' },
      handler: async ({ req, body, describe, useCase, asCallEntry, gone }) => {
        const booked = await withFieldErrors(req, () =>
          // The booking's entry is the call's own: one entry per call, written with the commit.
          bookAppointment({
            ...useCase,
            audit: asCallEntry,
            officeId: body.officeId,
            serviceId: body.serviceId,
            start: body.start,
            personId: body.personId ?? null,
            contact: body.contact
              ? { name: body.contact.name, phone: body.contact.phone ?? null, email: body.contact.email ?? null }
              : null,
            note: body.note ?? null,
            channel: 'api',
            interpreter: body.interpreter === true,
          }),
        );
        describe({ entityType: 'appointment', entityId: booked.id });
        if (booked.full) gone('appointments.slotGone');
        return {
          id: booked.id,
          officeId: body.officeId,
          serviceId: body.serviceId,
          start: kyivInstant(booked.start),
          end: kyivInstant(booked.end),
          status: 'booked' as const,
        };
      },
    });

    apiRoute(app, services, {
      method: 'DELETE',
      path: '/appointments/:id',
      tags: [TAG],
      action: 'api.appointments.cancel',
      operation: 'write',
      summary: 'Скасувати запис, що ще не почався',
      params: z.object({ id: z.uuid() }),
      response: appointmentJson,
      errors: { 404: 'Запису немає в громаді токена', 409: 'Запис уже скасовано або прийом почався' },
      handler: async ({ params, describe, useCase }) => {
        describe({ entityType: 'appointment', entityId: params.id });
        await cancelAppointment({ ...useCase, id: params.id });
        return toJson((await getAppointment({ ...useCase, id: params.id })).appointment);
      },
    });
    return Promise.resolve();
  };
}

const toJson = (a: Awaited<ReturnType<typeof getAppointment>>['appointment']) => ({
  id: a.id,
  officeId: a.office_id,
  serviceId: a.service_id,
  start: kyivInstant(a.start),
  end: kyivInstant(a.end),
  status: a.status,
});
