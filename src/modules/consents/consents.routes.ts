import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { AppError } from '../../platform/errors.js';
import { dateFromParts, displayDate, formBody, zodFormErrors } from '../persons-web/form.js';
import { renderCard } from '../persons-web/card.js';
import { personParams } from '../persons-web/card.routes.js';
import { consentForm } from './consents.schema.js';
import { recordConsent } from './use-cases/record-consent.js';
import { loadConsentToWithdraw, withdrawConsent } from './use-cases/withdraw-consent.js';
import { requestMeta } from '../../platform/audit.js';

/** Consents on the person's card: record one, withdraw one after confirming. */
export function consentRoutes(services: Services) {
  return async function (app: FastifyInstance) {
    app.post('/persons/:id/consents', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const { id } = personParams(req);
      const values = formBody(req.body);
      const parsed = consentForm.safeParse({ ...values, givenOn: dateFromParts(values, 'givenOn') });
      if (!parsed.success) {
        return renderCard(services, req, reply, id, { form: { name: 'consent', errors: zodFormErrors(parsed.error, req.t, req.locale), values } });
      }
      await recordConsent({ services, actor: req.actor, personId: id, input: parsed.data, meta: requestMeta(req) });
      return reply.redirect(`/persons/${id}?done=consentRecorded#consents`, 303);
    });

    app.get('/persons/:id/consents/:cid/withdraw', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const { id, cid } = personParams(req);
      if (!cid) throw new AppError('not_found');
      const k = await loadConsentToWithdraw({ services, actor: req.actor, personId: id, consentId: cid, meta: requestMeta(req) });
      return reply.header('cache-control', 'no-store').page('persons-web/views/confirm.njk', {
        pageTitle: req.t('consents.withdrawTitle'), heading: req.t('consents.withdrawTitle'),
        text: req.t('consents.withdrawText', { purpose: k.purpose, date: displayDate(k.given_on) }),
        action: `/persons/${id}/consents/${cid}/withdraw`, button: req.t('consents.withdrawButton'), cancel: `/persons/${id}#consents`,
      });
    });

    app.post('/persons/:id/consents/:cid/withdraw', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const { id, cid } = personParams(req);
      if (!cid) throw new AppError('not_found');
      await withdrawConsent({ services, actor: req.actor, personId: id, consentId: cid, meta: requestMeta(req) });
      return reply.redirect(`/persons/${id}?done=consentWithdrawn#consents`, 303);
    });
  };
}
