import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { formErrors, formValues, NO_ERRORS, parseBody, parseParams, type FormErrors } from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { grantParams, reasonForm, userIdParams } from './admin.schema.js';
import { presentUserDetail } from './admin.presenter.js';
import { authorizeUsers } from './admin.policy.js';
import { getUser } from './use-cases/get-user.js';
import { setUserActive } from './use-cases/set-user-active.js';
import { resetUserPassword } from './use-cases/reset-user-password.js';
import { removeGrant } from './use-cases/remove-grant.js';
type Kind = 'deactivate' | 'reactivate' | 'password' | 'removeGrant';

/** Account actions that need a confirmation step: deactivate, reactivate, password reset, removing a role. */
export function userActionRoutes(services: Services) {
  async function confirmPage(
    req: FastifyRequest,
    reply: FastifyReply,
    kind: Kind,
    userId: string,
    grantId?: number,
    errors: FormErrors = NO_ERRORS,
    reason = '',
  ) {
    authorizeUsers(req.actor);
    const detail = presentUserDetail(await getUser({ ...useCaseOf(req, services), userId }), req.actor, userId, req.t);
    if (kind === 'deactivate' && detail.isSelf)
      throw new AppError('conflict', { messageKey: 'admin.errors.selfDeactivate' });
    const grant = grantId === undefined ? undefined : detail.grants.find((g) => g.id === grantId);
    if (grantId !== undefined && !grant) throw new AppError('not_found');
    if (grant && !grant.removable) throw new AppError('conflict', { messageKey: 'admin.errors.lastOwnAdmin' });
    const vars = {
      name: detail.user.displayName,
      username: detail.user.username,
      role: grant?.roleName ?? '',
      scope: grant?.scope ?? '',
    };
    return reply.page(
      'admin/views/confirm.njk',
      {
        pageTitle: req.t(`admin.confirm.${kind}.title`, vars),
        heading: req.t(`admin.confirm.${kind}.title`, vars),
        body: req.t(`admin.confirm.${kind}.body`, vars),
        button: req.t(`admin.confirm.${kind}.button`),
        warning: kind !== 'reactivate',
        action: req.url.split('?')[0],
        cancelHref: `/admin/users/${userId}`,
        reason,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  /** Parses the optional reason; on a problem re-renders the confirmation page. */
  async function withReason(req: FastifyRequest, reply: FastifyReply, kind: Kind, userId: string, grantId?: number) {
    const parsed = parseBody(req, reasonForm);
    if (parsed.ok) return { reason: parsed.data.reason };
    return {
      reply: await confirmPage(
        req,
        reply,
        kind,
        userId,
        grantId,
        formErrors(req.t, parsed.problems),
        formValues(req.body).reason ?? '',
      ),
    };
  }

  return function (app: FastifyInstance): Promise<void> {
    for (const kind of ['deactivate', 'reactivate'] as const) {
      app.get(`/admin/users/:id/${kind}`, async (req, reply) =>
        confirmPage(req, reply, kind, parseParams(req, userIdParams).id),
      );
      app.post(`/admin/users/:id/${kind}`, async (req, reply) => {
        const { id } = parseParams(req, userIdParams);
        authorizeUsers(req.actor);
        const r = await withReason(req, reply, kind, id);
        if ('reply' in r) return r.reply;
        await setUserActive({
          ...useCaseOf(req, services),
          userId: id,
          active: kind === 'reactivate',
          reason: r.reason,
        });
        return reply.redirect(`/admin/users/${id}?done=${kind}d`, 303);
      });
    }

    app.get('/admin/users/:id/password', async (req, reply) =>
      confirmPage(req, reply, 'password', parseParams(req, userIdParams).id),
    );
    app.post('/admin/users/:id/password', async (req, reply) => {
      const { id } = parseParams(req, userIdParams);
      authorizeUsers(req.actor);
      const r = await withReason(req, reply, 'password', id);
      if ('reply' in r) return r.reply;
      const result = await resetUserPassword({ ...useCaseOf(req, services), userId: id, reason: r.reason });
      noStore(reply);
      return reply.page('admin/views/password-shown.njk', {
        pageTitle: req.t('admin.users.resetTitle'),
        heading: req.t('admin.users.resetTitle'),
        username: result.username,
        password: result.password,
        userId: id,
      });
    });

    app.get('/admin/users/:id/grants/:grantId/remove', async (req, reply) => {
      const p = parseParams(req, grantParams);
      return confirmPage(req, reply, 'removeGrant', p.id, p.grantId);
    });
    app.post('/admin/users/:id/grants/:grantId/remove', async (req, reply) => {
      const p = parseParams(req, grantParams);
      authorizeUsers(req.actor);
      const r = await withReason(req, reply, 'removeGrant', p.id, p.grantId);
      if ('reply' in r) return r.reply;
      await removeGrant({ ...useCaseOf(req, services), userId: p.id, grantId: p.grantId, reason: r.reason });
      return reply.redirect(`/admin/users/${p.id}?done=grantRemoved`, 303);
    });
    return Promise.resolve();
  };
}
