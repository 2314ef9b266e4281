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
import { kyivToday } from '../../platform/dates.js';
import { noStore } from '../../platform/http.js';
import { paginate, pageHref } from '../../platform/pagination.js';
import { useCaseOf } from '../../platform/use-case.js';
import {
  ASSESSMENTS,
  CAPACITY,
  CARE_FORMS,
  CARE_STAGES,
  DECISIONS,
  END_REASONS,
  REVIEW_CONCLUSIONS,
} from './care-rules.js';
import {
  assessmentForm,
  capacityForm,
  careListQuery,
  carePageQuery,
  careParams,
  closeForm,
  decisionForm,
  endForm,
  extendForm,
  newCareQuery,
  placeForm,
  registerForm,
  settingsForm,
  trainingForm,
  visitForm,
} from './family-care.schema.js';
import { presentCareFamily, presentCareItem, presentCounts, presentPlacement } from './family-care.presenter.js';
import { CARE_PAGE_SIZE, listCareFamilies } from './use-cases/list-care-families.js';
import { getNewCareForm } from './use-cases/get-new-care-form.js';
import { registerCareFamily } from './use-cases/register-care-family.js';
import { viewCareFamily } from './use-cases/view-care-family.js';
import { recordCandidateStep, type CandidateStepInput } from './use-cases/record-candidate-step.js';
import { changeCareCapacity } from './use-cases/change-care-capacity.js';
import { closeCareFamily } from './use-cases/close-care-family.js';
import { placeChild } from './use-cases/place-child.js';
import { recordCareVisit } from './use-cases/record-care-visit.js';
import { extendPlacement } from './use-cases/extend-placement.js';
import { endPlacement } from './use-cases/end-placement.js';
import { getCareSettings } from './use-cases/get-care-settings.js';
import { saveCareSettings } from './use-cases/save-care-settings.js';

const DONE = [
  'registered',
  'training',
  'assessment',
  'decision',
  'capacity',
  'closed',
  'placed',
  'visit',
  'extended',
  'ended',
] as const;

/** The forms of the family page; a placement's forms name their placement. */
type FormName = 'training' | 'assessment' | 'decision' | 'capacity' | 'close' | 'place' | 'visit' | 'extend' | 'end';
interface FailedForm {
  name: FormName;
  placementId?: string;
  errors: FormErrors;
  values: FormValues;
}

const options = (t: FastifyRequest['t'], prefix: string, values: readonly string[]) =>
  values.map((v) => ({ value: v, text: t(`${prefix}.${v}`) }));

/** Family forms of care: the list with the plans' counts, registering candidates, the family page, settings. */
export function careRoutes(services: Services) {
  async function renderNew(req: FastifyRequest, reply: FastifyReply, values: FormValues, errors = NO_ERRORS) {
    const { householdId } = newCareQuery.parse({ householdId: values.householdId });
    const f = householdId ? await getNewCareForm({ ...useCaseOf(req, services), householdId }) : null;
    noStore(reply);
    return reply.page(
      'family-care/views/new.njk',
      {
        pageTitle: req.t('care.newTitle'),
        household: f,
        forms: CARE_FORMS.map((form) => ({
          value: form,
          text: req.t(`care.form.${form}`),
          hint: { text: req.t('care.capacityRange', CAPACITY[form]) },
        })),
        values,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderFamily(req: FastifyRequest, reply: FastifyReply, id: string, form?: FailedForm) {
    const { done, q } = carePageQuery.parse(req.query ?? {});
    const v = await viewCareFamily({ ...useCaseOf(req, services), id, q });
    const today = kyivToday();
    const errors = form?.errors ?? NO_ERRORS;
    const of = (name: FormName, placementId?: string) =>
      form?.name === name && form.placementId === placementId ? errors.errors : {};
    const valuesOf = (name: FormName, fallback: FormValues, placementId?: string) =>
      form?.name === name && form.placementId === placementId ? form.values : fallback;
    const f = presentCareFamily(v.family, req.t);
    noStore(reply);
    return reply.page(
      'family-care/views/family.njk',
      {
        pageTitle: req.t('care.familyTitle', { name: f.carer }),
        f,
        placements: v.placements.map((p) => {
          const x = presentPlacement(p, v.visits, v.intervals, req.t, { canReadCases: v.canReadCases, today });
          return {
            ...x,
            visitErrors: of('visit', p.id),
            visitValues: valuesOf('visit', { kind: 'visit', ...dateToParts(`heldOn`, today) }, p.id),
            extendErrors: of('extend', p.id),
            extendValues: valuesOf('extend', {}, p.id),
            endErrors: of('end', p.id),
            endValues: valuesOf('end', dateToParts('endedOn', today), p.id),
          };
        }),
        canWrite: v.canWrite,
        canVisit: v.canVisit,
        q: q ?? '',
        found: v.found,
        childItems: (v.found ?? []).map((p) => ({
          value: p.id,
          text: p.name,
          hint: p.detail ? { text: p.detail } : undefined,
        })),
        assessments: options(req.t, 'care.assessment', ASSESSMENTS),
        decisions: options(req.t, 'care.decision', DECISIONS),
        endReasons: options(req.t, 'care.endReason', END_REASONS),
        conclusions: options(req.t, 'care.conclusion', REVIEW_CONCLUSIONS),
        capacityRange: CAPACITY[v.family.form],
        flash: DONE.find((d) => d === done) ? req.t(`care.done.${done ?? ''}`) : null,
        errorSummary: errors.errorSummary,
        trainingErrors: of('training'),
        trainingValues: valuesOf('training', {}),
        assessmentErrors: of('assessment'),
        assessmentValues: valuesOf('assessment', {}),
        decisionErrors: of('decision'),
        decisionValues: valuesOf('decision', { decisionBody: req.t('care.defaultBody') }),
        capacityErrors: of('capacity'),
        capacityValues: valuesOf('capacity', { capacity: String(v.family.capacity) }),
        closeErrors: of('close'),
        closeValues: valuesOf('close', dateToParts('closedOn', today)),
        placeErrors: of('place'),
        placeValues: valuesOf('place', dateToParts('placedOn', today)),
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  /**
   * One form of the family page: parse (with its date fields), run the use-case, and on a refusal show the page again
   * with the form's errors; on success go back to the page with the `done` message at the anchor.
   */
  async function post<S extends z.ZodType>(
    req: FastifyRequest,
    reply: FastifyReply,
    o: {
      pageId: string;
      form: FormName;
      placementId?: string;
      schema: S;
      dates?: string[];
      run: (data: z.infer<S>) => Promise<unknown>;
      done: (typeof DONE)[number];
      anchor: string;
      order?: readonly string[];
    },
  ) {
    const values = formValues(req.body);
    const dated: Record<string, unknown> = { ...values };
    for (const d of o.dates ?? []) dated[d] = dateFromParts(values, d);
    const parsed = parseWith(o.schema, dated, dateHref(o.dates ?? []));
    const pid = o.placementId;
    // A placement's form is repeated per placement: its ids carry the placement (`findings-<id>`, `heldOn-<id>-day`).
    const own = (e: FormErrors): FormErrors =>
      pid
        ? {
            ...e,
            errorSummary: e.errorSummary.map((x) => ({ ...x, href: x.href.replace(/^#([A-Za-z]+)/, `#$1-${pid}`) })),
          }
        : e;
    const fail = (errors: FormErrors) =>
      renderFamily(req, reply, o.pageId, { name: o.form, placementId: pid, errors: own(errors), values });
    if (!parsed.ok) return fail(formErrors(req.t, parsed.problems, { order: o.order }));
    const done = await orRerender(req, () => o.run(parsed.data), fail);
    if (!done.done) return done.reply;
    return reply.redirect(`/family-care/${o.pageId}?done=${o.done}#${o.anchor}`, 303);
  }

  return function (app: FastifyInstance) {
    app.get('/family-care', async (req, reply) => {
      authorize(req.actor, 'care.read');
      const q = parseQuery(req, careListQuery);
      const query = q.ok ? q.data : {};
      const page = query.page ?? 1;
      const r = await listCareFamilies({
        ...useCaseOf(req, services),
        filter: { form: query.form ?? null, stage: query.stage ?? null, overdueOnly: query.due === 'overdue' },
        year: query.year,
        page,
      });
      const base = { form: query.form, stage: query.stage, due: query.due, year: query.year };
      const thisYear = Number(kyivToday().slice(0, 4));
      noStore(reply);
      return reply.page('family-care/views/list.njk', {
        pageTitle: req.t('care.listTitle'),
        families: r.rows.map((f) => presentCareItem(f, req.t)),
        total: r.total,
        counts: presentCounts(r.counts, req.t),
        year: r.year,
        years: [0, 1, 2, 3, 4].map((n) => ({ value: String(thisYear - n), text: String(thisYear - n) })),
        form: query.form ?? '',
        stage: query.stage ?? '',
        overdueOnly: query.due === 'overdue',
        forms: options(req.t, 'care.form', CARE_FORMS),
        stages: options(req.t, 'care.stage', CARE_STAGES),
        canWrite: can(req.actor, 'care.write'),
        canManage: can(req.actor, 'care.manage'),
        intervals: r.intervals,
        pagination: paginate({
          page,
          pageSize: CARE_PAGE_SIZE,
          total: r.total,
          href: (n) => pageHref('/family-care', base, n),
        }),
      });
    });

    const renderSettings = async (
      req: FastifyRequest,
      reply: FastifyReply,
      values?: FormValues,
      errors = NO_ERRORS,
    ) => {
      const i = values ? null : await getCareSettings(useCaseOf(req, services));
      const { done } = carePageQuery.parse(req.query ?? {});
      return reply.page(
        'family-care/views/settings.njk',
        {
          pageTitle: req.t('care.settingsTitle'),
          values: i
            ? {
                visitDays: String(i.visitDays),
                patronatVisitDays: String(i.patronatVisitDays),
                reviewDays: String(i.reviewDays),
              }
            : values,
          flash: done === 'saved' ? req.t('care.settingsSaved') : null,
          // Administrators keep the settings without reading the families: their way back is the staff's home.
          canRead: can(req.actor, 'care.read'),
          errors: errors.errors,
          errorSummary: errors.errorSummary,
        },
        errors.errorSummary.length ? 400 : 200,
      );
    };

    app.get('/family-care/settings', async (req, reply) => {
      authorize(req.actor, 'care.manage');
      return renderSettings(req, reply);
    });

    app.post('/family-care/settings', async (req, reply) => {
      authorize(req.actor, 'care.manage');
      const values = formValues(req.body);
      const form = parseWith(settingsForm, values);
      if (!form.ok) return renderSettings(req, reply, values, formErrors(req.t, form.problems));
      await saveCareSettings({ ...useCaseOf(req, services), intervals: form.data });
      return reply.redirect('/family-care/settings?done=saved', 303);
    });

    app.get('/family-care/new', async (req, reply) => {
      authorize(req.actor, 'care.write');
      return renderNew(req, reply, formValues(req.query));
    });

    app.post('/family-care', async (req, reply) => {
      authorize(req.actor, 'care.write');
      const values = formValues(req.body);
      const form = parseWith(registerForm, values);
      const show = (errors: FormErrors) => renderNew(req, reply, values, errors);
      if (!form.ok) return show(formErrors(req.t, form.problems));
      const done = await orRerender(
        req,
        () => registerCareFamily({ ...useCaseOf(req, services), input: form.data }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/family-care/${form.data.householdId}?done=registered`, 303);
    });

    app.get('/family-care/:id', async (req, reply) => {
      authorize(req.actor, 'care.read');
      return renderFamily(req, reply, parseParams(req, careParams).id);
    });

    const step = (name: 'training' | 'assessment' | 'decision') => async (req: FastifyRequest, reply: FastifyReply) => {
      authorize(req.actor, 'care.write');
      const { id } = parseParams(req, careParams);
      const common = { pageId: id, form: name, done: name, anchor: 'candidate' } as const;
      const run = (input: CandidateStepInput) => recordCandidateStep({ ...useCaseOf(req, services), id, input });
      if (name === 'training')
        return post(req, reply, {
          ...common,
          schema: trainingForm,
          dates: ['trainedOn'],
          order: ['trainingCourse', 'trainingHours', 'trainedOn', 'certificate'],
          run: (d) =>
            run({
              step: 'training',
              course: d.trainingCourse,
              hours: d.trainingHours,
              on: d.trainedOn,
              certificate: d.certificate,
            }),
        });
      if (name === 'assessment')
        return post(req, reply, {
          ...common,
          schema: assessmentForm,
          dates: ['assessedOn'],
          run: (d) => run({ step: 'assessment', on: d.assessedOn, assessment: d.assessment, note: d.assessmentNote }),
        });
      return post(req, reply, {
        ...common,
        schema: decisionForm,
        dates: ['decidedOn'],
        order: ['decidedOn', 'decision', 'decisionNumber', 'decisionBody'],
        run: (d) =>
          run({
            step: 'decision',
            on: d.decidedOn,
            decision: d.decision,
            number: d.decisionNumber,
            body: d.decisionBody,
          }),
      });
    };
    app.post('/family-care/:id/training', step('training'));
    app.post('/family-care/:id/assessment', step('assessment'));
    app.post('/family-care/:id/decision', step('decision'));

    app.post('/family-care/:id/capacity', async (req, reply) => {
      authorize(req.actor, 'care.write');
      const { id } = parseParams(req, careParams);
      return post(req, reply, {
        pageId: id,
        form: 'capacity',
        schema: capacityForm,
        run: (d) => changeCareCapacity({ ...useCaseOf(req, services), id, capacity: d.capacity }),
        done: 'capacity',
        anchor: 'family',
      });
    });

    app.post('/family-care/:id/close', async (req, reply) => {
      authorize(req.actor, 'care.write');
      const { id } = parseParams(req, careParams);
      return post(req, reply, {
        pageId: id,
        form: 'close',
        schema: closeForm,
        dates: ['closedOn'],
        run: (d) =>
          closeCareFamily({ ...useCaseOf(req, services), id, input: { on: d.closedOn, reason: d.closeReason } }),
        done: 'closed',
        anchor: 'family',
      });
    });

    app.post('/family-care/:id/placements', async (req, reply) => {
      authorize(req.actor, 'care.write');
      authorize(req.actor, 'cases.write');
      const { id } = parseParams(req, careParams);
      return post(req, reply, {
        pageId: id,
        form: 'place',
        schema: placeForm,
        dates: ['placedOn'],
        order: ['childId', 'placedOn', 'basis'],
        run: (d) => placeChild({ ...useCaseOf(req, services), id, input: d }),
        done: 'placed',
        anchor: 'placements',
      });
    });

    app.post('/family-care/:id/placements/:pid/visits', async (req, reply) => {
      authorize(req.actor, 'care.visit');
      const { id, pid } = parseParams(req, careParams.extend({ pid: careParams.shape.id }));
      return post(req, reply, {
        pageId: id,
        form: 'visit',
        placementId: pid,
        schema: visitForm,
        dates: ['heldOn'],
        order: ['kind', 'heldOn', 'findings', 'conclusion'],
        run: (d) => recordCareVisit({ ...useCaseOf(req, services), householdId: id, placementId: pid, input: d }),
        done: 'visit',
        anchor: `placement-${pid}`,
      });
    });

    app.post('/family-care/:id/placements/:pid/extend', async (req, reply) => {
      authorize(req.actor, 'care.write');
      const { id, pid } = parseParams(req, careParams.extend({ pid: careParams.shape.id }));
      return post(req, reply, {
        pageId: id,
        form: 'extend',
        placementId: pid,
        schema: extendForm,
        dates: ['untilOn'],
        run: (d) =>
          extendPlacement({
            ...useCaseOf(req, services),
            householdId: id,
            placementId: pid,
            input: { untilOn: d.untilOn, reason: d.extendReason },
          }),
        done: 'extended',
        anchor: `placement-${pid}`,
      });
    });

    app.post('/family-care/:id/placements/:pid/end', async (req, reply) => {
      authorize(req.actor, 'care.write');
      const { id, pid } = parseParams(req, careParams.extend({ pid: careParams.shape.id }));
      return post(req, reply, {
        pageId: id,
        form: 'end',
        placementId: pid,
        schema: endForm,
        dates: ['endedOn'],
        order: ['endedOn', 'endReason', 'endNote'],
        run: (d) =>
          endPlacement({
            ...useCaseOf(req, services),
            householdId: id,
            placementId: pid,
            input: { endedOn: d.endedOn, reason: d.endReason, note: d.endNote },
          }),
        done: 'ended',
        anchor: `placement-${pid}`,
      });
    });
    return Promise.resolve();
  };
}
