import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
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
import {
  activeForm,
  caseTypesOnly,
  doneQuery,
  formParams,
  formVersionForm,
  settingsForm,
  versionQuery,
} from './assessments.schema.js';
import {
  caseTypeNames,
  formName,
  labelIn,
  presentFormItem,
  presentDefinition,
  presentVersion,
} from './assessments.presenter.js';
import { listAssessmentForms } from './use-cases/list-assessment-forms.js';
import { viewAssessmentForm } from './use-cases/view-assessment-form.js';
import { addFormVersion } from './use-cases/add-form-version.js';
import { setFormActive } from './use-cases/set-form-active.js';
import { setReassessmentDays } from './use-cases/set-reassessment-days.js';

const BASE = '/admin/assessment-forms';
const DONE = ['version', 'active', 'inactive', 'settings'] as const;
const flashOf = (req: FastifyRequest) => {
  const { done } = doneQuery.parse(req.query ?? {});
  return DONE.find((d) => d === done) ? req.t(`assessments.admin.done.${done ?? ''}`) : null;
};

/** The administrator's pages of assessment forms: the list, a form with its versions, a new version, on/off. */
export function assessmentFormRoutes(services: Services) {
  async function renderList(req: FastifyRequest, reply: FastifyReply, values: FormValues = {}, errors = NO_ERRORS) {
    const v = await listAssessmentForms(useCaseOf(req, services));
    return reply.page(
      'assessments/views/admin-list.njk',
      {
        pageTitle: req.t('assessments.admin.title'),
        forms: v.forms.map((f) => presentFormItem(f, v.types, v.hromadaId, req.t, req.locale)),
        days: values.reassessmentDays ?? String(v.reassessmentDays),
        flash: flashOf(req),
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderEdit(
    req: FastifyRequest,
    reply: FastifyReply,
    code: string,
    posted?: { values: FormValues; caseTypes: string[] },
    errors = NO_ERRORS,
  ) {
    const v = await viewAssessmentForm({ ...useCaseOf(req, services), code });
    const f = v.form;
    const chosen = posted ? posted.caseTypes : f.case_types;
    const p = posted?.values;
    noStore(reply);
    return reply.page(
      'assessments/views/admin-edit.njk',
      {
        pageTitle: req.t('assessments.admin.newVersionTitle', { form: formName(f, req.locale) }),
        formHref: `${BASE}/${f.code}`,
        action: `${BASE}/${f.code}/versions`,
        shared: f.hromada_id === null,
        next: f.latest_version + 1,
        values: {
          nameUk: p ? p.nameUk : f.name_uk,
          nameEn: p ? p.nameEn : f.name_en,
          definition: p ? p.definition : JSON.stringify(v.definition, null, 2),
          basedOn: p ? p.basedOn : String(f.latest_version),
        },
        caseTypes: v.types.map((ty) => ({
          value: ty.code,
          text: req.locale === 'en' ? ty.name_en : ty.name_uk,
          checked: chosen.includes(ty.code),
        })),
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get(BASE, async (req, reply) => {
      authorize(req.actor, 'assessments.manage');
      return renderList(req, reply);
    });

    app.post(`${BASE}/settings`, async (req, reply) => {
      authorize(req.actor, 'assessments.manage');
      const values = formValues(req.body);
      const form = parseWith(settingsForm, values);
      if (!form.ok) return renderList(req, reply, values, formErrors(req.t, form.problems));
      await setReassessmentDays({ ...useCaseOf(req, services), days: form.data.reassessmentDays });
      return reply.redirect(`${BASE}?done=settings`, 303);
    });

    app.get(`${BASE}/:code`, async (req, reply) => {
      authorize(req.actor, 'assessments.manage');
      const { code } = parseParams(req, formParams);
      const q = parseQuery(req, versionQuery);
      const v = await viewAssessmentForm({
        ...useCaseOf(req, services),
        code,
        version: q.ok ? q.data.version : undefined,
      });
      const f = v.form;
      const l = labelIn(req.locale);
      return reply.page('assessments/views/admin-form.njk', {
        pageTitle: formName(f, req.locale),
        f: {
          code: f.code,
          name: formName(f, req.locale),
          active: f.active,
          shared: f.hromada_id === null,
          types: caseTypeNames(f.case_types, v.types, req.locale),
          latest: f.latest_version,
        },
        version: v.version,
        sections: presentDefinition(v.definition, req.t, req.locale),
        scoring: v.definition.scores.map((s) => ({
          label: l(s.label),
          bands: s.bands.map((b) => ({
            range: `${b.min}–${b.max}`,
            label: l(b.label),
            hours: b.hoursPerWeek !== undefined ? req.t('assessments.hoursPerWeek', { count: b.hoursPerWeek }) : '—',
          })),
        })),
        versions: v.versions.map((x) => presentVersion(x, f.code, req.t)),
        flash: flashOf(req),
      });
    });

    app.get(`${BASE}/:code/new-version`, async (req, reply) => {
      authorize(req.actor, 'assessments.manage');
      const { code } = parseParams(req, formParams);
      return renderEdit(req, reply, code);
    });

    app.post(`${BASE}/:code/versions`, async (req, reply) => {
      authorize(req.actor, 'assessments.manage');
      const { code } = parseParams(req, formParams);
      const form = parseWith(formVersionForm, req.body);
      const types = parseWith(caseTypesOnly, req.body);
      const posted = { values: formValues(req.body), caseTypes: types.ok ? types.data.caseTypes : [] };
      const fail = (errors: FormErrors) => renderEdit(req, reply, code, posted, errors);
      if (!form.ok) return fail(formErrors(req.t, form.problems));
      const done = await orRerender(
        req,
        () => addFormVersion({ ...useCaseOf(req, services), code, input: form.data }),
        fail,
      );
      return done.done ? reply.redirect(`${BASE}/${code}?done=version`, 303) : done.reply;
    });

    app.post(`${BASE}/:code/active`, async (req, reply) => {
      authorize(req.actor, 'assessments.manage');
      const { code } = parseParams(req, formParams);
      const form = parseWith(activeForm, req.body);
      if (!form.ok) return reply.redirect(`${BASE}/${code}`, 303);
      const active = form.data.active === 'on';
      await setFormActive({ ...useCaseOf(req, services), code, active });
      return reply.redirect(`${BASE}/${code}?done=${active ? 'active' : 'inactive'}`, 303);
    });
    return Promise.resolve();
  };
}
