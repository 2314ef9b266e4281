import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
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
import { kyivToday } from '../../platform/dates.js';
import { paginate, pageHref } from '../../platform/pagination.js';
import { useCaseOf } from '../../platform/use-case.js';
import { renderReason } from './access.routes.js';
import { CASE_PRIORITIES, CASE_STATUSES, NOTE_KINDS } from './case-machine.js';
import {
  caseListQuery,
  caseParams,
  doneQuery,
  newCaseQuery,
  noteForm,
  openCaseForm,
  protectionLiftForm,
  protectionRestoreForm,
  transitionForm,
} from './cases.schema.js';
import { presentCase, presentCaseItem } from './cases.presenter.js';
import { CASES_PAGE_SIZE, listCases } from './use-cases/list-cases.js';
import { getNewCaseForm } from './use-cases/get-new-case-form.js';
import { openCase } from './use-cases/open-case.js';
import { viewCase } from './use-cases/view-case.js';
import { changeCaseStatus } from './use-cases/change-case-status.js';
import { addCaseNote } from './use-cases/add-case-note.js';
import { presentPlan } from './plan.presenter.js';
import { closureDecisionForm, closureForm, decisionForm, reviewForm, submitForm } from './plan.schema.js';
import { submitPlan } from './use-cases/submit-plan.js';
import { decidePlan } from './use-cases/decide-plan.js';
import { requestClosure } from './use-cases/request-closure.js';
import { decideClosure } from './use-cases/decide-closure.js';
import { completeReview } from './use-cases/complete-review.js';
import { setContactsProtection } from './use-cases/set-contacts-protection.js';

const DONE = [
  'opened',
  'status',
  'noteAdded',
  'memberAdded',
  'memberRemoved',
  'meetingRecorded',
  'taskDone',
  'referralSent',
  'referralAccepted',
  'planSaved',
  'planSubmitted',
  'planApproved',
  'planReturned',
  'closureRequested',
  'closureApproved',
  'closureReturned',
  'reviewDone',
  'protectionLifted',
  'protectionRestored',
] as const;
const OPEN_ORDER = ['typeCode', 'priority', 'note'] as const;

/** A failed form of the case page: which one, its errors and what was posted. */
interface CaseForm {
  name: 'transition' | 'note' | 'planDecision' | 'closure' | 'closureDecision' | 'review' | 'protection';
  errors: FormErrors;
  values: FormValues;
}

/** Case management pages: the list of cases, opening a case, the case page with its status, timeline and notes. */
export function caseRoutes(services: Services) {
  async function renderCase(req: FastifyRequest, reply: FastifyReply, id: string, form?: CaseForm) {
    const v = await viewCase({
      ...useCaseOf(req, services),
      id,
      page: { sections: req.server.moduleHooks.all('caseSections'), t: req.t, locale: req.locale },
    });
    if (v.needsReason) return renderReason(req, reply, v.row.id, v.row.number);
    const { done } = doneQuery.parse(req.query ?? {});
    const k = presentCase(v, req.t, req.locale);
    const errors = form?.errors ?? NO_ERRORS;
    const sectionData: Record<string, unknown> = {};
    for (const s of v.sections) Object.assign(sectionData, s.data);
    noStore(reply);
    return reply.page(
      'cases/views/case.njk',
      {
        pageTitle: req.t('cases.caseTitle', { number: k.number }),
        k,
        canWrite: v.canWrite,
        // The other modules' sections: each partial with its variables.
        ...sectionData,
        sectionTemplates: v.sections.map((s) => s.template),
        flash: DONE.find((d) => d === done) ? req.t(`cases.done.${done ?? ''}`) : null,
        errorSummary: errors.errorSummary,
        transitionErrors: form?.name === 'transition' ? errors.errors : {},
        noteErrors: form?.name === 'note' ? errors.errors : {},
        noteValues: form?.name === 'note' ? form.values : dateToParts('happenedOn', kyivToday()),
        transitionValues: form?.name === 'transition' ? form.values : {},
        noteKinds: NOTE_KINDS.map((n) => ({ value: n, text: req.t(`cases.noteKind.${n}`) })),
        plan: presentPlan(v, req.t, kyivToday()),
        canSupervise: v.canSupervise,
        canLiftProtection: v.canLiftProtection,
        // The plan's, closure's and review's forms: the one that failed keeps its errors and values.
        form: form && form.name !== 'transition' && form.name !== 'note' ? form.name : null,
        formErrors: errors.errors,
        formValues: form?.values ?? {},
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderNew(req: FastifyRequest, reply: FastifyReply, values: FormValues, errors = NO_ERRORS) {
    const q = newCaseQuery.parse(values);
    const f = await getNewCaseForm({ ...useCaseOf(req, services), ...q });
    noStore(reply);
    return reply.page(
      'cases/views/new.njk',
      {
        pageTitle: req.t('cases.newTitle'),
        subject: f.subject,
        service: f.service,
        existing: f.existing && { href: `/cases/${f.existing.id}`, number: f.existing.number },
        hidden: q,
        types: f.types.map((k) => ({
          value: k.code,
          text: `${req.locale === 'en' ? k.name_en : k.name_uk}${k.restricted ? ` (${req.t('cases.restricted')})` : ''}`,
        })),
        priorities: CASE_PRIORITIES.map((p) => ({ value: p, text: req.t(`cases.priority.${p}`) })),
        values: { priority: 'normal', ...values },
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/cases', async (req, reply) => {
      authorize(req.actor, 'cases.read');
      const q = parseQuery(req, caseListQuery);
      const query = q.ok ? q.data : {};
      const mine = query.scope !== 'all';
      const page = query.page ?? 1;
      const r = await listCases({ ...useCaseOf(req, services), status: query.status ?? null, mine, page });
      const base = { scope: mine ? undefined : 'all', status: query.status };
      noStore(reply);
      return reply.page('cases/views/list.njk', {
        pageTitle: req.t('cases.listTitle'),
        cases: r.rows.map((k) => presentCaseItem(k, req.t, req.locale)),
        total: r.total,
        mine,
        status: query.status ?? '',
        statuses: CASE_STATUSES.map((s) => ({ value: s, text: req.t(`cases.status.${s}`) })),
        mineHref: pageHref('/cases', { status: query.status }, 1),
        canBreakGlass: can(req.actor, 'cases.supervise'),
        allHref: pageHref('/cases', { scope: 'all', status: query.status }, 1),
        pagination: paginate({
          page,
          pageSize: CASES_PAGE_SIZE,
          total: r.total,
          href: (n) => pageHref('/cases', base, n),
        }),
      });
    });

    app.get('/cases/new', async (req, reply) => {
      authorize(req.actor, 'cases.write');
      return renderNew(req, reply, formValues(req.query));
    });

    app.post('/cases', async (req, reply) => {
      authorize(req.actor, 'cases.write');
      const values = formValues(req.body);
      const form = parseWith(openCaseForm, values);
      if (!form.ok) return renderNew(req, reply, values, formErrors(req.t, form.problems, { order: OPEN_ORDER }));
      const { note, typeCode, priority, personId, householdId, applicationId } = form.data;
      const done = await orRerender(
        req,
        () =>
          openCase({
            ...useCaseOf(req, services),
            input: { typeCode, priority, note, personId, householdId, applicationId },
          }),
        (errors) => renderNew(req, reply, values, errors),
      );
      return done.done ? reply.redirect(`/cases/${done.value.id}?done=opened`, 303) : done.reply;
    });

    app.get('/cases/:id', async (req, reply) => {
      authorize(req.actor, 'cases.read');
      return renderCase(req, reply, parseParams(req, caseParams).id);
    });

    app.post('/cases/:id/transitions', async (req, reply) => {
      authorize(req.actor, 'cases.write');
      const { id } = parseParams(req, caseParams);
      const values = formValues(req.body);
      const form = parseWith(transitionForm, values);
      const fail = (errors: FormErrors) => renderCase(req, reply, id, { name: 'transition', errors, values });
      if (!form.ok) return fail(formErrors(req.t, form.problems));
      const done = await orRerender(
        req,
        () => changeCaseStatus({ ...useCaseOf(req, services), id, ...form.data }),
        fail,
      );
      return done.done ? reply.redirect(`/cases/${id}?done=status`, 303) : done.reply;
    });

    app.post('/cases/:id/notes', async (req, reply) => {
      authorize(req.actor, 'cases.write');
      const { id } = parseParams(req, caseParams);
      const values = formValues(req.body);
      const form = parseWith(
        noteForm,
        { ...values, happenedOn: dateFromParts(values, 'happenedOn') },
        dateHref(['happenedOn']),
      );
      const fail = (errors: FormErrors) => renderCase(req, reply, id, { name: 'note', errors, values });
      if (!form.ok) return fail(formErrors(req.t, form.problems));
      const done = await orRerender(
        req,
        () => addCaseNote({ ...useCaseOf(req, services), id, input: form.data }),
        fail,
      );
      return done.done ? reply.redirect(`/cases/${id}?done=noteAdded#notes`, 303) : done.reply;
    });

    /** A form of the case page that calls one use-case and comes back to the case (the failed form shown again). */
    const caseForm = <T>(
      path: string,
      name: CaseForm['name'],
      parse: (values: FormValues) => ReturnType<typeof parseWith<z.ZodType<T>>>,
      run: (req: FastifyRequest, id: string, data: T) => Promise<unknown>,
      done: (data: T) => string,
    ) =>
      app.post(path, async (req, reply) => {
        authorize(req.actor, 'cases.read');
        const { id } = parseParams(req, caseParams);
        const values = formValues(req.body);
        const form = parse(values);
        const fail = (errors: FormErrors) => renderCase(req, reply, id, { name, errors, values });
        if (!form.ok) return fail(formErrors(req.t, form.problems));
        const r = await orRerender(req, () => run(req, id, form.data), fail);
        return r.done ? reply.redirect(`/cases/${id}?done=${done(form.data)}`, 303) : r.reply;
      });

    caseForm(
      '/cases/:id/plan/submit',
      'planDecision',
      (v) => parseWith(submitForm, v),
      (req, id, f) => submitPlan({ ...useCaseOf(req, services), id, version: f.version }),
      () => 'planSubmitted#plan',
    );
    caseForm(
      '/cases/:id/plan/decision',
      'planDecision',
      (v) => parseWith(decisionForm, v),
      (req, id, f) =>
        decidePlan({
          ...useCaseOf(req, services),
          id,
          ...f,
          serviceTerms: req.server.moduleHooks.all('caseServiceTerms'),
        }),
      (f) => (f.decision === 'approve' ? 'planApproved#plan' : 'planReturned#plan'),
    );
    caseForm(
      '/cases/:id/closure',
      'closure',
      (v) => parseWith(closureForm, v),
      (req, id, f) => requestClosure({ ...useCaseOf(req, services), id, reason: f.closeReason, version: f.version }),
      () => 'closureRequested#closure',
    );
    caseForm(
      '/cases/:id/closure/decision',
      'closureDecision',
      (v) => parseWith(closureDecisionForm, v),
      (req, id, f) =>
        decideClosure({ ...useCaseOf(req, services), id, decision: f.decision, comment: f.closureComment }),
      (f) => (f.decision === 'approve' ? 'closureApproved' : 'closureReturned#closure'),
    );
    caseForm(
      '/cases/:id/reviews',
      'review',
      (v) =>
        parseWith(reviewForm, { ...v, nextReviewOn: dateFromParts(v, 'nextReviewOn') }, dateHref(['nextReviewOn'])),
      (req, id, f) =>
        completeReview({
          ...useCaseOf(req, services),
          id,
          outcome: f.outcome,
          note: f.reviewNote,
          nextReviewOn: f.nextReviewOn,
        }),
      () => 'reviewDone#reviews',
    );
    caseForm(
      '/cases/:id/protection/lift',
      'protection',
      (v) => parseWith(protectionLiftForm, v),
      (req, id, f) =>
        setContactsProtection({ ...useCaseOf(req, services), id, lift: true, reason: f.protectionReason }),
      () => 'protectionLifted#protection',
    );
    caseForm(
      '/cases/:id/protection/restore',
      'protection',
      (v) => parseWith(protectionRestoreForm, v),
      (req, id, f) =>
        setContactsProtection({ ...useCaseOf(req, services), id, lift: false, reason: f.protectionReason }),
      () => 'protectionRestored#protection',
    );
    return Promise.resolve();
  };
}
