import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { displayDate } from '../../platform/dates.js';
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
import { pageHref, paginate } from '../../platform/pagination.js';
import { authorize, can } from '../../platform/policy.js';
import { useCaseOf } from '../../platform/use-case.js';
import type { PersonListRow } from '../persons/persons.search.js';
import { searchPersons } from '../persons/use-cases/search-persons.js';
import {
  conflictParams,
  conflictsQuery,
  findForm,
  finishForm,
  listQuery,
  moveForm,
  outcomeForm,
  PATCH_FIELDS,
  resolveForm,
  stopForm,
  stopParams,
  TRIP_FIELDS,
  tripChoices,
  tripForm,
  tripParams,
} from './outreach.schema.js';
import { presentConflict, presentStop, presentTrip } from './outreach.presenter.js';
import { listTrips, TRIPS_PER_PAGE } from './use-cases/list-trips.js';
import { getTripForm } from './use-cases/get-trip-form.js';
import { saveTrip } from './use-cases/save-trip.js';
import { viewTrip } from './use-cases/view-trip.js';
import { viewStop } from './use-cases/view-stop.js';
import { changeStops } from './use-cases/change-stops.js';
import { finishTrip } from './use-cases/finish-trip.js';
import { listConflicts } from './use-cases/list-conflicts.js';
import { viewConflict } from './use-cases/view-conflict.js';
import { resolveConflict } from './use-cases/resolve-conflict.js';

const FOUND_LIMIT = 20;

/** Outreach trips for staff: the list, planning, a trip's route and report; and the sync conflicts to resolve. */
export function outreachRoutes(services: Services) {
  async function renderForm(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string | null,
    values: FormValues | null,
    errors: FormErrors,
  ) {
    const v = await getTripForm({ ...useCaseOf(req, services), id });
    const posted = values ? parseWith(tripChoices, req.body) : null;
    const chosenSettlements = posted?.ok ? posted.data.settlements : v.chosenSettlements;
    const chosenStaff = posted?.ok ? posted.data.staff : v.chosenStaff;
    const vals =
      values ??
      (v.trip ? { date: displayDate(v.trip.trip_date), title: v.trip.title, vehicleId: v.trip.vehicle_id ?? '' } : {});
    noStore(reply);
    return reply.page(
      'outreach/views/trip-form.njk',
      {
        pageTitle: req.t(id ? 'outreach.form.editTitle' : 'outreach.form.newTitle'),
        action: id ? `/outreach/trips/${id}` : '/outreach',
        back: id ? `/outreach/trips/${id}` : '/outreach',
        values: vals,
        settlementItems: v.settlements.map((s) => ({
          value: s.value,
          text: s.text,
          checked: chosenSettlements.includes(s.value),
        })),
        staffItems: v.staff.map((s) => ({ value: s.id, text: s.name, checked: chosenStaff.includes(s.id) })),
        vehicleItems: [
          { value: '', text: req.t('outreach.form.noVehicle') },
          ...v.vehicles.map((x) => ({ value: x.id, text: x.name, selected: x.id === vals.vehicleId })),
        ],
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderTrip(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    o: { errors?: FormErrors; found?: PersonListRow[] | null; query?: string; status?: number } = {},
  ) {
    const v = await viewTrip({ ...useCaseOf(req, services), id });
    const errors = o.errors ?? NO_ERRORS;
    const planning = v.trip.status === 'planned' && can(req.actor, 'outreach.plan');
    const q = parseQuery(req, listQuery);
    noStore(reply);
    const onTrip = new Set(v.stops.map((s) => s.person_id));
    return reply.page(
      'outreach/views/trip.njk',
      {
        pageTitle: v.trip.title,
        trip: presentTrip(req.t, v.trip),
        settlements: v.settlements.map((s) => s.name).join(', '),
        staff: v.staff.map((s) => s.name).join(', '),
        stops: v.stops.map((s, i) => presentStop(req.t, s, { first: i === 0, last: i === v.stops.length - 1 })),
        served: v.stops.filter((s) => s.outcome === 'served').length,
        notServed: v.stops.filter((s) => s.outcome && s.outcome !== 'served').length,
        candidates: v.candidates.map((c) => ({
          personId: c.person_id,
          name: [c.last_name, c.first_name, c.patronymic].filter(Boolean).join(' '),
          settlement: c.settlement_name,
          source: c.source,
          sourceText: req.t(`outreach.source.${c.source}`),
          reason: c.detail,
        })),
        found: o.found?.map((p) => ({
          personId: p.id,
          name: [p.last_name, p.first_name, p.patronymic].filter(Boolean).join(' '),
          birth: displayDate(p.birth_date),
          settlement: p.settlement_name,
          onTrip: onTrip.has(p.id),
        })),
        query: o.query ?? '',
        otherStops: v.otherStops,
        // The applications the trip took are listed for those who may read applications.
        applications: (can(req.actor, 'applications.read') ? v.applications : []).map((a) => ({
          ...a,
          statusText: req.t(`applications.status.${a.status}`),
        })),
        sync: v.sync,
        planning,
        canRecord: v.trip.status !== 'cancelled',
        onStaff: v.onStaff && can(req.actor, 'outreach.work') && v.trip.status === 'planned',
        done: q.ok ? q.data.done : undefined,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      o.status ?? (errors.errorSummary.length ? 400 : 200),
    );
  }

  async function renderConflict(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: FormErrors,
    status = 200,
  ) {
    const v = await viewConflict({ ...useCaseOf(req, services), id });
    noStore(reply);
    return reply.page(
      'outreach/views/conflict.njk',
      {
        pageTitle: req.t('outreach.conflict.title'),
        conflict: presentConflict(req.t, v.conflict, v.now, formValues(req.body)),
        version: v.now.version,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : status,
    );
  }

  const tripDone = (id: string, done: string, anchor = '') => `/outreach/trips/${id}?done=${done}${anchor}`;

  return function (app: FastifyInstance) {
    app.get('/outreach', async (req, reply) => {
      authorize(req.actor, 'outreach.work');
      const q = parseQuery(req, listQuery);
      const page = (q.ok && q.data.page) || 1;
      const mine = q.ok && q.data.mine === '1';
      const r = await listTrips({ ...useCaseOf(req, services), page, mine });
      noStore(reply);
      return reply.page('outreach/views/trips.njk', {
        pageTitle: req.t('outreach.list.title'),
        trips: r.rows.map((t) => presentTrip(req.t, t)),
        total: r.total,
        mine,
        canReadAll: can(req.actor, 'outreach.read'),
        canPlan: can(req.actor, 'outreach.plan'),
        pagination: paginate({
          page,
          pageSize: TRIPS_PER_PAGE,
          total: r.total,
          href: (n) => pageHref('/outreach', { mine: mine ? '1' : undefined }, n),
        }),
      });
    });

    app.get('/outreach/new', async (req, reply) => {
      authorize(req.actor, 'outreach.plan');
      return renderForm(req, reply, null, null, NO_ERRORS);
    });

    const save = (id: string | null) => async (req: FastifyRequest, reply: FastifyReply) => {
      authorize(req.actor, 'outreach.plan');
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderForm(req, reply, id, values, errors);
      const parsed = parseWith(tripForm, req.body);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: TRIP_FIELDS }));
      const input = { ...parsed.data, vehicleId: parsed.data.vehicleId ?? null };
      const r = await orRerender(req, () => saveTrip({ ...useCaseOf(req, services), id, input }), show);
      if (!r.done) return r.reply;
      return reply.redirect(tripDone(r.value, id ? 'changed' : 'planned'), 303);
    };
    app.post('/outreach', save(null));

    app.get('/outreach/trips/:id', async (req, reply) => {
      const { id } = parseParams(req, tripParams);
      authorize(req.actor, 'outreach.work');
      return renderTrip(req, reply, id);
    });

    app.get('/outreach/trips/:id/edit', async (req, reply) => {
      const { id } = parseParams(req, tripParams);
      authorize(req.actor, 'outreach.plan');
      return renderForm(req, reply, id, null, NO_ERRORS);
    });
    app.post('/outreach/trips/:id', async (req, reply) => save(parseParams(req, tripParams).id)(req, reply));

    // Finding a resident by hand (posted: a name or identifier never goes into a URL).
    app.post('/outreach/trips/:id/find', async (req, reply) => {
      const { id } = parseParams(req, tripParams);
      authorize(req.actor, 'outreach.plan');
      const parsed = parseWith(findForm, req.body);
      const query = formValues(req.body).q ?? '';
      if (!parsed.ok) return renderTrip(req, reply, id, { errors: formErrors(req.t, parsed.problems), query });
      const r = await searchPersons({
        ...useCaseOf(req, services),
        q: parsed.data.q,
        filters: {},
        limit: FOUND_LIMIT,
        offset: 0,
      });
      return renderTrip(req, reply, id, { found: r.items, query });
    });

    app.post('/outreach/trips/:id/stops', async (req, reply) => {
      const { id } = parseParams(req, tripParams);
      authorize(req.actor, 'outreach.plan');
      const parsed = parseWith(stopForm, req.body);
      if (!parsed.ok) return renderTrip(req, reply, id, { errors: formErrors(req.t, parsed.problems) });
      const r = await orRerender(
        req,
        () =>
          changeStops({
            ...useCaseOf(req, services),
            tripId: id,
            change: { kind: 'add', ...parsed.data, reason: parsed.data.reason ?? null },
          }),
        (errors) => renderTrip(req, reply, id, { errors }),
      );
      if (!r.done) return r.reply;
      return reply.redirect(tripDone(id, 'added', '#stops'), 303);
    });

    app.post('/outreach/trips/:id/stops/:stopId/move', async (req, reply) => {
      const { id, stopId } = parseParams(req, stopParams);
      authorize(req.actor, 'outreach.plan');
      const parsed = parseWith(moveForm, req.body);
      if (!parsed.ok) return renderTrip(req, reply, id, { errors: formErrors(req.t, parsed.problems) });
      await changeStops({
        ...useCaseOf(req, services),
        tripId: id,
        change: { kind: 'move', stopId, direction: parsed.data.direction },
      });
      return reply.redirect(`/outreach/trips/${id}#stop-${stopId}`, 303);
    });

    app.get('/outreach/trips/:id/stops/:stopId/remove', async (req, reply) => {
      const { id, stopId } = parseParams(req, stopParams);
      const { trip, stop } = await viewStop({ ...useCaseOf(req, services), tripId: id, stopId });
      noStore(reply);
      return reply.page('outreach/views/stop-remove.njk', {
        pageTitle: req.t('outreach.remove.title'),
        trip: presentTrip(req.t, trip),
        stop: presentStop(req.t, stop, { first: true, last: true }),
      });
    });

    app.post('/outreach/trips/:id/stops/:stopId/remove', async (req, reply) => {
      const { id, stopId } = parseParams(req, stopParams);
      authorize(req.actor, 'outreach.plan');
      await changeStops({ ...useCaseOf(req, services), tripId: id, change: { kind: 'remove', stopId } });
      return reply.redirect(tripDone(id, 'removed', '#stops'), 303);
    });

    app.post('/outreach/trips/:id/stops/:stopId/outcome', async (req, reply) => {
      const { id, stopId } = parseParams(req, stopParams);
      authorize(req.actor, 'outreach.work');
      const parsed = parseWith(outcomeForm, req.body);
      if (!parsed.ok)
        return renderTrip(req, reply, id, {
          errors: formErrors(
            req.t,
            parsed.problems.map((p) => ({ ...p, field: `${p.field}-${stopId}` })),
          ),
        });
      await changeStops({
        ...useCaseOf(req, services),
        tripId: id,
        change: { kind: 'outcome', stopId, outcome: parsed.data.outcome, note: parsed.data.note ?? null },
      });
      return reply.redirect(tripDone(id, 'recorded', `#stop-${stopId}`), 303);
    });

    app.post('/outreach/trips/:id/finish', async (req, reply) => {
      const { id } = parseParams(req, tripParams);
      authorize(req.actor, 'outreach.plan');
      const parsed = parseWith(finishForm, req.body);
      if (!parsed.ok) return renderTrip(req, reply, id, { errors: formErrors(req.t, parsed.problems) });
      const r = await orRerender(
        req,
        () => finishTrip({ ...useCaseOf(req, services), id, report: parsed.data.report ?? null }),
        (errors) => renderTrip(req, reply, id, { errors }),
      );
      if (!r.done) return r.reply;
      return reply.redirect(tripDone(id, 'finished'), 303);
    });

    app.get('/outreach/conflicts', async (req, reply) => {
      authorize(req.actor, 'outreach.work');
      const q = parseQuery(req, conflictsQuery);
      const status = (q.ok && q.data.status) || 'open';
      const r = await listConflicts({ ...useCaseOf(req, services), status });
      noStore(reply);
      return reply.page('outreach/views/conflicts.njk', {
        pageTitle: req.t('outreach.conflicts.title'),
        status,
        all: r.all,
        conflicts: r.conflicts.map((k) => ({
          id: k.id,
          person: k.person_name,
          worker: k.worker,
          trip: `${k.trip_title} (${displayDate(k.trip_date)})`,
          tripId: k.trip_id,
          fields: Object.keys(k.device)
            .map((f) => req.t(`outreach.field.${f}`))
            .join(', '),
        })),
      });
    });

    app.get('/outreach/conflicts/:id', async (req, reply) => {
      const { id } = parseParams(req, conflictParams);
      authorize(req.actor, 'outreach.work');
      return renderConflict(req, reply, id, NO_ERRORS);
    });

    app.post('/outreach/conflicts/:id', async (req, reply) => {
      const { id } = parseParams(req, conflictParams);
      authorize(req.actor, 'outreach.work');
      const parsed = parseWith(resolveForm, req.body);
      if (!parsed.ok)
        return renderConflict(req, reply, id, formErrors(req.t, [{ field: 'choices', key: 'outreach.v.choice' }]));
      const { version, ...chosen } = parsed.data;
      const picked = Object.fromEntries(
        PATCH_FIELDS.flatMap((f) => {
          const c = chosen[`choice-${f}`];
          return c ? [[f, c]] : [];
        }),
      );
      const r = await orRerender(
        req,
        () => resolveConflict({ ...useCaseOf(req, services), id, version, choices: picked }),
        (errors) => renderConflict(req, reply, id, errors),
      );
      if (!r.done) return r.reply;
      return reply.redirect(`/outreach/conflicts/${id}?done=resolved`, 303);
    });
  };
}
