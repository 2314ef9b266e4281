import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { SessionRecord } from '../../platform/session.js';
import { sessionPort } from './auth.context.js';
import { formErrors, formValues, NO_ERRORS, oneError, parseBody, type FormErrors } from '../../platform/forms.js';
import { requestMeta } from '../../platform/audit.js';
import { codeForm, E, loginForm } from './auth.schema.js';
import { signInWithPassword } from './use-cases/sign-in-with-password.js';
import { verifySecondFactor } from './use-cases/verify-second-factor.js';
import { startTotpEnrolment } from './use-cases/start-totp-enrolment.js';
import { confirmTotpEnrolment } from './use-cases/confirm-totp-enrolment.js';
import { logOut } from './use-cases/log-out.js';
import { pendingStaffUser } from './login-steps.js';
import { passkeyLoginOffered } from './passkeys.policy.js';
import { verifyTicketLogin } from './use-cases/verify-ticket-login.js';
import { openTicket, TICKET_COOKIE, TICKET_MINUTES } from './login-ticket.js';

/** A half-signed-in session (password passed, second factor not yet) lasts at most this long. */
export const PENDING_MINUTES = 10;
export const EXPIRED_COOKIE = 'turbota_expired';

/** Staff login: password step, TOTP step, first-login TOTP enrolment, and logout for everyone. */
export function loginRoutes(services: Services) {
  const flagExpired = (reply: FastifyReply) =>
    reply.setCookie(EXPIRED_COOKIE, '1', {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: services.config.secure,
      maxAge: 600,
    });

  const renderLogin = (
    req: FastifyRequest,
    reply: FastifyReply,
    status = 200,
    errors: FormErrors = NO_ERRORS,
    extra: Record<string, unknown> = {},
  ) => reply.page('auth/views/login.njk', { pageTitle: req.t('auth.login.title'), ...errors, ...extra }, status);

  /** The pending session of this request; otherwise the reply is already a redirect. */
  async function pendingOr(req: FastifyRequest, reply: FastifyReply): Promise<SessionRecord | null> {
    const s = req.session;
    if (req.actor?.kind === 'staff') {
      reply.redirect('/staff', 303);
      return null;
    }
    if (!s || s.mfaPassed) {
      reply.redirect('/login', 303);
      return null;
    }
    if (Date.now() - s.createdAt.getTime() > PENDING_MINUTES * 60_000) {
      await services.sessions.destroy(reply, s.idHash);
      flagExpired(reply);
      reply.redirect('/login', 303);
      return null;
    }
    return s;
  }

  const ticketCookie = { path: '/login', httpOnly: true, sameSite: 'strict' as const, secure: services.config.secure };
  const clearTicket = (reply: FastifyReply) => reply.clearCookie(TICKET_COOKIE, { path: '/login' });

  const endedToLogin = (req: FastifyRequest, reply: FastifyReply) => {
    services.sessions.clearCookie(reply);
    return renderLogin(req, reply, 401, oneError(req.t, 'password', E('invalidCredentials')));
  };

  return function (app: FastifyInstance): Promise<void> {
    app.get('/login', async (req, reply) => {
      if (req.actor?.kind === 'staff') return reply.redirect('/staff');
      const expired = req.sessionExpired || req.cookies[EXPIRED_COOKIE] === '1';
      if (expired) reply.clearCookie(EXPIRED_COOKIE, { path: '/' });
      return renderLogin(req, reply, 200, NO_ERRORS, { notice: expired ? req.t('errors.sessionExpired') : null });
    });

    app.post('/login', async (req, reply) => {
      const parsed = parseBody(req, loginForm);
      const username = (formValues(req.body).username ?? '').slice(0, 100);
      if (!parsed.ok) return renderLogin(req, reply, 400, formErrors(req.t, parsed.problems), { username });
      const result = await signInWithPassword({
        services,
        username: parsed.data.username,
        password: parsed.data.password,
        meta: requestMeta(req),
        session: sessionPort(services, req, reply),
      });
      if (typeof result === 'object') {
        // The account is under attack: the code step judges password and code together.
        reply.setCookie(TICKET_COOKIE, result.ticket, { ...ticketCookie, maxAge: TICKET_MINUTES * 60 });
        return reply.redirect('/login/totp', 303);
      }
      if (req.cookies[TICKET_COOKIE]) clearTicket(reply);
      if (result === 'rate_limited')
        return renderLogin(req, reply, 429, oneError(req.t, 'username', E('rateLimited')), { username });
      if (result === 'invalid')
        return renderLogin(req, reply, 401, oneError(req.t, 'password', E('invalidCredentials')), { username });
      return reply.redirect(result === 'totp' ? '/login/totp' : '/login/totp/enrol', 303);
    });

    app.get('/login/totp', async (req, reply) => {
      if (req.actor?.kind !== 'staff' && openTicket(services, req.cookies[TICKET_COOKIE])) {
        return reply.page('auth/views/totp.njk', {
          pageTitle: req.t('auth.totp.title'),
          ...NO_ERRORS,
          passkeyLogin: false,
        });
      }
      const pending = await pendingOr(req, reply);
      if (!pending) return reply;
      const user = await pendingStaffUser(services, pending.userId);
      if (user && !user.totpEnabled) return reply.redirect('/login/totp/enrol', 303);
      return reply.page('auth/views/totp.njk', {
        pageTitle: req.t('auth.totp.title'),
        ...NO_ERRORS,
        passkeyLogin: await passkeyLoginOffered(services.db, pending.userId),
      });
    });

    app.post('/login/totp', async (req, reply) => {
      const ticket = req.actor?.kind === 'staff' ? null : openTicket(services, req.cookies[TICKET_COOKIE]);
      if (ticket) {
        const parsed = parseBody(req, codeForm);
        if (!parsed.ok) {
          return reply.page(
            'auth/views/totp.njk',
            { pageTitle: req.t('auth.totp.title'), ...formErrors(req.t, parsed.problems), passkeyLogin: false },
            400,
          );
        }
        const result = await verifyTicketLogin({
          services,
          ticket,
          code: parsed.data.code,
          meta: requestMeta(req),
          session: sessionPort(services, req, reply),
        });
        clearTicket(reply);
        if (result.ok) return reply.redirect(result.next, 303);
        return endedToLogin(req, reply);
      }
      const pending = await pendingOr(req, reply);
      if (!pending) return reply;
      const parsed = parseBody(req, codeForm);
      const render = async (status: number, errors: FormErrors) =>
        reply.page(
          'auth/views/totp.njk',
          {
            pageTitle: req.t('auth.totp.title'),
            ...errors,
            passkeyLogin: await passkeyLoginOffered(services.db, pending.userId),
          },
          status,
        );
      if (!parsed.ok) return render(400, formErrors(req.t, parsed.problems));
      const result = await verifySecondFactor({
        services,
        pending,
        code: parsed.data.code,
        meta: requestMeta(req),
        session: sessionPort(services, req, reply),
      });
      if (result.ok) return reply.redirect(result.next, 303);
      if (result.ended) return endedToLogin(req, reply);
      if (result.rateLimited) return render(429, oneError(req.t, 'code', E('rateLimited')));
      return render(401, oneError(req.t, 'code', E('codeInvalid')));
    });

    const renderEnrol = async (
      req: FastifyRequest,
      reply: FastifyReply,
      pending: SessionRecord,
      status = 200,
      errors: FormErrors = NO_ERRORS,
    ) => {
      const view = await startTotpEnrolment({ services, userId: pending.userId });
      if (!view) return reply.redirect('/login/totp', 303);
      return reply.page('auth/views/enrol.njk', { pageTitle: req.t('auth.enrol.title'), ...view, ...errors }, status);
    };

    app.get('/login/totp/enrol', async (req, reply) => {
      const pending = await pendingOr(req, reply);
      return pending ? renderEnrol(req, reply, pending) : reply;
    });

    app.post('/login/totp/enrol', async (req, reply) => {
      const pending = await pendingOr(req, reply);
      if (!pending) return reply;
      const parsed = parseBody(req, codeForm);
      if (!parsed.ok) return renderEnrol(req, reply, pending, 400, formErrors(req.t, parsed.problems));
      const result = await confirmTotpEnrolment({
        services,
        pending,
        code: parsed.data.code,
        meta: requestMeta(req),
        session: sessionPort(services, req, reply),
      });
      if (result.ok) {
        return reply.page('auth/views/recovery-codes.njk', {
          pageTitle: req.t('auth.codes.title'),
          codes: result.recoveryCodes,
          next: result.next,
        });
      }
      if (result.ended) return endedToLogin(req, reply);
      if (result.gone) return reply.redirect('/login/totp', 303);
      return renderEnrol(req, reply, pending, 401, oneError(req.t, 'code', E('codeInvalid')));
    });

    // Any session (staff or resident) ends here, together with every other session of the same user.
    app.post('/logout', async (req, reply) => {
      if (req.session) await logOut({ services, session: req.session, meta: requestMeta(req) });
      services.sessions.clearCookie(reply);
      // The browser wipes what the site stored on this device (the outreach workstation's encrypted package and its
      // caches, decision 0036): a device given back or lost after logout holds nothing of the hromada's.
      reply.header('clear-site-data', '"storage", "cache"');
      return reply.redirect('/?signedOut=1', 303);
    });
    return Promise.resolve();
  };
}
