import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { requestMeta } from '../../platform/audit.js';
import {
  formErrors,
  formValues,
  NO_ERRORS,
  orRerender,
  parseParams,
  parseQuery,
  parseWith,
  type FormErrors,
} from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { pickerQuery, visitMoveForm, visitTokenParams } from './appointments.schema.js';
import { slotDays, weekNav, whenLabel } from './appointments.presenter.js';
import { useVisitLink } from './use-cases/use-visit-link.js';

/**
 * The link in a visit's message (no sign-in): the visit, its cancellation after a confirmation, and a move to another
 * free time of the same service at the same office. The page names no person.
 */
export function visitRoutes(services: Services) {
  async function render(
    req: FastifyRequest,
    reply: FastifyReply,
    token: string,
    confirm: boolean,
    errors: FormErrors,
    start?: string,
  ) {
    const q = parseQuery(req, pickerQuery);
    const v = await useVisitLink({
      services,
      token,
      action: { kind: 'view', week: (q.ok && q.data.week) || null },
      meta: requestMeta(req),
    });
    if (v.done !== null) throw new Error('a view never changes the visit');
    const a = {
      when: whenLabel(req.t, v.visit.start),
      service: v.visit.service_name,
      office: v.visit.office_name,
      address: v.visit.office_address,
      statusText: req.t(`appointments.status.${v.visit.status}`),
    };
    noStore(reply);
    reply.header('referrer-policy', 'no-referrer');
    return reply.page(
      confirm ? 'appointments/views/cancel.njk' : 'appointments/views/visit.njk',
      {
        pageTitle: req.t(confirm ? 'appointments.cancel.title' : 'appointments.visit.title'),
        a,
        changeable: v.changeable,
        cancelHref: `/visit/${token}/cancel`,
        cancelAction: `/visit/${token}/cancel`,
        backHref: `/visit/${token}`,
        moveAction: `/visit/${token}/move`,
        days: slotDays(req.t, req.locale, v.from, v.slots, start),
        nav: weekNav(v.from, v.today),
        navHref: `/visit/${token}?`,
        done: q.ok ? q.data.done : undefined,
        slotError: errors.errors.start,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/visit/:token', async (req, reply) => {
      const { token } = parseParams(req, visitTokenParams);
      return render(req, reply, token, false, NO_ERRORS);
    });

    app.get('/visit/:token/cancel', async (req, reply) => {
      const { token } = parseParams(req, visitTokenParams);
      return render(req, reply, token, true, NO_ERRORS);
    });

    app.post('/visit/:token/cancel', async (req, reply) => {
      const { token } = parseParams(req, visitTokenParams);
      await useVisitLink({ services, token, action: { kind: 'cancel' }, meta: requestMeta(req) });
      noStore(reply);
      return reply.page('appointments/views/visit-cancelled.njk', { pageTitle: req.t('appointments.done.cancelled') });
    });

    app.post('/visit/:token/move', async (req, reply) => {
      const { token } = parseParams(req, visitTokenParams);
      const values = formValues(req.body);
      const show = (errors: FormErrors) => render(req, reply, token, false, errors, values.start);
      const parsed = parseWith(visitMoveForm, values);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems));
      const r = await orRerender(
        req,
        () =>
          useVisitLink({ services, token, action: { kind: 'move', start: parsed.data.start }, meta: requestMeta(req) }),
        show,
      );
      if (!r.done) return r.reply;
      return reply.redirect(`/visit/${r.value.done === 'moved' ? r.value.token : token}?done=moved`, 303);
    });
  };
}
