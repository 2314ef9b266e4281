import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.js';
import { formErrors, formValues, oneError, parseBody, parseQuery } from '../../../platform/forms.js';
import { flagQuery, LOGIN_FIELDS, loginForm, withPasswordLimits } from '../residents.schema.js';
import { signInResident } from '../residents.session.js';
import { loginResident } from '../use-cases/login-resident.js';
import { oidcSettings } from '../residents.oidc.js';
import { FORM_RATE } from './register.routes.js';
import { requestMeta } from '../../../platform/audit.js';

/** E-mail and password sign-in for residents (and the link to sign in through OpenID Connect). */
export function loginRoutes(services: Services) {
  const oidc = oidcSettings(services.config);
  const common = (t: (k: string, o?: Record<string, unknown>) => string) => ({
    pageTitle: t('residents.login.title'),
    oidcLabel: oidc ? t('residents.login.oidc', { name: oidc.name }) : null,
  });

  return function (app: FastifyInstance): Promise<void> {
    app.get('/resident/login', async (req, reply) => {
      if (req.actor?.kind === 'resident') return reply.redirect('/cabinet');
      const q = parseQuery(req, flagQuery);
      return reply.page('residents/views/login.njk', {
        ...common(req.t),
        values: {},
        flash: q.ok && q.data.reset === '1' ? req.t('residents.reset.done') : null,
        notice: req.sessionExpired ? req.t('residents.login.sessionExpired') : null,
      });
    });

    app.post('/resident/login', { config: FORM_RATE }, async (req, reply) => {
      const parsed = parseBody(req, loginForm);
      const values = { email: formValues(req.body).email ?? '' };
      if (!parsed.ok) {
        return reply.page(
          'residents/views/login.njk',
          {
            ...common(req.t),
            values,
            ...formErrors(req.t, withPasswordLimits(parsed.problems), { order: LOGIN_FIELDS }),
          },
          400,
        );
      }
      const result = await loginResident({
        services,
        email: parsed.data.email,
        password: parsed.data.password,
        meta: requestMeta(req),
      });
      switch (result.kind) {
        case 'ok':
          return signInResident(services, req, reply, result);
        case 'unverified':
          return reply.page('residents/views/login.njk', { ...common(req.t), values, unverified: true }, 403);
        case 'locked':
          return reply.page(
            'residents/views/login.njk',
            {
              ...common(req.t),
              values,
              ...oneError(req.t, 'email', 'residents.login.locked', { minutes: services.config.LOGIN_LOCK_MINUTES }),
            },
            429,
          );
        default:
          return reply.page(
            'residents/views/login.njk',
            {
              ...common(req.t),
              values,
              ...oneError(req.t, 'email', 'residents.login.failed'),
            },
            401,
          );
      }
    });
    return Promise.resolve();
  };
}
