import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { districtParams, hromadaParams, nameForm } from './admin.schema.js';
import { loadDistrictPage, loadHromadaPage } from './hromadas.presenter.js';
import { formValues, orRerender, params, parseForm } from './admin.http.js';
import { FormProblem, many, toFormErrors, type FormErrors } from './form.js';
import { authorizeTenantSetup } from './hromadas.policy.js';
import { createDistrict } from './use-cases/create-district.js';
import { renameDistrict } from './use-cases/rename-district.js';
import { deleteDistrict } from './use-cases/delete-district.js';
import { assignSettlements } from './use-cases/assign-settlements.js';
import { requestMeta } from '../../platform/audit.js';

const DONE = ['districtCreated', 'renamed', 'settlementsSaved'] as const;
const reasonForm = z.object({ reason: z.string().trim().transform((s) => s.slice(0, 500)).default('') });
const codesForm = z.array(z.string().regex(/^UA\d{17}$/, { error: 'admin.errors.foreignSettlement' })).max(2000);

/** Starosta districts of a hromada: create, rename, assign settlements, delete an empty one. */
export function districtRoutes(services: Services) {
  const { db } = services;

  async function districtPage(req: FastifyRequest, reply: FastifyReply, p: { id: number; districtId: number },
    errors?: FormErrors, values: Record<string, string> = {}) {
    const actor = authorizeTenantSetup(req.actor, p.id);
    const data = await loadDistrictPage(db, actor, p.id, p.districtId, req.t);
    const done = (req.query as Record<string, unknown>).done;
    return reply.page('admin/views/district.njk', {
      pageTitle: data.district.name, ...data,
      flash: DONE.find((d) => d === done) ? req.t(`admin.done.${String(done)}`) : null,
      errorSummary: errors?.errorSummary ?? [], errors: errors?.errors ?? {}, values,
    }, errors ? 400 : 200);
  }

  return async function (app: FastifyInstance) {
    app.post('/admin/hromadas/:id/districts', async (req, reply) => {
      const { id } = params(hromadaParams, req);
      const actor = authorizeTenantSetup(req.actor, id);
      const values = formValues(req.body);
      const rerender = async (errors: FormErrors) => reply.page('admin/views/hromada.njk', {
        ...(await loadHromadaPage(db, actor, id, req.t)), pageTitle: req.t('admin.districts.new'),
        errorSummary: errors.errorSummary, formErrors: { district: errors.errors }, formValues: { district: values },
      }, 400);
      const parsed = parseForm(nameForm, req.body);
      if (!parsed.ok) return rerender(toFormErrors(req.t, parsed.problems));
      const r = await orRerender(req,
        () => createDistrict({ db, actor, meta: requestMeta(req), hromadaId: id, name: parsed.data.name }), rerender);
      if (!r.done) return r.reply;
      return reply.redirect(`/admin/hromadas/${id}/districts/${r.value}?done=districtCreated`, 303);
    });

    app.get('/admin/hromadas/:id/districts/:districtId', async (req, reply) =>
      districtPage(req, reply, params(districtParams, req)));

    app.post('/admin/hromadas/:id/districts/:districtId/rename', async (req, reply) => {
      const p = params(districtParams, req);
      authorizeTenantSetup(req.actor, p.id);
      const values = formValues(req.body);
      const parsed = parseForm(nameForm, req.body);
      if (!parsed.ok) return districtPage(req, reply, p, toFormErrors(req.t, parsed.problems), values);
      const r = await orRerender(req, () => renameDistrict({ db, actor: req.actor, meta: requestMeta(req), hromadaId: p.id,
        districtId: p.districtId, name: parsed.data.name }), (errors) => districtPage(req, reply, p, errors, values));
      if (!r.done) return r.reply;
      return reply.redirect(`/admin/hromadas/${p.id}/districts/${p.districtId}?done=renamed`, 303);
    });

    app.post('/admin/hromadas/:id/districts/:districtId/settlements', async (req, reply) => {
      const p = params(districtParams, req);
      authorizeTenantSetup(req.actor, p.id);
      const parsed = codesForm.safeParse(many((req.body as Record<string, unknown> | undefined)?.codes));
      const codes = parsed.success ? parsed.data : null;
      const r = await orRerender(req, async () => {
        if (!codes) throw new FormProblem([{ field: 'codes', key: 'admin.errors.foreignSettlement' }]);
        await assignSettlements({ db, actor: req.actor, meta: requestMeta(req), hromadaId: p.id, districtId: p.districtId, codes });
      }, (errors) => districtPage(req, reply, p, errors));
      if (!r.done) return r.reply;
      return reply.redirect(`/admin/hromadas/${p.id}/districts/${p.districtId}?done=settlementsSaved`, 303);
    });

    app.get('/admin/hromadas/:id/districts/:districtId/delete', async (req, reply) => {
      const p = params(districtParams, req);
      const actor = authorizeTenantSetup(req.actor, p.id);
      const { district } = await loadDistrictPage(db, actor, p.id, p.districtId, req.t);
      return reply.page('admin/views/confirm.njk', {
        pageTitle: req.t('admin.confirm.deleteDistrict.title', { name: district.name }),
        heading: req.t('admin.confirm.deleteDistrict.title', { name: district.name }),
        body: req.t('admin.confirm.deleteDistrict.body'), button: req.t('admin.confirm.deleteDistrict.button'),
        warning: true, action: req.url.split('?')[0], cancelHref: `/admin/hromadas/${p.id}/districts/${p.districtId}`,
        errors: {}, errorSummary: [], reason: '',
      });
    });

    app.post('/admin/hromadas/:id/districts/:districtId/delete', async (req, reply) => {
      const p = params(districtParams, req);
      authorizeTenantSetup(req.actor, p.id);
      const parsed = reasonForm.safeParse(req.body ?? {});
      await deleteDistrict({ db, actor: req.actor, meta: requestMeta(req), hromadaId: p.id, districtId: p.districtId,
        reason: parsed.success ? parsed.data.reason : '' });
      return reply.redirect(`/admin/hromadas/${p.id}?done=districtDeleted`, 303);
    });
  };
}
