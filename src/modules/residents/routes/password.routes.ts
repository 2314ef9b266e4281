import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.js';
import { formErrors, formValues, parseBody, parseQuery } from '../../../platform/forms.js';
import { emailForm, RESET_FIELDS, resetForm, tokenQuery, withPasswordLimits } from '../residents.schema.js';
import { publicBaseUrl } from '../residents.context.js';
import { tokenUsable } from '../tokens.js';
import { requestPasswordReset } from '../use-cases/request-password-reset.js';
import { resetPassword } from '../use-cases/reset-password.js';
import { FORM_RATE } from './register.routes.js';
import { requestMeta } from '../../../platform/audit.js';

/** Forgotten password: request a link (always the same answer), then set a new password with it. */
export function passwordRoutes(services: Services) {
  return function (app: FastifyInstance): Promise<void> {
    app.get('/resident/password/forgot', async (req, reply) =>
      reply.page('residents/views/forgot.njk', { pageTitle: req.t('residents.forgot.title'), values: {} }),
    );

    app.post('/resident/password/forgot', { config: FORM_RATE }, async (req, reply) => {
      const parsed = parseBody(req, emailForm);
      if (!parsed.ok) {
        return reply.page(
          'residents/views/forgot.njk',
          {
            pageTitle: req.t('residents.forgot.title'),
            values: { email: formValues(req.body).email ?? '' },
            ...formErrors(req.t, withPasswordLimits(parsed.problems)),
          },
          400,
        );
      }
      await requestPasswordReset({
        services,
        email: parsed.data.email,
        baseUrl: publicBaseUrl(services, req),
        meta: requestMeta(req),
      });
      return reply.redirect('/resident/password/sent', 303);
    });

    app.get('/resident/password/sent', async (req, reply) =>
      reply.page('residents/views/message.njk', {
        pageTitle: req.t('residents.forgot.sentTitle'),
        paragraphs: [req.t('residents.forgot.sent')],
      }),
    );

    const invalidLink = (t: (k: string) => string) => ({
      pageTitle: t('residents.reset.invalidTitle'),
      paragraphs: [t('residents.reset.invalid')],
      links: [{ href: '/resident/password/forgot', text: t('residents.reset.requestNew') }],
    });

    app.get('/resident/password/reset', async (req, reply) => {
      const parsed = parseQuery(req, tokenQuery);
      if (!parsed.ok || !(await tokenUsable(services.db, parsed.data.token, 'reset_password'))) {
        return reply.page('residents/views/message.njk', invalidLink(req.t), 400);
      }
      return reply.page('residents/views/reset.njk', {
        pageTitle: req.t('residents.reset.title'),
        token: parsed.data.token,
      });
    });

    app.post('/resident/password/reset', { config: FORM_RATE }, async (req, reply) => {
      const parsed = parseBody(req, resetForm);
      if (!parsed.ok) {
        if (parsed.problems.some((p) => p.field === 'token'))
          return reply.page('residents/views/message.njk', invalidLink(req.t), 400);
        return reply.page(
          'residents/views/reset.njk',
          {
            pageTitle: req.t('residents.reset.title'),
            token: formValues(req.body).token ?? '',
            ...formErrors(req.t, withPasswordLimits(parsed.problems), { order: RESET_FIELDS }),
          },
          400,
        );
      }
      const done = await resetPassword({
        services,
        token: parsed.data.token,
        password: parsed.data.password,
        meta: requestMeta(req),
      });
      if (!done) return reply.page('residents/views/message.njk', invalidLink(req.t), 400);
      services.sessions.clearCookie(reply);
      return reply.redirect('/resident/login?reset=1', 303);
    });
    return Promise.resolve();
  };
}
