import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import {
  formErrors,
  formValues,
  NO_ERRORS,
  orRerender,
  parseParams,
  parseWith,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { AppError } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import { useCaseOf } from '../../platform/use-case.js';
import type { CaseTypeAdminRow } from './cases.queries.js';
import { caseTypeForm, caseTypeParams, caseTypesQuery } from './case-types.schema.js';
import { listCaseTypes } from './use-cases/list-case-types.js';
import { addCaseType } from './use-cases/add-case-type.js';
import { saveCaseType } from './use-cases/save-case-type.js';

const BASE = '/admin/case-types';
const ORDER = ['nameUk', 'nameEn', 'restricted', 'active'];

const present = (r: CaseTypeAdminRow, t: TFunction, locale: Locale) => ({
  code: r.code,
  name: locale === 'en' ? r.name_en : r.name_uk,
  access: t(r.restricted ? 'cases.types.restricted' : 'cases.types.open'),
  origin: t(r.own ? 'cases.types.own' : 'cases.types.shared'),
  state: t(r.active ? 'cases.types.active' : 'cases.types.inactive'),
  cases: t('cases.types.caseCount', { count: r.cases }),
  editHref: r.own ? `${BASE}/${r.code}` : null,
});

/** The administrator extends the hromada's list of case types and changes its own ones (the shared list is fixed). */
export function caseTypeRoutes(services: Services) {
  async function renderList(req: FastifyRequest, reply: FastifyReply, values: FormValues = {}, errors = NO_ERRORS) {
    const rows = await listCaseTypes(useCaseOf(req, services));
    const { done } = caseTypesQuery.parse(req.query ?? {});
    return reply.page(
      'cases/views/admin-case-types.njk',
      {
        pageTitle: req.t('cases.types.title'),
        types: rows.map((r) => present(r, req.t, req.locale)),
        flash: done ? req.t(`cases.types.done.${done}`) : null,
        values,
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
    values?: FormValues,
    errors = NO_ERRORS,
  ) {
    const row = (await listCaseTypes(useCaseOf(req, services))).find((r) => r.code === code && r.own);
    if (!row) throw new AppError('not_found');
    const v = values ?? {
      nameUk: row.name_uk,
      nameEn: row.name_en === row.name_uk ? '' : row.name_en,
      restricted: row.restricted ? 'yes' : '',
      active: row.active ? 'yes' : '',
    };
    return reply.page(
      'cases/views/admin-case-type.njk',
      {
        pageTitle: req.t('cases.types.editTitle', { name: row.name_uk }),
        type: present(row, req.t, req.locale),
        casesOpen: row.cases,
        values: v,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get(BASE, async (req, reply) => {
      authorize(req.actor, 'caseTypes.manage');
      return renderList(req, reply);
    });

    app.post(BASE, async (req, reply) => {
      authorize(req.actor, 'caseTypes.manage');
      // A new type is in use from the start; the form has no «active» box.
      const values = { ...formValues(req.body), active: 'yes' };
      const fail = (errors: FormErrors) => renderList(req, reply, values, errors);
      const form = parseWith(caseTypeForm, values);
      if (!form.ok) return fail(formErrors(req.t, form.problems, { order: ORDER }));
      const done = await orRerender(req, () => addCaseType({ ...useCaseOf(req, services), input: form.data }), fail);
      return done.done ? reply.redirect(`${BASE}?done=added`, 303) : done.reply;
    });

    app.get(`${BASE}/:code`, async (req, reply) => {
      authorize(req.actor, 'caseTypes.manage');
      return renderEdit(req, reply, parseParams(req, caseTypeParams).code);
    });

    app.post(`${BASE}/:code`, async (req, reply) => {
      authorize(req.actor, 'caseTypes.manage');
      const { code } = parseParams(req, caseTypeParams);
      const values = formValues(req.body);
      const fail = (errors: FormErrors) => renderEdit(req, reply, code, values, errors);
      const form = parseWith(caseTypeForm, values);
      if (!form.ok) return fail(formErrors(req.t, form.problems, { order: ORDER }));
      const done = await orRerender(
        req,
        () => saveCaseType({ ...useCaseOf(req, services), code, input: form.data }),
        fail,
      );
      return done.done ? reply.redirect(`${BASE}?done=saved`, 303) : done.reply;
    });
    return Promise.resolve();
  };
}
