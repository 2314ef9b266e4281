import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
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
import { kyivLocal } from '../../platform/dates.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { requireResident } from '../cabinet/cabinet.policy.js';
import { dayQuery, myRideForm, RIDE_FIELDS, rideParams } from './taxi.schema.js';
import { presentRide } from './taxi.presenter.js';
import { listMyRides } from './use-cases/list-my-rides.js';
import { requestMyRide } from './use-cases/request-my-ride.js';
import { cancelMyRide } from './use-cases/cancel-my-ride.js';

/** The resident's social taxi: ask for a ride, see their rides, cancel one that has not started. */
export function taxiCabinetRoutes(services: Services) {
  async function render(req: FastifyRequest, reply: FastifyReply, values: FormValues, errors: FormErrors) {
    const actor = requireResident(req.actor);
    const v = await listMyRides({ ...useCaseOf(req, services), actor });
    const q = parseQuery(req, dayQuery);
    const now = kyivLocal();
    noStore(reply);
    return reply.page(
      'taxi/views/mine.njk',
      {
        pageTitle: req.t('taxi.cabinet.title'),
        rides: v.rides.map((r) => ({
          ...presentRide(req.t, r),
          cancellable: ['requested', 'scheduled'].includes(r.status) && r.pickup_at > now,
        })),
        settlementItems: [
          { value: '', text: req.t('taxi.chooseSettlement') },
          ...v.settlements.map((s) => ({ value: s.value, text: s.text, selected: s.value === values.settlementCode })),
        ],
        values,
        done: q.ok ? q.data.done : undefined,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/cabinet/taxi', async (req, reply) => render(req, reply, {}, NO_ERRORS));

    app.post('/cabinet/taxi', async (req, reply) => {
      const actor = requireResident(req.actor);
      const values = formValues(req.body);
      const show = (errors: FormErrors) => render(req, reply, values, errors);
      const parsed = parseWith(myRideForm, req.body);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: RIDE_FIELDS }));
      const r = await orRerender(
        req,
        () => requestMyRide({ ...useCaseOf(req, services), actor, ride: parsed.data }),
        show,
      );
      if (!r.done) return r.reply;
      return reply.redirect('/cabinet/taxi?done=requested', 303);
    });

    app.post('/cabinet/taxi/:id/cancel', async (req, reply) => {
      const actor = requireResident(req.actor);
      const { id } = parseParams(req, rideParams);
      await cancelMyRide({ ...useCaseOf(req, services), actor, id });
      return reply.redirect('/cabinet/taxi?done=cancelled', 303);
    });
  };
}
