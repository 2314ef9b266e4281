import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { addDays, displayDate, kyivToday } from '../../platform/dates.js';
import {
  formErrors,
  formValues,
  NO_ERRORS,
  orRerender,
  parseParams,
  parseQuery,
  parseWith,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { authorize } from '../../platform/policy.js';
import { useCaseOf } from '../../platform/use-case.js';
import {
  appointmentParams,
  BOOKING_FIELDS,
  dayQuery,
  linkApplicationForm,
  moveForm,
  outcomeForm,
  staffBookingForm,
  staffPickerQuery,
} from './appointments.schema.js';
import { dayLabel, officeLabel, presentAppointment, slotDays, weekNav } from './appointments.presenter.js';
import { isChangeable } from './booking.js';
import { listDayAppointments } from './use-cases/list-day-appointments.js';
import { getBookingOptions } from './use-cases/get-booking-options.js';
import { bookAppointment, type StaffBooking } from './use-cases/book-appointment.js';
import { getAppointment } from './use-cases/get-appointment.js';
import { cancelAppointment } from './use-cases/cancel-appointment.js';
import { recordVisitOutcome } from './use-cases/record-visit-outcome.js';
import { linkVisitApplication } from './use-cases/link-visit-application.js';

/** The staff's side of visits: the day's list, booking for a caller or visitor, a visit's page, cancel and outcome. */
export function appointmentRoutes(services: Services) {
  async function renderBook(req: FastifyRequest, reply: FastifyReply, posted: FormValues | null, errors: FormErrors) {
    const q = parseQuery(req, staffPickerQuery);
    const pick = q.ok ? q.data : {};
    const source = posted ?? {};
    const v = await getBookingOptions({
      ...useCaseOf(req, services),
      officeId: source.officeId ?? pick.officeId ?? null,
      serviceId: source.serviceId ?? pick.serviceId ?? null,
      week: pick.week ?? null,
      replaces: source.replaces ?? pick.replaces ?? null,
    });
    const base = new URLSearchParams();
    if (v.office) base.set('officeId', v.office.id);
    if (v.service) base.set('serviceId', v.service.service_id);
    if (v.moving) base.set('replaces', v.moving.id);
    noStore(reply);
    return reply.page(
      'appointments/views/book.njk',
      {
        pageTitle: req.t(v.moving ? 'appointments.book.moveTitle' : 'appointments.book.title'),
        moving: v.moving ? presentAppointment(req.t, v.moving) : null,
        officeItems: [
          { value: '', text: req.t('appointments.chooseOffice') },
          ...v.offices.map((o) => ({ value: o.id, text: officeLabel(req.t, o), selected: o.id === v.office?.id })),
        ],
        office: v.office,
        serviceItems: [
          { value: '', text: req.t('appointments.chooseService') },
          ...v.services.map((s) => ({
            value: s.service_id,
            text: s.name,
            selected: s.service_id === v.service?.service_id,
          })),
        ],
        service: v.service,
        interpreters: v.interpreters,
        days: v.service ? slotDays(req.t, req.locale, v.from, v.slots, source.start) : [],
        nav: weekNav(v.from, v.today),
        navHref: `/appointments/new?${base.toString()}&`,
        values: source,
        slotError: errors.errors.start,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderAppointment(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    confirmCancel: boolean,
    errors: FormErrors = NO_ERRORS,
  ) {
    const { appointment: a, applicationNumber } = await getAppointment({ ...useCaseOf(req, services), id });
    const q = parseQuery(req, dayQuery);
    noStore(reply);
    return reply.page(
      confirmCancel ? 'appointments/views/cancel.njk' : 'appointments/views/appointment.njk',
      {
        pageTitle: req.t(confirmCancel ? 'appointments.cancel.title' : 'appointments.view.title'),
        a: presentAppointment(req.t, a),
        changeable: isChangeable(a),
        canOutcome: a.status !== 'cancelled' && a.start.slice(0, 10) <= kyivToday(),
        cancelAction: `/appointments/${a.id}/cancel`,
        backHref: `/appointments/${a.id}`,
        moveHref: `/appointments/new?replaces=${a.id}`,
        application: a.application_id ? { href: `/applications/${a.application_id}`, number: applicationNumber } : null,
        values: formValues(req.body),
        done: q.ok ? q.data.done : undefined,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/appointments', async (req, reply) => {
      authorize(req.actor, 'appointments.read');
      const q = parseQuery(req, dayQuery);
      const date = (q.ok && q.data.date) || kyivToday();
      const officeId = (q.ok && q.data.officeId) || null;
      const v = await listDayAppointments({ ...useCaseOf(req, services), date, officeId });
      const items = v.items.map((a) => presentAppointment(req.t, a));
      const office = (officeId && v.offices.find((o) => o.id === officeId)) || null;
      const qs = (d: string) => `/appointments?date=${d}${office ? `&officeId=${office.id}` : ''}`;
      noStore(reply);
      return reply.page('appointments/views/day.njk', {
        pageTitle: req.t('appointments.day.title'),
        dayText: dayLabel(date, req.locale),
        date,
        dateText: displayDate(date),
        officeItems: [
          { value: '', text: req.t('appointments.allOffices') },
          ...v.offices.map((o) => ({ value: o.id, text: o.name, selected: o.id === office?.id })),
        ],
        items,
        counts: {
          booked: items.filter((a) => a.status === 'booked').length,
          attended: items.filter((a) => a.status === 'attended').length,
          noShow: items.filter((a) => a.status === 'no_show').length,
          cancelled: items.filter((a) => a.status === 'cancelled').length,
        },
        prevHref: qs(addDays(date, -1)),
        nextHref: qs(addDays(date, 1)),
        todayHref: qs(kyivToday()),
        bookHref: `/appointments/new${office ? `?officeId=${office.id}` : ''}`,
        done: q.ok ? q.data.done : undefined,
      });
    });

    app.get('/appointments/new', async (req, reply) => {
      authorize(req.actor, 'appointments.book');
      return renderBook(req, reply, null, NO_ERRORS);
    });

    app.post('/appointments', async (req, reply) => {
      authorize(req.actor, 'appointments.book');
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderBook(req, reply, values, errors);
      const channel = req.actor.grants.some((g) => g.role === 'starosta') ? 'starosta' : 'front_office';
      let input: Omit<StaffBooking, 'channel'>;
      if (values.replaces) {
        const p = parseWith(moveForm, values);
        if (!p.ok) return show(formErrors(req.t, p.problems, { order: BOOKING_FIELDS }));
        input = { ...p.data, personId: null, contact: null, note: null };
      } else {
        const p = parseWith(staffBookingForm, values);
        if (!p.ok) return show(formErrors(req.t, p.problems, { order: BOOKING_FIELDS }));
        input = { ...p.data, personId: null };
      }
      const r = await orRerender(req, () => bookAppointment({ ...useCaseOf(req, services), ...input, channel }), show);
      if (!r.done) return r.reply;
      return reply.redirect(`/appointments/${r.value.id}?done=booked`, 303);
    });

    app.get('/appointments/:id', async (req, reply) => {
      authorize(req.actor, 'appointments.read');
      const { id } = parseParams(req, appointmentParams);
      return renderAppointment(req, reply, id, false);
    });

    app.get('/appointments/:id/cancel', async (req, reply) => {
      authorize(req.actor, 'appointments.book');
      const { id } = parseParams(req, appointmentParams);
      return renderAppointment(req, reply, id, true);
    });

    app.post('/appointments/:id/cancel', async (req, reply) => {
      authorize(req.actor, 'appointments.book');
      const { id } = parseParams(req, appointmentParams);
      await cancelAppointment({ ...useCaseOf(req, services), id });
      return reply.redirect(`/appointments/${id}?done=cancelled`, 303);
    });

    app.post('/appointments/:id/application', async (req, reply) => {
      authorize(req.actor, 'appointments.book');
      const { id } = parseParams(req, appointmentParams);
      const show = (errors: FormErrors) => renderAppointment(req, reply, id, false, errors);
      const parsed = parseWith(linkApplicationForm, req.body);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems));
      const r = await orRerender(
        req,
        () => linkVisitApplication({ ...useCaseOf(req, services), id, number: parsed.data.number }),
        show,
      );
      if (!r.done) return r.reply;
      return reply.redirect(`/appointments/${id}?done=linked`, 303);
    });

    app.post('/appointments/:id/outcome', async (req, reply) => {
      authorize(req.actor, 'appointments.book');
      const { id } = parseParams(req, appointmentParams);
      const parsed = parseWith(outcomeForm, req.body);
      if (!parsed.ok) return renderAppointment(req, reply, id, false, formErrors(req.t, parsed.problems));
      await recordVisitOutcome({
        ...useCaseOf(req, services),
        id,
        outcome: parsed.data.outcome,
        note: parsed.data.outcomeNote ?? null,
      });
      return reply.redirect(`/appointments/${id}?done=outcome`, 303);
    });
  };
}
