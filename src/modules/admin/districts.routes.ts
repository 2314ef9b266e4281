import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { problem } from '../../platform/errors.js';
import {
  formErrors,
  formValues,
  orRerender,
  parseBody,
  parseParams,
  parseQuery,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { useCaseOf } from '../../platform/use-case.js';
import { codesForm, deleteReasonForm, districtParams, doneQuery, hromadaParams, nameForm } from './admin.schema.js';
import { presentDistrictPage, presentHromadaPage } from './hromadas.presenter.js';
import { authorizeTenantSetup } from './admin.policy.js';
import { getDistrict } from './use-cases/get-district.js';
import { getHromada } from './use-cases/get-hromada.js';
import { createDistrict } from './use-cases/create-district.js';
import { renameDistrict } from './use-cases/rename-district.js';
import { deleteDistrict } from './use-cases/delete-district.js';
import { assignSettlements } from './use-cases/assign-settlements.js';

const DONE = ['districtCreated', 'renamed', 'settlementsSaved'] as const;

/** Starosta districts of a hromada: create, rename, assign settlements, delete an empty one. */
export function districtRoutes(services: Services) {
  async function districtPage(
    req: FastifyRequest,
    reply: FastifyReply,
    p: { id: number; districtId: number },
    errors?: FormErrors,
    values: FormValues = {},
  ) {
    const data = presentDistrictPage(
      await getDistrict({ ...useCaseOf(req, services), hromadaId: p.id, districtId: p.districtId }),
      req.t,
    );
    const q = parseQuery(req, doneQuery);
    const done = q.ok ? q.data.done : undefined;
    return reply.page(
      'admin/views/district.njk',
      {
        pageTitle: data.district.name,
        ...data,
        flash: DONE.find((d) => d === done) ? req.t(`admin.done.${String(done)}`) : null,
        errorSummary: errors?.errorSummary ?? [],
        errors: errors?.errors ?? {},
        values,
      },
      errors ? 400 : 200,
    );
  }

  return function (app: FastifyInstance): Promise<void> {
    app.post('/admin/hromadas/:id/districts', async (req, reply) => {
      const { id } = parseParams(req, hromadaParams);
      const actor = authorizeTenantSetup(req.actor, id);
      const values = formValues(req.body);
      const rerender = async (errors: FormErrors) =>
        reply.page(
          'admin/views/hromada.njk',
          {
            ...presentHromadaPage(await getHromada({ ...useCaseOf(req, services), hromadaId: id }), actor, req.t),
            pageTitle: req.t('admin.districts.new'),
            errorSummary: errors.errorSummary,
            formErrors: { district: errors.errors },
            formValues: { district: values },
          },
          400,
        );
      const parsed = parseBody(req, nameForm);
      if (!parsed.ok) return rerender(formErrors(req.t, parsed.problems));
      const r = await orRerender(
        req,
        () => createDistrict({ ...useCaseOf(req, services), hromadaId: id, name: parsed.data.name }),
        rerender,
      );
      if (!r.done) return r.reply;
      return reply.redirect(`/admin/hromadas/${id}/districts/${r.value}?done=districtCreated`, 303);
    });

    app.get('/admin/hromadas/:id/districts/:districtId', async (req, reply) =>
      districtPage(req, reply, parseParams(req, districtParams)),
    );

    app.post('/admin/hromadas/:id/districts/:districtId/rename', async (req, reply) => {
      const p = parseParams(req, districtParams);
      authorizeTenantSetup(req.actor, p.id);
      const values = formValues(req.body);
      const parsed = parseBody(req, nameForm);
      if (!parsed.ok) return districtPage(req, reply, p, formErrors(req.t, parsed.problems), values);
      const r = await orRerender(
        req,
        () =>
          renameDistrict({
            ...useCaseOf(req, services),
            hromadaId: p.id,
            districtId: p.districtId,
            name: parsed.data.name,
          }),
        (errors) => districtPage(req, reply, p, errors, values),
      );
      if (!r.done) return r.reply;
      return reply.redirect(`/admin/hromadas/${p.id}/districts/${p.districtId}?done=renamed`, 303);
    });

    app.post('/admin/hromadas/:id/districts/:districtId/settlements', async (req, reply) => {
      const p = parseParams(req, districtParams);
      authorizeTenantSetup(req.actor, p.id);
      const parsed = parseBody(req, codesForm);
      const codes = parsed.ok ? parsed.data.codes : null;
      const r = await orRerender(
        req,
        async () => {
          if (!codes) throw problem('codes', 'admin.errors.foreignSettlement');
          await assignSettlements({ ...useCaseOf(req, services), hromadaId: p.id, districtId: p.districtId, codes });
        },
        (errors) => districtPage(req, reply, p, errors),
      );
      if (!r.done) return r.reply;
      return reply.redirect(`/admin/hromadas/${p.id}/districts/${p.districtId}?done=settlementsSaved`, 303);
    });

    app.get('/admin/hromadas/:id/districts/:districtId/delete', async (req, reply) => {
      const p = parseParams(req, districtParams);
      const { district } = await getDistrict({
        ...useCaseOf(req, services),
        hromadaId: p.id,
        districtId: p.districtId,
      });
      return reply.page('admin/views/confirm.njk', {
        pageTitle: req.t('admin.confirm.deleteDistrict.title', { name: district.name }),
        heading: req.t('admin.confirm.deleteDistrict.title', { name: district.name }),
        body: req.t('admin.confirm.deleteDistrict.body'),
        button: req.t('admin.confirm.deleteDistrict.button'),
        warning: true,
        action: req.url.split('?')[0],
        cancelHref: `/admin/hromadas/${p.id}/districts/${p.districtId}`,
        errors: {},
        errorSummary: [],
        reason: '',
      });
    });

    app.post('/admin/hromadas/:id/districts/:districtId/delete', async (req, reply) => {
      const p = parseParams(req, districtParams);
      authorizeTenantSetup(req.actor, p.id);
      const parsed = parseBody(req, deleteReasonForm);
      await deleteDistrict({
        ...useCaseOf(req, services),
        hromadaId: p.id,
        districtId: p.districtId,
        reason: parsed.ok ? parsed.data.reason : '',
      });
      return reply.redirect(`/admin/hromadas/${p.id}?done=districtDeleted`, 303);
    });
    return Promise.resolve();
  };
}
