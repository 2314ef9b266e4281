import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { Actor } from '../../platform/policy.js';
import type { SessionRecord } from '../../platform/session.js';
import { AppError, problem } from '../../platform/errors.js';
import {
  formErrors,
  formValues,
  NO_ERRORS,
  oneError,
  orRerender,
  parseBody,
  parseQuery,
  type FormErrors,
} from '../../platform/forms.js';
import { sessionPort } from './auth.context.js';
import { requestMeta } from '../../platform/audit.js';
import { accountQuery, E, hromadaForm, passwordChangeForm, recoveryForm } from './auth.schema.js';
import { findUserById } from './auth.queries.js';
import { changePassword } from './use-cases/change-password.js';
import { regenerateRecoveryCodes } from './use-cases/regenerate-recovery-codes.js';
import { switchHromada } from './use-cases/switch-hromada.js';
import { listOwnPasskeys } from './use-cases/list-passkeys.js';
import { presentPasskeySection } from './passkeys.presenter.js';

/** A signed-in staff member (MFA passed), or the request is refused. */
export function staffActor(req: FastifyRequest): Actor {
  const actor = req.actor;
  if (!actor || !req.session) throw new AppError('unauthenticated');
  if (actor.kind !== 'staff') throw new AppError('forbidden');
  return actor;
}

/** The signed-in staff member and their session, or the request is refused. */
export function staffSignedIn(req: FastifyRequest): { actor: Actor; session: SessionRecord } {
  const actor = staffActor(req);
  if (!req.session) throw new AppError('unauthenticated');
  return { actor, session: req.session };
}

/** The staff member's own account (password, recovery codes, an administrator's passkeys) and the hromada switch. */
export function accountRoutes(services: Services) {
  async function renderAccount(
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    status = 200,
    errors: FormErrors = NO_ERRORS,
  ) {
    const user = await findUserById(services.db, actor.userId);
    const q = parseQuery(req, accountQuery);
    const query = q.ok ? q.data : {};
    return reply.page(
      'auth/views/account.njk',
      {
        pageTitle: req.t('auth.account.title'),
        mustChange: user?.mustChangePassword ?? false,
        totpEnabled: user?.totpEnabled ?? false,
        codesLeft: user?.recoveryCodesLeft ?? 0,
        flash:
          status !== 200
            ? undefined
            : query.changed === '1'
              ? req.t('auth.account.passwordChanged')
              : query.passkeyAdded === '1'
                ? req.t('auth.passkeys.added')
                : query.passkeyRemoved === '1'
                  ? req.t('auth.passkeys.removed')
                  : undefined,
        passkeys:
          !user || user.mustChangePassword
            ? null
            : presentPasskeySection(await listOwnPasskeys({ services, userId: actor.userId })),
        ...errors,
      },
      status,
    );
  }

  const lockedOut = (reply: FastifyReply) => {
    services.sessions.clearCookie(reply);
    return reply.redirect('/login', 303);
  };

  return function (app: FastifyInstance): Promise<void> {
    app.get('/account', async (req, reply) => renderAccount(req, reply, staffActor(req)));

    app.post('/account', async (req, reply) => {
      const actor = staffActor(req);
      const action = formValues(req.body).action;
      if (action === 'recovery') {
        const parsed = parseBody(req, recoveryForm);
        if (!parsed.ok) return renderAccount(req, reply, actor, 400, formErrors(req.t, parsed.problems));
        const result = await regenerateRecoveryCodes({
          services,
          actor,
          currentPassword: parsed.data.codesPassword,
          meta: requestMeta(req),
        });
        if (result.ok) {
          return reply.page('auth/views/recovery-codes.njk', {
            pageTitle: req.t('auth.codes.title'),
            codes: result.recoveryCodes,
            next: '/account',
          });
        }
        if (result.locked) return lockedOut(reply);
        return renderAccount(req, reply, actor, 400, oneError(req.t, 'codesPassword', E('currentWrong')));
      }
      const parsed = parseBody(req, passwordChangeForm);
      if (!parsed.ok) return renderAccount(req, reply, actor, 400, formErrors(req.t, parsed.problems));
      const done = await orRerender(
        req,
        () =>
          changePassword({
            services,
            actor,
            current: parsed.data.currentPassword,
            next: parsed.data.newPassword,
            confirm: parsed.data.confirmPassword,
            meta: requestMeta(req),
            session: sessionPort(services, req, reply),
          }),
        (errors) => renderAccount(req, reply, actor, 400, errors),
      );
      if (!done.done) return done.reply;
      return done.value.ok ? reply.redirect('/account?changed=1', 303) : lockedOut(reply);
    });

    app.post('/staff/hromada', async (req, reply) => {
      const { actor, session } = staffSignedIn(req);
      const parsed = parseBody(req, hromadaForm);
      if (!parsed.ok) throw problem('hromadaId', E('hromadaInvalid')); // the form's one field: «choose a hromada»
      await switchHromada({ services, actor, session, hromadaId: parsed.data.hromadaId, meta: requestMeta(req) });
      return reply.redirect('/staff', 303);
    });
    return Promise.resolve();
  };
}
