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
  reportPeriod,
} from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { authorize, can } from '../../platform/policy.js';
import { useCaseOf } from '../../platform/use-case.js';
import { dayLabel } from '../appointments/appointments.presenter.js';
import {
  dayQuery,
  outcomeForm,
  RIDE_FIELDS,
  rideParams,
  scheduleForm,
  staffRideForm,
  VEHICLE_FIELDS,
  vehicleForm,
  vehicleParams,
} from './taxi.schema.js';
import { presentRide } from './taxi.presenter.js';
import { getRideForm } from './use-cases/get-ride-form.js';
import { requestRide } from './use-cases/request-ride.js';
import { getTaxiDay } from './use-cases/get-taxi-day.js';
import { scheduleRide } from './use-cases/schedule-ride.js';
import { recordRideOutcome } from './use-cases/record-ride-outcome.js';
import { addVehicle } from './use-cases/add-vehicle.js';
import { changeVehicle } from './use-cases/change-vehicle.js';
import { getTaxiReport } from './use-cases/get-taxi-report.js';
import { getVehicle } from './use-cases/get-vehicle.js';

/** The social taxi for staff: the day's rides by vehicle, a request taken by phone, vehicles, rides per settlement. */
export function taxiRoutes(services: Services) {
  async function renderDay(req: FastifyRequest, reply: FastifyReply, date: string, errors: FormErrors) {
    const v = await getTaxiDay({ ...useCaseOf(req, services), date });
    const q = parseQuery(req, dayQuery);
    const active = v.vehicles.filter((x) => x.active);
    noStore(reply);
    return reply.page(
      'taxi/views/day.njk',
      {
        pageTitle: req.t('taxi.day.title'),
        dayText: dayLabel(date, req.locale),
        date,
        prevHref: `/taxi?date=${addDays(date, -1)}`,
        nextHref: `/taxi?date=${addDays(date, 1)}`,
        todayHref: `/taxi?date=${kyivToday()}`,
        rides: v.rides.map((r) => ({
          ...presentRide(req.t, r),
          vehicleItems: [
            { value: '', text: req.t('taxi.noVehicle') },
            ...active.map((x) => ({
              value: x.id,
              text: `${x.name}${x.wheelchair ? ` (${req.t('taxi.wheelchairShort')})` : ''}`,
              selected: x.id === r.vehicle_id,
            })),
          ],
          error: errors.errors[`vehicleId-${r.id}`],
        })),
        counts: {
          requested: v.rides.filter((r) => r.status === 'requested').length,
          scheduled: v.rides.filter((r) => r.status === 'scheduled').length,
          done: v.rides.filter((r) => r.status === 'done').length,
        },
        canDispatch: can(req.actor, 'taxi.dispatch'),
        canRequest: can(req.actor, 'taxi.request'),
        canVehicles: can(req.actor, 'taxi.vehicles'),
        done: q.ok ? q.data.done : undefined,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderNew(req: FastifyRequest, reply: FastifyReply, values: FormValues, errors: FormErrors) {
    const v = await getRideForm(useCaseOf(req, services));
    noStore(reply);
    return reply.page(
      'taxi/views/new.njk',
      {
        pageTitle: req.t('taxi.new.title'),
        values,
        settlementItems: [
          { value: '', text: req.t('taxi.chooseSettlement') },
          ...v.settlements.map((s) => ({ value: s.value, text: s.text, selected: s.value === values.settlementCode })),
        ],
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderReport(req: FastifyRequest, reply: FastifyReply, vehicleValues: FormValues, errors: FormErrors) {
    const period = reportPeriod(req.query, (end) => `${end.slice(0, 7)}-01`);
    const { from, to } = period;
    const v = await getTaxiReport({ ...useCaseOf(req, services), from, to });
    const periodErrors = formErrors(req.t, period.problems, { order: ['from', 'to'] });
    noStore(reply);
    return reply.page(
      'taxi/views/report.njk',
      {
        pageTitle: req.t('taxi.report.title'),
        periodValues: period.values,
        periodErrors: periodErrors.errors,
        period: `${displayDate(from)} – ${displayDate(to)}`,
        rows: v.rows,
        total: v.rows.reduce((n, r) => n + r.rides, 0),
        vehicles: v.vehicles,
        canVehicles: can(req.actor, 'taxi.vehicles'),
        values: vehicleValues,
        errors: errors.errors,
        // The period's form comes first on the page, then the vehicles' form.
        errorSummary: [...periodErrors.errorSummary, ...errors.errorSummary],
      },
      period.problems.length || errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/taxi', async (req, reply) => {
      authorize(req.actor, 'taxi.read');
      const q = parseQuery(req, dayQuery);
      return renderDay(req, reply, (q.ok && q.data.date) || kyivToday(), NO_ERRORS);
    });

    app.get('/taxi/new', async (req, reply) => {
      authorize(req.actor, 'taxi.request');
      return renderNew(req, reply, {}, NO_ERRORS);
    });

    app.post('/taxi', async (req, reply) => {
      authorize(req.actor, 'taxi.request');
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderNew(req, reply, values, errors);
      const parsed = parseWith(staffRideForm, req.body);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: RIDE_FIELDS }));
      const r = await orRerender(req, () => requestRide({ ...useCaseOf(req, services), ride: parsed.data }), show);
      if (!r.done) return r.reply;
      return reply.redirect(`/taxi?date=${parsed.data.pickupAt.slice(0, 10)}&done=requested`, 303);
    });

    app.post('/taxi/rides/:id/schedule', async (req, reply) => {
      authorize(req.actor, 'taxi.dispatch');
      const { id } = parseParams(req, rideParams);
      const date = formValues(req.body).date || kyivToday();
      const show = (errors: FormErrors) => renderDay(req, reply, date, errors);
      const parsed = parseWith(scheduleForm, req.body);
      if (!parsed.ok)
        return show(
          formErrors(
            req.t,
            parsed.problems.map((p) => ({ ...p, field: `${p.field}-${id}` })),
          ),
        );
      const r = await orRerender(
        req,
        () =>
          scheduleRide({
            ...useCaseOf(req, services),
            id,
            vehicleId: parsed.data.vehicleId ?? null,
            driver: parsed.data.driver ?? null,
            routeOrder: parsed.data.routeOrder ?? null,
          }),
        show,
      );
      if (!r.done) return r.reply;
      return reply.redirect(`/taxi?date=${date}&done=scheduled#ride-${id}`, 303);
    });

    app.post('/taxi/rides/:id/outcome', async (req, reply) => {
      authorize(req.actor, 'taxi.dispatch');
      const { id } = parseParams(req, rideParams);
      const date = formValues(req.body).date || kyivToday();
      const parsed = parseWith(outcomeForm, req.body);
      if (!parsed.ok) return renderDay(req, reply, date, formErrors(req.t, parsed.problems));
      await recordRideOutcome({ ...useCaseOf(req, services), id, outcome: parsed.data.outcome });
      return reply.redirect(`/taxi?date=${date}&done=${parsed.data.outcome}#ride-${id}`, 303);
    });

    app.get('/taxi/report', async (req, reply) => {
      authorize(req.actor, 'taxi.read');
      return renderReport(req, reply, { seats: '3', active: 'yes' }, NO_ERRORS);
    });

    app.post('/taxi/vehicles', async (req, reply) => {
      authorize(req.actor, 'taxi.vehicles');
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderReport(req, reply, values, errors);
      const parsed = parseWith(vehicleForm, { ...values, active: 'yes' });
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: VEHICLE_FIELDS }));
      const r = await orRerender(
        req,
        () => addVehicle({ ...useCaseOf(req, services), input: { ...parsed.data, plate: parsed.data.plate ?? null } }),
        show,
      );
      if (!r.done) return r.reply;
      return reply.redirect('/taxi/report?done=vehicle#vehicles', 303);
    });

    async function renderVehicle(
      req: FastifyRequest,
      reply: FastifyReply,
      id: string,
      values: FormValues | null,
      errors: FormErrors,
    ) {
      const v = await getVehicle({ ...useCaseOf(req, services), id });
      noStore(reply);
      return reply.page(
        'taxi/views/vehicle.njk',
        {
          pageTitle: req.t('taxi.vehicles.editTitle', { name: v.name }),
          id,
          values: values ?? {
            name: v.name,
            plate: v.plate ?? '',
            seats: String(v.seats),
            wheelchair: v.wheelchair ? 'yes' : '',
            active: v.active ? 'yes' : '',
          },
          errors: errors.errors,
          errorSummary: errors.errorSummary,
        },
        errors.errorSummary.length ? 400 : 200,
      );
    }

    app.get('/taxi/vehicles/:id/edit', async (req, reply) => {
      authorize(req.actor, 'taxi.vehicles');
      const { id } = parseParams(req, vehicleParams);
      return renderVehicle(req, reply, id, null, NO_ERRORS);
    });

    // A vehicle changed from its own page (errors shown there) or taken out of use / back from the report's list.
    const changeFrom =
      (page: 'vehicle' | 'report') =>
      async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
        authorize(req.actor, 'taxi.vehicles');
        const { id } = parseParams(req, vehicleParams);
        const values = formValues(req.body);
        const show = (errors: FormErrors) =>
          page === 'vehicle' ? renderVehicle(req, reply, id, values, errors) : renderReport(req, reply, values, errors);
        const parsed = parseWith(vehicleForm, req.body);
        if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: VEHICLE_FIELDS }));
        const r = await orRerender(
          req,
          () =>
            changeVehicle({
              ...useCaseOf(req, services),
              id,
              input: { ...parsed.data, plate: parsed.data.plate ?? null },
            }),
          show,
        );
        if (!r.done) return r.reply;
        return reply.redirect('/taxi/report?done=vehicle#vehicles', 303);
      };
    app.post('/taxi/vehicles/:id/edit', changeFrom('vehicle'));
    app.post('/taxi/vehicles/:id', changeFrom('report'));
  };
}
