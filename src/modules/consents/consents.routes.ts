import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { AppError } from '../../platform/errors.js';
import { dateFromParts, dateHref, formErrors, formValues, parseWith } from '../../platform/forms.js';
import { displayDate } from '../../platform/dates.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { renderCard } from '../persons-web/card.js';
import { personParams } from '../persons-web/card.routes.js';
import { consentForm } from './consents.schema.js';
import { recordConsent } from './use-cases/record-consent.js';
import { getConsentToWithdraw } from './use-cases/get-consent-to-withdraw.js';
import { withdrawConsent } from './use-cases/withdraw-consent.js';

/** Consents on the person's card: record one, withdraw one after confirming. */
export function consentRoutes(services: Services) {
  return function (app: FastifyInstance) {
    app.post('/persons/:id/consents', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const { id } = personParams(req);
      const values = formValues(req.body);
      const parsed = parseWith(
        consentForm,
        { ...values, givenOn: dateFromParts(values, 'givenOn') },
        dateHref(['givenOn']),
      );
      if (!parsed.ok) {
        return renderCard(services, req, reply, id, {
          form: { name: 'consent', errors: formErrors(req.t, parsed.problems), values },
        });
      }
      await recordConsent({ ...useCaseOf(req, services), personId: id, input: parsed.data });
      return reply.redirect(`/persons/${id}?done=consentRecorded#consents`, 303);
    });

    app.get('/persons/:id/consents/:cid/withdraw', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const { id, cid } = personParams(req);
      if (!cid) throw new AppError('not_found');
      const k = await getConsentToWithdraw({ ...useCaseOf(req, services), personId: id, consentId: cid });
      noStore(reply);
      return reply.page('persons-web/views/confirm.njk', {
        pageTitle: req.t('consents.withdrawTitle'),
        heading: req.t('consents.withdrawTitle'),
        text: req.t('consents.withdrawText', { purpose: k.purpose, date: displayDate(k.given_on) }),
        action: `/persons/${id}/consents/${cid}/withdraw`,
        button: req.t('consents.withdrawButton'),
        cancel: `/persons/${id}#consents`,
      });
    });

    app.post('/persons/:id/consents/:cid/withdraw', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const { id, cid } = personParams(req);
      if (!cid) throw new AppError('not_found');
      await withdrawConsent({ ...useCaseOf(req, services), personId: id, consentId: cid });
      return reply.redirect(`/persons/${id}?done=consentWithdrawn#consents`, 303);
    });
    return Promise.resolve();
  };
}
