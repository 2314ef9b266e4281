import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../services.js';
import type { Actor } from '../../../platform/policy.js';
import { profileForm } from '../residents.schema.js';
import { formErrors, formFields, type FormErrors } from '../forms.js';
import { setAccessibility, setLanguage } from '../residents.session.js';
import { findUserById, listIdentities } from '../residents.queries.js';
import { presentCabinet } from '../residents.presenter.js';
import { oidcSettings } from '../residents.oidc.js';
import { updateResidentProfile } from '../use-cases/update-profile.js';
import { findProfile } from '../profile/profile.queries.js';
import { contactsForm, PROFILE_PAGE_FIELDS } from '../profile/profile.schema.js';
import { needItems, profileSummary, profileValues, summaryRows } from '../profile/profile.presenter.js';
import { requestMeta } from '../../../platform/audit.js';
import { linksOf } from '../../cabinet/cabinet.access.js';

const NAME_FIELDS = ['name', 'locale'] as const;
const CONTACT_FIELDS = ['phone', 'contactEmail', 'contactChannel', 'emailNotifications', 'textSize', 'contrast', 'otherNeeds'] as const;

/** The resident's own actor, or null (any other session goes to the resident sign-in page). */
const residentActor = (req: FastifyRequest): Actor | null => (req.actor?.kind === 'resident' ? req.actor : null);

/**
 * The resident's home (who they are, how they sign in, a summary of their profile) and the
 * profile page: name, language, contacts, how to be contacted and accessibility needs.
 */
export function cabinetRoutes(services: Services) {
  const oidc = oidcSettings(services.config);
  const providerName = (issuer: string) => (oidc && oidc.issuer.href.replace(/\/$/, '') === issuer.replace(/\/$/, '') ? oidc.name : new URL(issuer).host);

  async function load(userId: string) {
    const user = await findUserById(services.db, userId);
    if (!user) return null;
    return { user, profile: await findProfile(services.db, userId) };
  }

  async function profilePage(req: FastifyRequest, reply: FastifyReply, userId: string,
    form: { values?: Record<string, unknown> } & Partial<FormErrors> = {}) {
    const data = await load(userId);
    if (!data) return reply.redirect('/resident/login');
    const values: Record<string, unknown> = form.values ?? {
      name: data.user.display_name, locale: data.user.locale,
      ...profileValues(data.profile, data.user.email ?? '', req.cookies.a11y),
    };
    return reply.header('cache-control', 'no-store').page('residents/views/profile.njk', {
      pageTitle: req.t('residents.profile.title'), values, ...form,
      needItems: needItems(Array.isArray(values.needs) ? values.needs as string[] : [], req.t),
    }, form.errorSummary?.length ? 400 : 200);
  }

  return async function (app: FastifyInstance) {
    app.get('/cabinet', async (req, reply) => {
      const actor = residentActor(req);
      if (!actor) return reply.redirect('/resident/login');
      const data = await load(actor.userId);
      if (!data) return reply.redirect('/resident/login');
      const q = req.query as Record<string, unknown>;
      return reply.header('cache-control', 'no-store').page('residents/views/cabinet.njk', {
        pageTitle: req.t('residents.cabinet.title'),
        cabinet: presentCabinet(data.user, await listIdentities(services.db, actor.userId), req.t, providerName),
        profileRows: summaryRows([
          { key: req.t('residents.cabinet.name'), value: data.user.display_name },
          { key: req.t('residents.cabinet.locale'), value: req.t(`lang.${data.user.locale}`) },
          ...profileSummary(data.profile, data.user.email, req.t, { own: true }),
        ]),
        flash: q.saved === '1' ? req.t('residents.cabinet.saved') : null,
        // Not linked to the registry yet: say up front that applying works now and what the one step left is.
        identityStep: (await linksOf(services, actor.userId)).length === 0, oidcName: oidc?.name ?? null,
      });
    });

    app.get('/cabinet/profile', async (req, reply) => {
      const actor = residentActor(req);
      if (!actor) return reply.redirect('/resident/login');
      return profilePage(req, reply, actor.userId);
    });

    // Saves name and language; contacts and accessibility too when the form has them (the profile page does).
    app.post('/cabinet/profile', async (req, reply) => {
      const actor = residentActor(req);
      if (!actor) return reply.redirect('/resident/login', 303);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const withContacts = 'contactChannel' in body;
      const names = formFields(body, NAME_FIELDS);
      const contactFields = { ...formFields(body, CONTACT_FIELDS), needs: [body.needs].flat().filter((v): v is string => typeof v === 'string' && v !== '') };
      const parsed = profileForm.safeParse(names);
      const contacts = withContacts ? contactsForm.safeParse(contactFields) : null;
      if (!parsed.success || (contacts && !contacts.success)) {
        const issues = [...(parsed.error?.issues ?? []), ...(contacts?.error?.issues ?? [])];
        return profilePage(req, reply, actor.userId, {
          values: { ...names, ...contactFields }, ...formErrors(new z.ZodError(issues), req.t, PROFILE_PAGE_FIELDS),
        });
      }
      await updateResidentProfile({
        services, userId: actor.userId, displayName: parsed.data.name, locale: parsed.data.locale,
        contacts: contacts?.data, meta: requestMeta(req),
      });
      setLanguage(services, reply, parsed.data.locale);
      if (contacts?.data) setAccessibility(services, reply, contacts.data.textSize, contacts.data.contrast);
      return reply.redirect('/cabinet?saved=1', 303);
    });
  };
}
