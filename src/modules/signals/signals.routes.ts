import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize, can } from '../../platform/policy.js';
import {
  dateFromParts,
  dateHref,
  dateToParts,
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
import { paginate, pageHref } from '../../platform/pagination.js';
import { useCaseOf } from '../../platform/use-case.js';
import { CASE_PRIORITIES } from '../cases/case-machine.js';
import { fromKyiv, kyivDateTime, parseTime, SIGNAL_SOURCES, SIGNAL_STATUSES, URGENCIES } from './signal-rules.js';
import {
  agencyForm,
  newSignalQuery,
  noActionForm,
  registerForm,
  signalCaseForm,
  signalListQuery,
  signalPageQuery,
  signalParams,
  settingsForm,
  visitForm,
} from './signals.schema.js';
import { presentSignal, presentSignalItem } from './signals.presenter.js';
import { listSignals, SIGNALS_PAGE_SIZE } from './use-cases/list-signals.js';
import { getNewSignalForm } from './use-cases/get-new-signal-form.js';
import { registerSignal } from './use-cases/register-signal.js';
import { viewSignal } from './use-cases/view-signal.js';
import { startSignalTriage } from './use-cases/start-signal-triage.js';
import { recordSignalVisit } from './use-cases/record-signal-visit.js';
import { closeSignal } from './use-cases/close-signal.js';
import { openSignalCase } from './use-cases/open-signal-case.js';
import { getSignalSettings } from './use-cases/get-signal-settings.js';
import { saveSignalSettings } from './use-cases/save-signal-settings.js';

const DONE = ['registered', 'triage', 'visit', 'closed'] as const;
const REGISTER_ORDER = [
  'source',
  'sourceDetail',
  'subjectName',
  'subjectAge',
  'place',
  'observed',
  'urgency',
  'receivedAt',
  'receivedTime',
  'reporterName',
  'reporterContact',
] as const;

/** A failed form of the signal page: which one, its errors and what was posted. */
interface SignalForm {
  name: 'visit' | 'agency' | 'noAction' | 'case';
  errors: FormErrors;
  values: FormValues;
}

const options = (t: FastifyRequest['t'], prefix: string, values: readonly string[]) =>
  values.map((v) => ({ value: v, text: t(`${prefix}.${v}`) }));

/** Early detection: the signals list with its clocks, registering a signal, and the signal page with its outcomes. */
export function signalRoutes(services: Services) {
  async function renderNew(req: FastifyRequest, reply: FastifyReply, values: FormValues, errors = NO_ERRORS) {
    const q = newSignalQuery.parse(values);
    const f = await getNewSignalForm({ ...useCaseOf(req, services), personId: q.personId, q: q.q });
    const now = kyivDateTime(new Date());
    noStore(reply);
    return reply.page(
      'signals/views/new.njk',
      {
        pageTitle: req.t('signals.newTitle'),
        person: f.person,
        found: f.found,
        canSearch: f.canSearch,
        q: q.q ?? '',
        flash: q.registered ? req.t('signals.registeredAs', { number: q.registered }) : null,
        sources: options(req.t, 'signals.source', SIGNAL_SOURCES),
        urgencies: options(req.t, 'signals.urgency', URGENCIES),
        values: { urgency: 'normal', receivedTime: now.time, ...dateToParts('receivedAt', now.date), ...values },
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderSignal(req: FastifyRequest, reply: FastifyReply, id: string, form?: SignalForm) {
    const { done, q } = signalPageQuery.parse(req.query ?? {});
    const v = await viewSignal({ ...useCaseOf(req, services), id, q });
    const s = presentSignal(v, req.t, new Date());
    const errors = form?.errors ?? NO_ERRORS;
    const of = (name: SignalForm['name']) => (form?.name === name ? errors.errors : {});
    const valuesOf = (name: SignalForm['name'], fallback: FormValues = {}) =>
      form?.name === name ? form.values : fallback;
    noStore(reply);
    return reply.page(
      'signals/views/signal.njk',
      {
        pageTitle: req.t('signals.signalTitle', { number: s.number }),
        s,
        canWrite: v.canWrite,
        canOpenCase: v.canOpenCase,
        q: q ?? '',
        found: v.found,
        personItems: (v.found ?? []).map((p) => ({
          value: p.id,
          text: p.name,
          hint: p.detail ? { text: p.detail } : undefined,
        })),
        agencies: v.agencies.map((a) => ({ value: String(a.id), text: a.name })),
        types: v.caseTypes.map((k) => ({
          value: k.code,
          text: `${req.locale === 'en' ? k.name_en : k.name_uk}${k.restricted ? ` (${req.t('cases.restricted')})` : ''}`,
        })),
        priorities: options(req.t, 'cases.priority', CASE_PRIORITIES),
        flash: DONE.find((d) => d === done) ? req.t(`signals.done.${done ?? ''}`) : null,
        errorSummary: errors.errorSummary,
        visitErrors: of('visit'),
        agencyErrors: of('agency'),
        noActionErrors: of('noAction'),
        caseErrors: of('case'),
        visitValues: valuesOf('visit', dateToParts('visitedOn', kyivDateTime(new Date()).date)),
        agencyValues: valuesOf('agency'),
        noActionValues: valuesOf('noAction'),
        caseValues: valuesOf('case', { priority: v.row.urgency === 'normal' ? 'normal' : v.row.urgency }),
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/signals', async (req, reply) => {
      authorize(req.actor, 'signals.read');
      const q = parseQuery(req, signalListQuery);
      const query = q.ok ? q.data : {};
      const page = query.page ?? 1;
      const r = await listSignals({
        ...useCaseOf(req, services),
        status: query.status ?? null,
        urgency: query.urgency ?? null,
        overdueOnly: query.due === 'overdue',
        page,
      });
      const base = { status: query.status, urgency: query.urgency, due: query.due };
      const now = new Date();
      noStore(reply);
      return reply.page('signals/views/list.njk', {
        pageTitle: req.t('signals.listTitle'),
        signals: r.rows.map((s) => presentSignalItem(s, req.t, now)),
        total: r.total,
        status: query.status ?? '',
        urgency: query.urgency ?? '',
        overdueOnly: query.due === 'overdue',
        statuses: options(req.t, 'signals.status', SIGNAL_STATUSES),
        urgencies: options(req.t, 'signals.urgency', URGENCIES),
        canRegister: can(req.actor, 'signals.register'),
        pagination: paginate({
          page,
          pageSize: SIGNALS_PAGE_SIZE,
          total: r.total,
          href: (n) => pageHref('/signals', base, n),
        }),
      });
    });

    const renderSettings = async (
      req: FastifyRequest,
      reply: FastifyReply,
      values?: FormValues,
      errors = NO_ERRORS,
    ) => {
      const h = values ? null : await getSignalSettings(useCaseOf(req, services));
      const { done } = signalPageQuery.parse(req.query ?? {});
      return reply.page(
        'signals/views/settings.njk',
        {
          pageTitle: req.t('signals.settingsTitle'),
          values: h ? { urgentHours: h.urgent, highHours: h.high, normalHours: h.normal } : values,
          flash: done === 'saved' ? req.t('signals.settingsSaved') : null,
          errors: errors.errors,
          errorSummary: errors.errorSummary,
        },
        errors.errorSummary.length ? 400 : 200,
      );
    };

    app.get('/signals/settings', async (req, reply) => {
      authorize(req.actor, 'signals.manage');
      return renderSettings(req, reply);
    });

    app.post('/signals/settings', async (req, reply) => {
      authorize(req.actor, 'signals.manage');
      const values = formValues(req.body);
      const form = parseWith(settingsForm, values);
      if (!form.ok) return renderSettings(req, reply, values, formErrors(req.t, form.problems));
      const hours = { urgent: form.data.urgentHours, high: form.data.highHours, normal: form.data.normalHours };
      await saveSignalSettings({ ...useCaseOf(req, services), hours });
      return reply.redirect('/signals/settings?done=saved', 303);
    });

    app.get('/signals/new', async (req, reply) => {
      authorize(req.actor, 'signals.register');
      return renderNew(req, reply, formValues(req.query));
    });

    app.post('/signals', async (req, reply) => {
      authorize(req.actor, 'signals.register');
      const values = formValues(req.body);
      const form = parseWith(
        registerForm,
        { ...values, receivedAt: dateFromParts(values, 'receivedAt') },
        dateHref(['receivedAt']),
      );
      const show = (errors: FormErrors) => renderNew(req, reply, values, errors);
      if (!form.ok) return show(formErrors(req.t, form.problems, { order: REGISTER_ORDER }));
      const { receivedAt, receivedTime, ...rest } = form.data;
      const done = await orRerender(
        req,
        () =>
          registerSignal({
            ...useCaseOf(req, services),
            input: { ...rest, receivedAt: fromKyiv(receivedAt, parseTime(receivedTime) ?? '00:00') },
          }),
        show,
      );
      if (!done.done) return done.reply;
      return can(req.actor, 'signals.read')
        ? reply.redirect(`/signals/${done.value.id}?done=registered`, 303)
        : reply.redirect(`/signals/new?registered=${encodeURIComponent(done.value.number)}`, 303);
    });

    app.get('/signals/:id', async (req, reply) => {
      authorize(req.actor, 'signals.read');
      return renderSignal(req, reply, parseParams(req, signalParams).id);
    });

    app.post('/signals/:id/triage', async (req, reply) => {
      authorize(req.actor, 'signals.write');
      const { id } = parseParams(req, signalParams);
      await startSignalTriage({ ...useCaseOf(req, services), id });
      return reply.redirect(`/signals/${id}?done=triage`, 303);
    });

    app.post('/signals/:id/visits', async (req, reply) => {
      authorize(req.actor, 'signals.write');
      const { id } = parseParams(req, signalParams);
      const values = formValues(req.body);
      const form = parseWith(
        visitForm,
        { ...values, visitedOn: dateFromParts(values, 'visitedOn') },
        dateHref(['visitedOn']),
      );
      const fail = (errors: FormErrors) => renderSignal(req, reply, id, { name: 'visit', errors, values });
      if (!form.ok) return fail(formErrors(req.t, form.problems));
      const done = await orRerender(
        req,
        () => recordSignalVisit({ ...useCaseOf(req, services), id, input: form.data }),
        fail,
      );
      return done.done ? reply.redirect(`/signals/${id}?done=visit#visits`, 303) : done.reply;
    });

    app.post('/signals/:id/pass', async (req, reply) => {
      authorize(req.actor, 'signals.write');
      const { id } = parseParams(req, signalParams);
      const values = formValues(req.body);
      const form = parseWith(agencyForm, values);
      const fail = (errors: FormErrors) => renderSignal(req, reply, id, { name: 'agency', errors, values });
      if (!form.ok) return fail(formErrors(req.t, form.problems));
      const input = { outcome: 'agency' as const, agencyId: form.data.agencyId, reason: form.data.agencyReason };
      const done = await orRerender(req, () => closeSignal({ ...useCaseOf(req, services), id, input }), fail);
      return done.done ? reply.redirect(`/signals/${id}?done=closed`, 303) : done.reply;
    });

    app.post('/signals/:id/dismiss', async (req, reply) => {
      authorize(req.actor, 'signals.write');
      const { id } = parseParams(req, signalParams);
      const values = formValues(req.body);
      const form = parseWith(noActionForm, values);
      const fail = (errors: FormErrors) => renderSignal(req, reply, id, { name: 'noAction', errors, values });
      if (!form.ok) return fail(formErrors(req.t, form.problems));
      const input = { outcome: 'no_action' as const, reason: form.data.noActionReason };
      const done = await orRerender(req, () => closeSignal({ ...useCaseOf(req, services), id, input }), fail);
      return done.done ? reply.redirect(`/signals/${id}?done=closed`, 303) : done.reply;
    });

    app.post('/signals/:id/case', async (req, reply) => {
      authorize(req.actor, 'signals.write');
      authorize(req.actor, 'cases.write');
      const { id } = parseParams(req, signalParams);
      const values = formValues(req.body);
      const form = parseWith(signalCaseForm, values);
      const fail = (errors: FormErrors) => renderSignal(req, reply, id, { name: 'case', errors, values });
      if (!form.ok) return fail(formErrors(req.t, form.problems));
      const done = await orRerender(
        req,
        () => openSignalCase({ ...useCaseOf(req, services), id, input: form.data }),
        fail,
      );
      return done.done ? reply.redirect(`/cases/${done.value.id}?done=opened`, 303) : done.reply;
    });
    return Promise.resolve();
  };
}
