import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { LOCALES } from '../../platform/i18n.js';
import { safeReturnPath } from '../../platform/http.js';
import { field, parseQuery, parseWith } from '../../platform/forms.js';

// The return address is checked by safeReturnPath alone (a bad one leads home, never to an error).
const languageForm = z.object({ locale: z.enum(LOCALES), returnTo: z.unknown().optional() });
const a11yForm = z.object({
  textSize: z.enum(['normal', 'large', 'larger']).default('normal'),
  contrast: z.enum(['normal', 'high']).default('normal'),
});
const YEAR = 365 * 24 * 3600;
/** `?signedOut=1` on the home page, `?saved=1` on the accessibility settings. */
const flagQuery = z.object({ signedOut: field.optional(), saved: field.optional() });
const flag = (req: Parameters<typeof parseQuery>[0], name: 'signedOut' | 'saved') => {
  const q = parseQuery(req, flagQuery);
  return q.ok && q.data[name] === '1';
};
/** The posted return address, as text for safeReturnPath (anything else leads home). */
const returnToForm = z.object({ returnTo: z.unknown().optional() });
const returnTo = (body: unknown) => {
  const r = parseWith(returnToForm, body);
  return r.ok ? r.data.returnTo : undefined;
};

/** Public pages: home, health, language and accessibility settings, static texts. */
export function publicRoutes(services: Services) {
  return function (app: FastifyInstance): Promise<void> {
    app.get('/healthz', { config: { rateLimit: false } }, async (_req, reply) => {
      const ok = await services.db.ping();
      return reply.code(ok ? 200 : 503).send(ok ? { status: 'ok' } : { status: 'unavailable' });
    });

    app.get('/', async (req, reply) => {
      if (req.actor?.kind === 'staff') return reply.redirect('/staff');
      const signedOut = flag(req, 'signedOut');
      return reply.page('public/views/home.njk', {
        pageTitle: req.t('home.title'),
        flash: signedOut ? req.t('auth.loggedOut') : undefined,
      });
    });

    app.post('/settings/language', async (req, reply) => {
      const parsed = languageForm.safeParse(req.body);
      const locale = parsed.success ? parsed.data.locale : 'uk';
      reply.setCookie('lang', locale, {
        path: '/',
        maxAge: YEAR,
        sameSite: 'lax',
        httpOnly: true,
        secure: services.config.secure,
      });
      return reply.redirect(safeReturnPath(returnTo(req.body)), 303);
    });

    app.get('/settings/accessibility', async (req, reply) => {
      const [text, contrast] = (req.cookies.a11y ?? '').split('.');
      return reply.page('public/views/accessibility-settings.njk', {
        pageTitle: req.t('a11y.title'),
        textSize: text || 'normal',
        contrast: contrast || 'normal',
        saved: flag(req, 'saved'),
      });
    });

    app.post('/settings/accessibility', async (req, reply) => {
      const parsed = a11yForm.safeParse(req.body ?? {});
      const v = parsed.success ? parsed.data : { textSize: 'normal', contrast: 'normal' };
      reply.setCookie('a11y', `${v.textSize}.${v.contrast}`, {
        path: '/',
        maxAge: YEAR,
        sameSite: 'lax',
        httpOnly: true,
        secure: services.config.secure,
      });
      return reply.redirect('/settings/accessibility?saved=1', 303);
    });

    app.get('/accessibility', async (req, reply) =>
      reply.page('public/views/text-page.njk', {
        pageTitle: req.t('footer.accessibility'),
        body: req.t('pages.accessibility'),
      }),
    );
    app.get('/privacy', async (req, reply) =>
      reply.page('public/views/text-page.njk', { pageTitle: req.t('footer.privacy'), body: req.t('pages.privacy') }),
    );
    return Promise.resolve();
  };
}
