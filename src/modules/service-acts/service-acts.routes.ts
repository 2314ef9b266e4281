import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { AppError } from '../../platform/errors.js';
import {
  dateFromParts,
  dateHref,
  formErrors,
  formValues,
  NO_ERRORS,
  orRerender,
  parseParams,
  parseQuery,
  parseWith,
  type FormErrors,
  type FormValues,
  type Problem,
} from '../../platform/forms.js';
import { addDays, displayDate, kyivToday } from '../../platform/dates.js';
import { noStore } from '../../platform/http.js';
import { paginate, pageHref } from '../../platform/pagination.js';
import { useCaseOf } from '../../platform/use-case.js';
import { contentDisposition } from '../cabinet/cabinet.files.js';
import { setUpCabinetUploads, taken, uploadsOf } from '../cabinet/cabinet.uploads.js';
import { ACT_PLACES, CONFIRMATIONS, MAX_WEEK_ROWS, mondayOf } from './act-rules.js';
import { formatMoney } from '../paid-services/paid-rules.js';
import {
  ACT_FIELDS,
  actForm,
  actParams,
  agencyParams,
  cancelForm,
  monthQuery,
  newActQuery,
  removeScheduleForm,
  roundQuery,
  scheduleForm,
  weekdaysOnly,
  weekForm,
  weekRowForm,
} from './service-acts.schema.js';
import {
  addressText,
  decimal,
  presentAct,
  presentSchedule,
  presentVolume,
  weekdayItems,
} from './service-acts.presenter.js';
import { listActProviders } from './use-cases/list-act-providers.js';
import { ACTS_PAGE_SIZE, viewProviderMonth } from './use-cases/view-provider-month.js';
import { getActForm } from './use-cases/get-act-form.js';
import { recordServiceAct } from './use-cases/record-service-act.js';
import { cancelServiceAct } from './use-cases/cancel-service-act.js';
import { openActSignature } from './use-cases/open-act-signature.js';
import { viewRound } from './use-cases/view-round.js';
import { getWeekForm } from './use-cases/get-week-form.js';
import { recordWeekActs, type WeekRow } from './use-cases/record-week-acts.js';
import { viewSchedule } from './use-cases/view-schedule.js';
import { saveVisitSchedule } from './use-cases/save-visit-schedule.js';
import { removeVisitSchedule } from './use-cases/remove-visit-schedule.js';

const DONE = ['recorded', 'week', 'cancelled', 'scheduled', 'unscheduled', 'visit'] as const;
const thisMonth = () => kyivToday().slice(0, 7);
const flashOf = (req: FastifyRequest, done: string | undefined, n?: number) =>
  DONE.find((d) => d === done) ? req.t(`acts.done.${done ?? ''}`, { n }) : null;

/** The previous and next month of `YYYY-MM`. */
function monthStep(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Prefixes each problem of a week's row with the row's number in the summary («Рядок 3: …»). */
function rowErrors(req: FastifyRequest, problems: Problem[]): FormErrors {
  const e = formErrors(req.t, problems);
  return {
    errors: e.errors,
    errorSummary: e.errorSummary.map((s) => {
      const m = /^#r(\d+)-/.exec(s.href);
      if (!m) return s;
      const href = /-(assignmentId|date|workerId)$/.test(s.href) ? `#r${m[1]}-take` : s.href;
      return { href, text: req.t('acts.week.rowProblem', { n: Number(m[1]) + 1, problem: s.text }) };
    }),
  };
}

/**
 * Service acts and home-care rounds (decision 0028): a provider's month (capacity used, recipients' volume against
 * plan and contract, acts), one act, a worker's round of a day and a week recorded at once, the visit schedule.
 */
export function serviceActRoutes(services: Services) {
  const placeItems = (req: FastifyRequest, value?: string) =>
    ACT_PLACES.map((p) => ({ value: p, text: req.t(`acts.place.${p}`), selected: p === value }));
  const confirmItems = (req: FastifyRequest, value?: string) =>
    CONFIRMATIONS.map((p) => ({ value: p, text: req.t(`acts.confirmedBy.${p}`), checked: p === value }));

  async function renderActForm(
    req: FastifyRequest,
    reply: FastifyReply,
    agencyId: number,
    o: { values: FormValues; errors?: FormErrors },
  ) {
    const f = await getActForm({ ...useCaseOf(req, services), agencyId });
    const errors = o.errors ?? NO_ERRORS;
    noStore(reply);
    return reply.page(
      'service-acts/views/act.njk',
      {
        pageTitle: req.t('acts.newTitle'),
        agency: f.agency,
        assignments: [{ value: '', text: req.t('acts.chooseAssignment') }].concat(
          f.assignments.map((a) => ({
            value: a.id,
            text: `${a.person_name} — ${a.service_name}`,
            selected: a.id === o.values.assignmentId,
          })),
        ),
        workers: [{ value: '', text: req.t('acts.chooseWorker') }].concat(
          f.workers.map((w) => ({ value: w.id, text: w.name, selected: w.id === o.values.workerId })),
        ),
        places: placeItems(req, o.values.place),
        confirmations: confirmItems(req, o.values.confirmedBy),
        values: o.values,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderRound(
    req: FastifyRequest,
    reply: FastifyReply,
    q: { worker?: string; date: string; done?: string },
    form?: { assignmentId: string; values: FormValues; errors: FormErrors },
  ) {
    const r = await viewRound({ ...useCaseOf(req, services), workerId: q.worker, date: q.date });
    const errors = form?.errors ?? NO_ERRORS;
    noStore(reply);
    return reply.page(
      'service-acts/views/round.njk',
      {
        pageTitle: req.t('acts.round.title', { name: r.workerName, date: displayDate(q.date) }),
        workerId: r.workerId,
        workerName: r.workerName,
        date: q.date,
        dateText: displayDate(q.date),
        prev: `/service-acts/round?worker=${r.workerId}&date=${addDays(q.date, -1)}`,
        next: q.date < kyivToday() ? `/service-acts/round?worker=${r.workerId}&date=${addDays(q.date, 1)}` : null,
        canRecord: q.date <= kyivToday(),
        flash: flashOf(req, q.done),
        visits: r.visits.map((v, n) => {
          const mine = form?.assignmentId === v.visit.assignment_id;
          const values: FormValues = mine
            ? form.values
            : { startsAt: v.visit.starts_at ?? '', minutes: String(v.visit.minutes), confirmedBy: 'recipient' };
          return {
            n,
            assignmentId: v.visit.assignment_id,
            person: v.visit.person_name,
            service: v.visit.service_name,
            address: addressText(v.visit, req.t),
            time: v.visit.starts_at ?? req.t('acts.anyTime'),
            minutes: v.visit.minutes,
            place: v.visit.place,
            actions: v.actions,
            notes: v.visit.notes,
            done: v.done,
            canWrite: v.canWrite,
            values,
            confirmations: confirmItems(req, values.confirmedBy),
            errors: mine ? errors.errors : {},
          };
        }),
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderWeek(
    req: FastifyRequest,
    reply: FastifyReply,
    agencyId: number,
    q: { worker: string; week: string },
    form?: { values: FormValues; errors: FormErrors },
  ) {
    const w = await getWeekForm({ ...useCaseOf(req, services), agencyId, workerId: q.worker, week: q.week });
    const errors = form?.errors ?? NO_ERRORS;
    const v = form?.values;
    noStore(reply);
    return reply.page(
      'service-acts/views/week.njk',
      {
        pageTitle: req.t('acts.week.title', { name: w.workerName }),
        agency: w.agency,
        workerId: q.worker,
        workerName: w.workerName,
        week: q.week,
        weekText: req.t('acts.week.range', { from: displayDate(q.week), to: displayDate(addDays(q.week, 6)) }),
        prev: `/service-acts/providers/${agencyId}/week?worker=${q.worker}&date=${addDays(q.week, -7)}`,
        next:
          addDays(q.week, 7) <= kyivToday()
            ? `/service-acts/providers/${agencyId}/week?worker=${q.worker}&date=${addDays(q.week, 7)}`
            : null,
        rows: w.visits.slice(0, MAX_WEEK_ROWS).map((x, n) => {
          const p = `r${n}`;
          const val = (f: string, d: string) => (v ? (v[`${p}-${f}`] ?? '') : d);
          const place = val('place', x.visit.place);
          return {
            p,
            n,
            date: x.date,
            dateText: displayDate(x.date),
            person: x.visit.person_name,
            service: x.visit.service_name,
            assignmentId: x.visit.assignment_id,
            done: x.done,
            take: v ? v[`${p}-take`] === 'yes' : !x.done,
            startsAt: val('startsAt', x.visit.starts_at ?? ''),
            minutes: val('minutes', String(x.visit.minutes)),
            places: placeItems(req, place),
            confirmedBy: val('confirmedBy', 'recipient'),
            confirmReason: val('confirmReason', ''),
          };
        }),
        confirmOptions: CONFIRMATIONS.map((c) => ({ value: c, text: req.t(`acts.confirmedBy.${c}`) })),
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderSchedule(
    req: FastifyRequest,
    reply: FastifyReply,
    agencyId: number,
    form?: { values: FormValues; errors: FormErrors; weekdays: string[] },
  ) {
    const s = await viewSchedule({ ...useCaseOf(req, services), agencyId });
    const { done } = monthQuery.parse(req.query ?? {});
    const errors = form?.errors ?? NO_ERRORS;
    const values = form?.values ?? { place: 'home' };
    noStore(reply);
    return reply.page(
      'service-acts/views/schedule.njk',
      {
        pageTitle: req.t('acts.schedule.title', { name: s.agency.name }),
        agency: s.agency,
        schedule: s.schedule.map((v) => presentSchedule(v, req.t)),
        canWrite: s.canWrite,
        flash: flashOf(req, done),
        assignments: [{ value: '', text: req.t('acts.chooseAssignment') }].concat(
          s.assignments.map((a) => ({
            value: a.id,
            text: `${a.person_name} — ${a.service_name}`,
            selected: a.id === values.assignmentId,
          })),
        ),
        workers: [{ value: '', text: req.t('acts.chooseWorker') }].concat(
          s.workers.map((w) => ({ value: w.id, text: w.name, selected: w.id === values.workerId })),
        ),
        weekdays: weekdayItems(req.t, form?.weekdays ?? []),
        places: placeItems(req, values.place),
        values,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return async function (app: FastifyInstance) {
    app.get('/service-acts', async (req, reply) => {
      authorize(req.actor, 'acts.read');
      const providers = await listActProviders(useCaseOf(req, services));
      if (providers.length === 1) return reply.redirect(`/service-acts/providers/${providers[0].id}`, 303);
      noStore(reply);
      return reply.page('service-acts/views/index.njk', {
        pageTitle: req.t('acts.indexTitle'),
        providers,
        canRound: req.actor.grants.some((g) => g.role === 'provider'),
      });
    });

    app.get('/service-acts/providers/:agencyId', async (req, reply) => {
      authorize(req.actor, 'acts.read');
      const { agencyId } = parseParams(req, agencyParams);
      const q = monthQuery.parse(req.query ?? {});
      const month = q.month ?? thisMonth();
      const page = q.page ?? 1;
      const m = await viewProviderMonth({ ...useCaseOf(req, services), agencyId, month, page });
      const volumes = m.volumes.map((v) => presentVolume(v, req.t));
      noStore(reply);
      return reply.page('service-acts/views/month.njk', {
        pageTitle: req.t('acts.monthTitle', { name: m.agency.name }),
        agency: m.agency,
        month,
        monthText: req.t('acts.monthName', {
          month: req.t(`acts.months.${Number(month.slice(5))}`),
          year: month.slice(0, 4),
        }),
        prevMonth: `/service-acts/providers/${agencyId}?month=${monthStep(month, -1)}`,
        nextMonth: month < thisMonth() ? `/service-acts/providers/${agencyId}?month=${monthStep(month, 1)}` : null,
        flash: flashOf(req, q.done),
        capacity: {
          recipients: m.use.recipients,
          places: m.agency.places,
          hours: decimal(m.use.minutes / 60),
          hoursPerMonth: m.agency.hours_per_month,
          acts: m.use.acts,
          overPlaces: m.agency.places !== null && m.use.recipients > m.agency.places,
          overHours: m.agency.hours_per_month !== null && m.use.minutes > m.agency.hours_per_month * 60,
        },
        volumes,
        flagged: volumes.filter((v) => v.flagged).length,
        acts: m.acts.rows.map((a) => presentAct(a, req.t)),
        actsTotal: m.acts.total,
        pagination: paginate({
          page,
          pageSize: ACTS_PAGE_SIZE,
          total: m.acts.total,
          href: (n) => pageHref(`/service-acts/providers/${agencyId}`, { month }, n),
        }),
        workers: m.workers.map((w) => ({
          ...w,
          round: `/service-acts/round?worker=${w.id}&date=${kyivToday()}`,
          week: `/service-acts/providers/${agencyId}/week?worker=${w.id}`,
        })),
        canWrite: m.canWrite,
        invoices: m.invoices && {
          count: m.invoices.invoices,
          total: formatMoney(m.invoices.total_kop),
          paid: formatMoney(m.invoices.paid_kop),
          paidCount: m.invoices.paid,
          overdue: m.invoices.overdue,
          href: `/paid-services?month=${month}&agencyId=${agencyId}`,
        },
      });
    });

    app.get('/service-acts/providers/:agencyId/new', async (req, reply) => {
      authorize(req.actor, 'acts.write');
      const { agencyId } = parseParams(req, agencyParams);
      const q = parseQuery(req, newActQuery.pick({ assignment: true }));
      const today = kyivToday().split('-');
      return renderActForm(req, reply, agencyId, {
        values: {
          assignmentId: q.ok ? (q.data.assignment ?? '') : '',
          workerId: req.actor.userId,
          place: 'home',
          confirmedBy: 'recipient',
          'date-day': today[2],
          'date-month': today[1],
          'date-year': today[0],
        },
      });
    });

    // One act with the recipient's scanned signature (multipart, parsed in this scope only).
    await app.register(async (withFiles) => {
      await setUpCabinetUploads(withFiles, services, { accept: (req) => req.actor?.kind === 'staff' });
      withFiles.post('/service-acts/providers/:agencyId/acts', async (req, reply) => {
        authorize(req.actor, 'acts.write');
        const { agencyId } = parseParams(req, agencyParams);
        const values = formValues(req.body);
        const parsed = parseWith(actForm, { ...values, date: dateFromParts(values, 'date') }, dateHref(['date']));
        const show = (errors: FormErrors) => renderActForm(req, reply, agencyId, { values, errors });
        if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: ACT_FIELDS }));
        const done = await orRerender(
          req,
          () =>
            recordServiceAct({
              ...useCaseOf(req, services),
              input: parsed.data,
              upload: uploadsOf(req).get('signature'),
              taken: () => {
                taken(req, 'signature');
              },
            }),
          (errors, problems) =>
            show(
              formErrors(
                req.t,
                problems.map((p) => (p.field === 'date' ? { ...p, href: '#date-day' } : p)),
                { order: ACT_FIELDS },
              ),
            ),
        );
        if (!done.done) return done.reply;
        return reply.redirect(
          `/service-acts/providers/${done.value.agency_id}?month=${done.value.act_date.slice(0, 7)}&done=recorded`,
          303,
        );
      });
    });

    app.post('/service-acts/acts/:id/cancel', async (req, reply) => {
      authorize(req.actor, 'acts.write');
      const { id } = parseParams(req, actParams);
      const parsed = parseWith(cancelForm, req.body);
      // The form requires the reason in the browser; without it the answer is a page saying what is missing.
      if (!parsed.ok) throw new AppError('bad_request', { messageKey: 'acts.v.cancelReason' });
      const agencyId = await cancelServiceAct({ ...useCaseOf(req, services), id, reason: parsed.data.cancelReason });
      return reply.redirect(`/service-acts/providers/${agencyId}?done=cancelled`, 303);
    });

    app.get('/service-acts/acts/:id/signature', async (req, reply) => {
      authorize(req.actor, 'acts.read');
      const { id } = parseParams(req, actParams);
      const f = await openActSignature({ ...useCaseOf(req, services), id });
      noStore(reply);
      return reply
        .header('content-type', f.type)
        .header('content-disposition', contentDisposition(`act-${f.date}`, f.type))
        .header('x-content-type-options', 'nosniff')
        .send(f.stream);
    });

    app.get('/service-acts/round', async (req, reply) => {
      authorize(req.actor, 'acts.read');
      const q = roundQuery.parse(req.query ?? {});
      return renderRound(req, reply, { worker: q.worker, date: q.date ?? kyivToday(), done: q.done });
    });

    // «Відвідування відбулося»: a visit of the round becomes an act.
    app.post('/service-acts/round', async (req, reply) => {
      authorize(req.actor, 'acts.write');
      const values = formValues(req.body);
      const parsed = parseWith(actForm, values);
      const q = { worker: values.workerId || undefined, date: values.date || kyivToday() };
      const show = (errors: FormErrors) =>
        renderRound(req, reply, q, { assignmentId: values.assignmentId ?? '', values, errors });
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: ACT_FIELDS }));
      const done = await orRerender(
        req,
        () => recordServiceAct({ ...useCaseOf(req, services), input: parsed.data, via: 'round' }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(
        `/service-acts/round?worker=${parsed.data.workerId}&date=${parsed.data.date}&done=visit#visits`,
        303,
      );
    });

    app.get('/service-acts/providers/:agencyId/week', async (req, reply) => {
      authorize(req.actor, 'acts.write');
      const { agencyId } = parseParams(req, agencyParams);
      const q = roundQuery.parse(req.query ?? {});
      const worker = q.worker ?? req.actor.userId;
      return renderWeek(req, reply, agencyId, { worker, week: mondayOf(q.date ?? kyivToday()) });
    });

    // The week's visits saved at once: the ticked rows, all or none.
    app.post('/service-acts/providers/:agencyId/week', async (req, reply) => {
      authorize(req.actor, 'acts.write');
      const { agencyId } = parseParams(req, agencyParams);
      const values = formValues(req.body);
      const head = parseWith(weekForm, req.body);
      if (!head.ok) return reply.redirect(`/service-acts/providers/${agencyId}`, 303);
      const q = { worker: head.data.worker, week: mondayOf(head.data.week) };
      const show = (errors: FormErrors) => renderWeek(req, reply, agencyId, q, { values, errors });
      const rows: WeekRow[] = [];
      const problems: Problem[] = [];
      for (let n = 0; n < Math.min(head.data.rows, MAX_WEEK_ROWS); n++) {
        const p = `r${n}`;
        if (values[`${p}-take`] !== 'yes') continue;
        const raw: Record<string, string> = {};
        for (const f of Object.keys(weekRowForm.shape)) raw[f] = values[`${p}-${f}`] ?? '';
        const r = parseWith(weekRowForm, raw);
        if (r.ok) rows.push({ ...r.data, row: n });
        else problems.push(...r.problems.map((x) => ({ ...x, field: `${p}-${x.field}`, href: `#${p}-${x.field}` })));
      }
      if (problems.length) return show(rowErrors(req, problems));
      const done = await orRerender(
        req,
        () => recordWeekActs({ ...useCaseOf(req, services), agencyId, workerId: q.worker, rows }),
        (_e, ps) => show(rowErrors(req, ps)),
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/service-acts/providers/${agencyId}?month=${q.week.slice(0, 7)}&done=week`, 303);
    });

    app.get('/service-acts/providers/:agencyId/schedule', async (req, reply) => {
      authorize(req.actor, 'acts.read');
      return renderSchedule(req, reply, parseParams(req, agencyParams).agencyId);
    });

    app.post('/service-acts/providers/:agencyId/schedule', async (req, reply) => {
      authorize(req.actor, 'acts.write');
      const { agencyId } = parseParams(req, agencyParams);
      const values = formValues(req.body);
      const weekdays = parseWith(weekdaysOnly, req.body);
      const show = (errors: FormErrors) =>
        renderSchedule(req, reply, agencyId, {
          values,
          errors,
          weekdays: weekdays.ok ? weekdays.data.weekdays : [],
        });
      const parsed = parseWith(scheduleForm, req.body, (f) => (f === 'weekdays' ? '#weekdays' : undefined));
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems));
      const done = await orRerender(
        req,
        () => saveVisitSchedule({ ...useCaseOf(req, services), input: parsed.data }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/service-acts/providers/${done.value}/schedule?done=scheduled`, 303);
    });

    app.post('/service-acts/providers/:agencyId/schedule/remove', async (req, reply) => {
      authorize(req.actor, 'acts.write');
      const { agencyId } = parseParams(req, agencyParams);
      const parsed = parseWith(removeScheduleForm, req.body);
      if (!parsed.ok) return reply.redirect(`/service-acts/providers/${agencyId}/schedule`, 303);
      const id = await removeVisitSchedule({ ...useCaseOf(req, services), id: parsed.data.id });
      return reply.redirect(`/service-acts/providers/${id}/schedule?done=unscheduled`, 303);
    });
  };
}
