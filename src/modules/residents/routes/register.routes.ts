import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.js';
import { formErrors, formValues, parseBody, parseQuery } from '../../../platform/forms.js';
import { emailForm, REGISTER_FIELDS, registerForm, tokenQuery, withPasswordLimits } from '../residents.schema.js';
import { publicBaseUrl } from '../residents.context.js';
import { signInResident } from '../residents.session.js';
import { registerResident } from '../use-cases/register-resident.js';
import { verifyEmail } from '../use-cases/verify-email.js';
import { resendVerification } from '../use-cases/resend-verification.js';
import { requestMeta } from '../../../platform/audit.js';

export const FORM_RATE = { rateLimit: { max: 30, timeWindow: '1 minute' } };

/** Registration, e-mail verification and new verification links. */
export function registerRoutes(services: Services) {
  return function (app: FastifyInstance): Promise<void> {
    app.get('/resident/register', async (req, reply) => {
      if (req.actor?.kind === 'resident') return reply.redirect('/cabinet');
      return reply.page('residents/views/register.njk', { pageTitle: req.t('residents.register.title'), values: {} });
    });

    app.post('/resident/register', { config: FORM_RATE }, async (req, reply) => {
      const parsed = parseBody(req, registerForm);
      if (!parsed.ok) {
        const fields = formValues(req.body);
        return reply.page(
          'residents/views/register.njk',
          {
            pageTitle: req.t('residents.register.title'),
            values: { name: fields.name ?? '', email: fields.email ?? '', consent: fields.consent === 'yes' },
            ...formErrors(req.t, withPasswordLimits(parsed.problems), { order: REGISTER_FIELDS }),
          },
          400,
        );
      }
      await registerResident({
        services,
        form: parsed.data,
        locale: req.locale,
        baseUrl: publicBaseUrl(services, req),
        meta: requestMeta(req),
      });
      return reply.redirect('/resident/register/check-email', 303);
    });

    app.get('/resident/register/check-email', async (req, reply) =>
      reply.page('residents/views/message.njk', {
        pageTitle: req.t('residents.checkEmail.title'),
        paragraphs: [req.t('residents.checkEmail.body'), req.t('residents.checkEmail.notReceived')],
        resendForm: true,
      }),
    );

    app.get('/resident/verify', async (req, reply) => {
      const parsed = parseQuery(req, tokenQuery);
      const verified = parsed.ok
        ? await verifyEmail({ services, token: parsed.data.token, meta: requestMeta(req) })
        : null;
      if (verified) return signInResident(services, req, reply, verified);
      return reply.page(
        'residents/views/message.njk',
        {
          pageTitle: req.t('residents.verify.failedTitle'),
          paragraphs: [req.t('residents.verify.failed'), req.t('residents.verify.resendLead')],
          resendForm: true,
        },
        400,
      );
    });

    app.post('/resident/verify/resend', { config: FORM_RATE }, async (req, reply) => {
      const parsed = parseBody(req, emailForm);
      if (!parsed.ok) {
        return reply.page(
          'residents/views/message.njk',
          {
            pageTitle: req.t('residents.verify.failedTitle'),
            paragraphs: [req.t('residents.verify.resendLead')],
            resendForm: true,
            values: { email: formValues(req.body).email ?? '' },
            ...formErrors(req.t, withPasswordLimits(parsed.problems)),
          },
          400,
        );
      }
      await resendVerification({
        services,
        email: parsed.data.email,
        baseUrl: publicBaseUrl(services, req),
        meta: requestMeta(req),
      });
      return reply.redirect('/resident/verify/sent', 303);
    });

    app.get('/resident/verify/sent', async (req, reply) =>
      reply.page('residents/views/message.njk', {
        pageTitle: req.t('residents.verify.resentTitle'),
        paragraphs: [req.t('residents.verify.resent')],
      }),
    );
    return Promise.resolve();
  };
}
