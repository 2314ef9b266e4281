import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.js';
import { loginForm } from '../residents.schema.js';
import { formErrors, formFields, singleError } from '../forms.js';
import { signInResident } from '../residents.session.js';
import { loginResident } from '../use-cases/login-resident.js';
import { oidcSettings } from '../residents.oidc.js';
import { FORM_RATE } from './register.routes.js';
import { requestMeta } from '../../../platform/audit.js';

const LOGIN_FIELDS = ['email', 'password'] as const;

/** E-mail and password sign-in for residents (and the link to sign in through OpenID Connect). */
export function loginRoutes(services: Services) {
  const oidc = oidcSettings(services.config);
  const common = (t: (k: string, o?: Record<string, unknown>) => string) => ({
    pageTitle: t('residents.login.title'),
    oidcLabel: oidc ? t('residents.login.oidc', { name: oidc.name }) : null,
  });

  return async function (app: FastifyInstance) {
    app.get('/resident/login', async (req, reply) => {
      if (req.actor?.kind === 'resident') return reply.redirect('/cabinet');
      const q = req.query as Record<string, unknown>;
      return reply.page('residents/views/login.njk', {
        ...common(req.t), values: {},
        flash: q.reset === '1' ? req.t('residents.reset.done') : null,
        notice: req.sessionExpired ? req.t('residents.login.sessionExpired') : null,
      });
    });

    app.post('/resident/login', { config: FORM_RATE }, async (req, reply) => {
      const fields = formFields(req.body, LOGIN_FIELDS);
      const parsed = loginForm.safeParse(fields);
      const values = { email: fields.email };
      if (!parsed.success) {
        return reply.page('residents/views/login.njk', { ...common(req.t), values, ...formErrors(parsed.error, req.t, LOGIN_FIELDS) }, 400);
      }
      const result = await loginResident({ services, email: parsed.data.email, password: parsed.data.password, meta: requestMeta(req) });
      switch (result.kind) {
        case 'ok':
          return signInResident(services, req, reply, result);
        case 'unverified':
          return reply.page('residents/views/login.njk', { ...common(req.t), values, unverified: true }, 403);
        case 'locked':
          return reply.page('residents/views/login.njk', {
            ...common(req.t), values,
            ...singleError('email', req.t('residents.login.locked', { minutes: services.config.LOGIN_LOCK_MINUTES })),
          }, 429);
        default:
          return reply.page('residents/views/login.njk', {
            ...common(req.t), values, ...singleError('email', req.t('residents.login.failed')),
          }, 401);
      }
    });
  };
}
