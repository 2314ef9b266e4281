import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.js';
import type { Actor } from '../../../platform/policy.js';
import { profileForm } from '../residents.schema.js';
import { formErrors, formFields, type FormErrors } from '../forms.js';
import { requestMeta } from '../residents.context.js';
import { setLanguage } from '../residents.session.js';
import { findUserById, listIdentities } from '../residents.queries.js';
import { presentCabinet } from '../residents.presenter.js';
import { oidcSettings } from '../residents.oidc.js';
import { updateResidentProfile } from '../use-cases/update-profile.js';

const PROFILE_FIELDS = ['name', 'locale'] as const;

/** The resident's own actor, or null (any other session goes to the resident sign-in page). */
const residentActor = (req: FastifyRequest): Actor | null => (req.actor?.kind === 'resident' ? req.actor : null);

/** The resident's home: who they are, how they sign in, their settings. Later modules add applications here. */
export function cabinetRoutes(services: Services) {
  const oidc = oidcSettings(services.config);
  const providerName = (issuer: string) => (oidc && oidc.issuer.href.replace(/\/$/, '') === issuer.replace(/\/$/, '') ? oidc.name : new URL(issuer).host);

  async function render(req: FastifyRequest, userId: string, extra: Partial<FormErrors> & Record<string, unknown> = {}) {
    const user = await findUserById(services.db, userId);
    if (!user) return null;
    const identities = await listIdentities(services.db, userId);
    return { pageTitle: req.t('residents.cabinet.title'), cabinet: presentCabinet(user, identities, req.t, providerName), ...extra };
  }

  return async function (app: FastifyInstance) {
    app.get('/cabinet', async (req, reply) => {
      const actor = residentActor(req);
      if (!actor) return reply.redirect('/resident/login');
      const q = req.query as Record<string, unknown>;
      const data = await render(req, actor.userId, { flash: q.saved === '1' ? req.t('residents.cabinet.saved') : null });
      if (!data) return reply.redirect('/resident/login');
      return reply.page('residents/views/cabinet.njk', data);
    });

    app.post('/cabinet/profile', async (req, reply) => {
      const actor = residentActor(req);
      if (!actor) return reply.redirect('/resident/login', 303);
      const fields = formFields(req.body, PROFILE_FIELDS);
      const parsed = profileForm.safeParse(fields);
      if (!parsed.success) {
        const data = await render(req, actor.userId, { values: fields, ...formErrors(parsed.error, req.t, PROFILE_FIELDS) });
        return reply.page('residents/views/cabinet.njk', data ?? {}, 400);
      }
      await updateResidentProfile({
        services, userId: actor.userId, displayName: parsed.data.name, locale: parsed.data.locale, meta: requestMeta(req),
      });
      setLanguage(services, reply, parsed.data.locale);
      return reply.redirect('/cabinet?saved=1', 303);
    });
  };
}
