import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.js';
import type { Actor } from '../../../platform/policy.js';
import { formErrors, many, parseBody, parseQuery, single, type FormErrors } from '../../../platform/forms.js';
import { noStore } from '../../../platform/http.js';
import { flagQuery, profileForm, withPasswordLimits } from '../residents.schema.js';
import { setAccessibility, setLanguage } from '../residents.session.js';
import { findUserById, listIdentities } from '../residents.queries.js';
import { presentCabinet } from '../residents.presenter.js';
import { oidcSettings } from '../residents.oidc.js';
import { updateResidentProfile } from '../use-cases/update-profile.js';
import { findProfile } from '../profile/profile.queries.js';
import { contactsForm, PROFILE_PAGE_FIELDS } from '../profile/profile.schema.js';
import { needItems, profileSummary, profileValues, summaryRows } from '../profile/profile.presenter.js';
import { requestMeta } from '../../../platform/audit.js';
import { residentLinks } from '../links.queries.js';

const TEXT_FIELDS = [
  'name',
  'locale',
  'phone',
  'contactEmail',
  'contactChannel',
  'emailNotifications',
  'textSize',
  'contrast',
  'otherNeeds',
] as const;

/** What the resident typed, to show again (repeated names: the first; the needs as ticked). */
function postedValues(body: unknown): Record<string, unknown> {
  const b: Partial<Record<string, unknown>> = body && typeof body === 'object' ? { ...body } : {};
  const out: Record<string, unknown> = Object.fromEntries(TEXT_FIELDS.map((n) => [n, single(b[n])]));
  out.needs = many(b.needs).filter((v) => v !== '');
  return out;
}

/** The resident's own actor, or null (any other session goes to the resident sign-in page). */
const residentActor = (req: FastifyRequest): Actor | null => (req.actor?.kind === 'resident' ? req.actor : null);

/**
 * The resident's home (who they are, how they sign in, a summary of their profile) and the
 * profile page: name, language, contacts, how to be contacted and accessibility needs.
 */
export function cabinetRoutes(services: Services) {
  const oidc = oidcSettings(services.config);
  const providerName = (issuer: string) =>
    oidc && oidc.issuer.href.replace(/\/$/, '') === issuer.replace(/\/$/, '') ? oidc.name : new URL(issuer).host;

  async function load(userId: string) {
    const user = await findUserById(services.db, userId);
    if (!user) return null;
    return { user, profile: await findProfile(services.db, userId) };
  }

  async function profilePage(
    req: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    form: { values?: Record<string, unknown> } & Partial<FormErrors> = {},
  ) {
    const data = await load(userId);
    if (!data) return reply.redirect('/resident/login');
    const values: Record<string, unknown> = form.values ?? {
      name: data.user.display_name,
      locale: data.user.locale,
      ...profileValues(data.profile, data.user.email ?? '', req.cookies.a11y),
    };
    noStore(reply);
    return reply.page(
      'residents/views/profile.njk',
      {
        pageTitle: req.t('residents.profile.title'),
        values,
        ...form,
        needItems: needItems(Array.isArray(values.needs) ? (values.needs as string[]) : [], req.t),
      },
      form.errorSummary?.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance): Promise<void> {
    app.get('/cabinet', async (req, reply) => {
      const actor = residentActor(req);
      if (!actor) return reply.redirect('/resident/login');
      const data = await load(actor.userId);
      if (!data) return reply.redirect('/resident/login');
      const q = parseQuery(req, flagQuery);
      noStore(reply);
      return reply.page('residents/views/cabinet.njk', {
        pageTitle: req.t('residents.cabinet.title'),
        cabinet: presentCabinet(data.user, await listIdentities(services.db, actor.userId), req.t, providerName),
        profileRows: summaryRows([
          { key: req.t('residents.cabinet.name'), value: data.user.display_name },
          { key: req.t('residents.cabinet.locale'), value: req.t(`lang.${data.user.locale}`) },
          ...profileSummary(data.profile, data.user.email, req.t, { own: true }),
        ]),
        flash: q.ok && q.data.saved === '1' ? req.t('residents.cabinet.saved') : null,
        // Not linked to the registry yet: say up front that applying works now and what the one step left is.
        identityStep: (await residentLinks(services.db, actor.userId)).length === 0,
        oidcName: oidc?.name ?? null,
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
      const withContacts = typeof req.body === 'object' && req.body !== null && 'contactChannel' in req.body;
      const parsed = parseBody(req, profileForm);
      const contacts = withContacts ? parseBody(req, contactsForm) : null;
      if (!parsed.ok || (contacts && !contacts.ok)) {
        const problems = [
          ...(parsed.ok ? [] : parsed.problems),
          ...(contacts && !contacts.ok ? contacts.problems : []),
        ];
        return profilePage(req, reply, actor.userId, {
          values: postedValues(req.body),
          ...formErrors(req.t, withPasswordLimits(problems), { order: PROFILE_PAGE_FIELDS }),
        });
      }
      await updateResidentProfile({
        services,
        userId: actor.userId,
        displayName: parsed.data.name,
        locale: parsed.data.locale,
        contacts: contacts?.ok ? contacts.data : undefined,
        meta: requestMeta(req),
      });
      setLanguage(services, reply, parsed.data.locale);
      if (contacts?.ok) setAccessibility(services, reply, contacts.data.textSize, contacts.data.contrast);
      return reply.redirect('/cabinet?saved=1', 303);
    });
    return Promise.resolve();
  };
}
