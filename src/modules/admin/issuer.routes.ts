import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import {
  formErrors,
  formValues,
  parseBody,
  parseParams,
  parseQuery,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { useCaseOf } from '../../platform/use-case.js';
import { doneQuery, hromadaParams, issuerForm } from './admin.schema.js';
import { authorizeTenantSetup } from './admin.policy.js';
import { getIssuer } from './use-cases/get-issuer.js';
import { saveIssuer } from './use-cases/save-issuer.js';

/** The issuing body of the hromada's decisions (council, department, official's position): shown on the decision PDF. */
export function issuerRoutes(services: Services) {
  async function page(req: FastifyRequest, reply: FastifyReply, id: number, values?: FormValues, errors?: FormErrors) {
    const saved = await getIssuer({ ...useCaseOf(req, services), hromadaId: id });
    const q = parseQuery(req, doneQuery);
    return reply.page(
      'admin/views/issuer.njk',
      {
        pageTitle: req.t('admin.issuer.title'),
        hromadaId: id,
        values: values ?? saved,
        flash: q.ok && q.data.done === 'saved' ? req.t('admin.issuer.saved') : null,
        errorSummary: errors?.errorSummary ?? [],
        errors: errors?.errors ?? {},
      },
      errors ? 400 : 200,
    );
  }
  return function (app: FastifyInstance): Promise<void> {
    app.get('/admin/hromadas/:id/issuer', async (req, reply) => page(req, reply, parseParams(req, hromadaParams).id));
    app.post('/admin/hromadas/:id/issuer', async (req, reply) => {
      const { id } = parseParams(req, hromadaParams);
      authorizeTenantSetup(req.actor, id);
      const parsed = parseBody(req, issuerForm);
      if (!parsed.ok) return page(req, reply, id, formValues(req.body), formErrors(req.t, parsed.problems));
      await saveIssuer({ ...useCaseOf(req, services), hromadaId: id, input: parsed.data });
      return reply.redirect(`/admin/hromadas/${id}/issuer?done=saved`, 303);
    });
    return Promise.resolve();
  };
}
