import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { kyivLocal } from '../../platform/dates.js';
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
import { useCaseOf } from '../../platform/use-case.js';
import { requireResident } from '../cabinet/cabinet.policy.js';
import { appointmentParams, moveForm, myBookingForm, staffPickerQuery } from './appointments.schema.js';
import { officeLabel, presentAppointment, slotDays, weekNav } from './appointments.presenter.js';
import { isChangeable } from './booking.js';
import { getMyBookingOptions } from './use-cases/get-my-booking-options.js';
import { bookMyAppointment } from './use-cases/book-my-appointment.js';
import { listMyAppointments } from './use-cases/list-my-appointments.js';
import { getMyAppointment } from './use-cases/get-my-appointment.js';
import { cancelMyAppointment } from './use-cases/cancel-my-appointment.js';

/** The resident's visits in the cabinet: book (service → place → time), see, move and cancel. */
export function cabinetAppointmentRoutes(services: Services) {
  async function renderBook(req: FastifyRequest, reply: FastifyReply, posted: FormValues | null, errors: FormErrors) {
    const actor = requireResident(req.actor);
    const q = parseQuery(req, staffPickerQuery);
    const pick = q.ok ? q.data : {};
    const source = posted ?? {};
    const replaces = source.replaces ?? pick.replaces;
    const moving = replaces ? await getMyAppointment({ ...useCaseOf(req, services), actor, id: replaces }) : null;
    const v = await getMyBookingOptions({
      ...useCaseOf(req, services),
      actor,
      serviceId: moving?.service_id ?? source.serviceId ?? pick.serviceId ?? null,
      officeId: moving?.office_id ?? source.officeId ?? pick.officeId ?? null,
      week: pick.week ?? null,
    });
    const base = new URLSearchParams();
    if (v.service) base.set('serviceId', v.service.id);
    if (v.office) base.set('officeId', v.office.id);
    if (moving) base.set('replaces', moving.id);
    noStore(reply);
    return reply.page(
      'appointments/views/my-book.njk',
      {
        pageTitle: req.t(moving ? 'appointments.book.moveTitle' : 'appointments.cabinet.bookTitle'),
        moving: moving ? presentAppointment(req.t, moving) : null,
        serviceItems: [
          { value: '', text: req.t('appointments.chooseService') },
          ...v.services.map((s) => ({ value: s.id, text: s.name, selected: s.id === v.service?.id })),
        ],
        noServices: !v.services.length,
        service: v.service,
        officeItems: v.offices.map((o) => ({
          value: o.id,
          text: officeLabel(req.t, o),
          checked: o.id === v.office?.id,
        })),
        office: v.office,
        interpreters: v.interpreters,
        days: v.office ? slotDays(req.t, req.locale, v.from, v.slots, source.start) : [],
        nav: weekNav(v.from, v.today),
        navHref: `/cabinet/appointments/new?${base.toString()}&`,
        slotError: errors.errors.start ?? errors.errors.serviceId ?? errors.errors.officeId,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderOne(req: FastifyRequest, reply: FastifyReply, view: 'my-appointment' | 'cancel') {
    const actor = requireResident(req.actor);
    const { id } = parseParams(req, appointmentParams);
    const a = await getMyAppointment({ ...useCaseOf(req, services), actor, id });
    const q = parseQuery(req, staffPickerQuery);
    noStore(reply);
    return reply.page(`appointments/views/${view}.njk`, {
      pageTitle: req.t(view === 'cancel' ? 'appointments.cancel.title' : 'appointments.view.title'),
      a: presentAppointment(req.t, a),
      changeable: isChangeable(a),
      cancelAction: `/cabinet/appointments/${a.id}/cancel`,
      backHref: `/cabinet/appointments/${a.id}`,
      moveHref: `/cabinet/appointments/new?replaces=${a.id}`,
      done: q.ok ? q.data.done : undefined,
    });
  }

  return function (app: FastifyInstance) {
    app.get('/cabinet/appointments', async (req, reply) => {
      const actor = requireResident(req.actor);
      const items = await listMyAppointments({ ...useCaseOf(req, services), actor });
      const now = kyivLocal();
      const q = parseQuery(req, staffPickerQuery);
      const present = items.map((a) => ({ ...presentAppointment(req.t, a), href: `/cabinet/appointments/${a.id}` }));
      noStore(reply);
      return reply.page('appointments/views/my-appointments.njk', {
        pageTitle: req.t('appointments.cabinet.title'),
        upcoming: present.filter((a, i) => items[i].start > now && a.status === 'booked').reverse(),
        past: present.filter((a, i) => !(items[i].start > now && a.status === 'booked')),
        done: q.ok ? q.data.done : undefined,
      });
    });

    app.get('/cabinet/appointments/new', async (req, reply) => renderBook(req, reply, null, NO_ERRORS));

    app.post('/cabinet/appointments', async (req, reply) => {
      const actor = requireResident(req.actor);
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderBook(req, reply, values, errors);
      const parsed = values.replaces ? parseWith(moveForm, values) : parseWith(myBookingForm, values);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems));
      const r = await orRerender(
        req,
        () => bookMyAppointment({ ...useCaseOf(req, services), actor, ...parsed.data }),
        show,
      );
      if (!r.done) return r.reply;
      return reply.redirect(`/cabinet/appointments/${r.value}?done=${values.replaces ? 'moved' : 'booked'}`, 303);
    });

    app.get('/cabinet/appointments/:id', async (req, reply) => renderOne(req, reply, 'my-appointment'));
    app.get('/cabinet/appointments/:id/cancel', async (req, reply) => renderOne(req, reply, 'cancel'));

    app.post('/cabinet/appointments/:id/cancel', async (req, reply) => {
      const actor = requireResident(req.actor);
      const { id } = parseParams(req, appointmentParams);
      await cancelMyAppointment({ ...useCaseOf(req, services), actor, id });
      return reply.redirect('/cabinet/appointments?done=cancelled', 303);
    });
  };
}
