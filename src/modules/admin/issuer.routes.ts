import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { requestMeta } from '../../platform/audit.js';
import { hromadaParams } from './admin.schema.js';
import { formValues, params, parseForm } from './admin.http.js';
import { toFormErrors, type FormErrors } from './form.js';
import { authorizeTenantSetup } from './hromadas.policy.js';
import { loadIssuer, saveIssuer } from './use-cases/issuer-settings.js';

const text = (max: number) => z.string().trim().min(1, { error: 'validation.required' }).max(max, { error: 'admin.errors.tooLong' });
const issuerForm = z.object({ council: text(200), department: text(200), officialPosition: text(150) });

/** The issuing body of the hromada's decisions (council, department, official's position): shown on the decision PDF. */
export function issuerRoutes(services: Services) {
  const { db } = services;
  async function page(req: FastifyRequest, reply: FastifyReply, id: number, values?: Record<string, string>, errors?: FormErrors) {
    authorizeTenantSetup(req.actor, id);
    const saved = await loadIssuer(db, id);
    return reply.page('admin/views/issuer.njk', {
      pageTitle: req.t('admin.issuer.title'), hromadaId: id, values: values ?? saved,
      flash: (req.query as Record<string, unknown>).done === 'saved' ? req.t('admin.issuer.saved') : null,
      errorSummary: errors?.errorSummary ?? [], errors: errors?.errors ?? {},
    }, errors ? 400 : 200);
  }
  return async function (app: FastifyInstance) {
    app.get('/admin/hromadas/:id/issuer', async (req, reply) => page(req, reply, params(hromadaParams, req).id));
    app.post('/admin/hromadas/:id/issuer', async (req, reply) => {
      const { id } = params(hromadaParams, req);
      const actor = authorizeTenantSetup(req.actor, id);
      const parsed = parseForm(issuerForm, req.body);
      if (!parsed.ok) return page(req, reply, id, formValues(req.body), toFormErrors(req.t, parsed.problems));
      await saveIssuer({ db, actor, hromadaId: id, input: parsed.data, meta: requestMeta(req) });
      return reply.redirect(`/admin/hromadas/${id}/issuer?done=saved`, 303);
    });
  };
}
