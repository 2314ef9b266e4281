import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { SessionRecord } from '../../platform/session.js';
import { AppError } from '../../platform/errors.js';
import { formErrors, oneError, orRerender, parseBody, parseParams } from '../../platform/forms.js';
import { sessionPort } from './auth.context.js';
import { requestMeta } from '../../platform/audit.js';
import { noStore } from '../../platform/http.js';
import { E } from './auth.schema.js';
import { staffActor, staffSignedIn } from './account.routes.js';
import { PENDING_MINUTES } from './login.routes.js';
import {
  parseAuthenticationResponse,
  parseRegistrationResponse,
  passkeyIdParams,
  passkeyStartForm,
} from './passkeys.schema.js';
import { jsonErrors, presentPasskey } from './passkeys.presenter.js';
import { relyingParty } from './passkeys.rp.js';
import { getOwnPasskey } from './use-cases/get-own-passkey.js';
import { startPasskeyRegistration } from './use-cases/start-passkey-registration.js';
import { finishPasskeyRegistration } from './use-cases/finish-passkey-registration.js';
import { removePasskey } from './use-cases/remove-passkey.js';
import { startPasskeyLogin } from './use-cases/start-passkey-login.js';
import { verifyPasskeyLogin } from './use-cases/verify-passkey-login.js';

/**
 * Passkeys (WebAuthn) of administrators (decision 0010): adding and removing them on the
 * account page, and the second login step with one. The ceremonies speak JSON with
 * assets/js/passkeys.js (CSRF token in `x-csrf-token`); removal is a plain form.
 */
export function passkeyRoutes(services: Services) {
  /** The pending (password-only) login session, or a JSON answer that sends the browser elsewhere. */
  async function pendingJson(req: FastifyRequest, reply: FastifyReply): Promise<SessionRecord | null> {
    const s = req.session;
    if (req.actor?.kind === 'staff') {
      reply.code(409).send({ errors: [], redirect: '/staff' });
      return null;
    }
    const tooOld = s && Date.now() - s.createdAt.getTime() > PENDING_MINUTES * 60_000;
    if (!s || s.mfaPassed || tooOld) {
      if (s && tooOld) await services.sessions.destroy(reply, s.idHash);
      reply.code(401).send(jsonErrors(oneError(req.t, 'passkey-login', E('passkeySessionEnded')), '/login'));
      return null;
    }
    return s;
  }

  return function (app: FastifyInstance): Promise<void> {
    app.post('/account/passkeys/options', async (req, reply) => {
      const { actor, session } = staffSignedIn(req);
      const parsed = parseBody(req, passkeyStartForm);
      if (!parsed.ok) return reply.code(400).send(jsonErrors(formErrors(req.t, parsed.problems)));
      const done = await orRerender(
        req,
        () =>
          startPasskeyRegistration({
            services,
            actor,
            session,
            currentPassword: parsed.data.passkeyPassword,
            name: parsed.data.passkeyName,
            rp: relyingParty(services.config, req),
            meta: requestMeta(req),
          }),
        (errors) => {
          noStore(reply);
          return reply.code(400).send(jsonErrors(errors));
        },
      );
      if (!done.done) return done.reply;
      noStore(reply);
      const result = done.value;
      if (result.ok) return { options: result.options };
      services.sessions.clearCookie(reply);
      return reply.code(401).send({ errors: [], redirect: '/login' });
    });

    app.post('/account/passkeys', async (req, reply) => {
      const { actor, session } = staffSignedIn(req);
      const result = await finishPasskeyRegistration({
        services,
        actor,
        session,
        response: parseRegistrationResponse(req.body),
        rp: relyingParty(services.config, req),
        meta: requestMeta(req),
      });
      if (result.ok) return { redirect: '/account?passkeyAdded=1' };
      return reply.code(400).send(jsonErrors(oneError(req.t, 'passkey-add', E(result.error))));
    });

    app.get('/account/passkeys/:id/remove', async (req, reply) => {
      const actor = staffActor(req);
      const { id } = parseParams(req, passkeyIdParams);
      const passkey = await getOwnPasskey({ services, userId: actor.userId, passkeyId: id });
      return reply.page('auth/views/passkeys-remove.njk', {
        pageTitle: req.t('auth.passkeys.remove.title'),
        passkey: presentPasskey(passkey),
      });
    });

    app.post('/account/passkeys/:id/remove', async (req, reply) => {
      const actor = staffActor(req);
      const { id } = parseParams(req, passkeyIdParams);
      await removePasskey({ services, actor, passkeyId: id, meta: requestMeta(req) });
      return reply.redirect('/account?passkeyRemoved=1#passkeys', 303);
    });

    app.post('/login/passkey/options', async (req, reply) => {
      const pending = await pendingJson(req, reply);
      if (!pending) return reply;
      const options = await startPasskeyLogin({ services, pending, rp: relyingParty(services.config, req) });
      if (!options) throw new AppError('forbidden');
      noStore(reply);
      return { options };
    });

    app.post('/login/passkey', async (req, reply) => {
      const pending = await pendingJson(req, reply);
      if (!pending) return reply;
      const response = parseAuthenticationResponse(req.body);
      const result = await verifyPasskeyLogin({
        services,
        pending,
        response,
        rp: relyingParty(services.config, req),
        meta: requestMeta(req),
        session: sessionPort(services, req, reply),
      });
      if (result.ok) return { redirect: result.next };
      if ('forbidden' in result) throw new AppError('forbidden');
      if (result.ended) {
        services.sessions.clearCookie(reply);
        return reply.code(401).send(jsonErrors(oneError(req.t, 'passkey-login', E('invalidCredentials')), '/login'));
      }
      return reply
        .code(response ? 401 : 400)
        .send(jsonErrors(oneError(req.t, 'passkey-login', E('passkeyLoginFailed'))));
    });
    return Promise.resolve();
  };
}
