import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { createUserForm, editUserForm, grantForm, listQuery, userIdParams } from './admin.schema.js';
import { loadStaffList, loadUserDetail } from './admin.presenter.js';
import { formValues, noStore, orRerender, params, parseForm } from './admin.http.js';
import { toFormErrors, type FormErrors } from './form.js';
import { authorizeUsers } from './users.policy.js';
import { createUser } from './use-cases/create-user.js';
import { editUser } from './use-cases/edit-user.js';
import { addGrant } from './use-cases/add-grant.js';
import { requestMeta } from '../../platform/audit.js';

const DONE = ['created', 'updated', 'grantAdded', 'grantRemoved', 'deactivated', 'reactivated'] as const;
const EMPTY: FormErrors = { errorSummary: [], errors: {} };

/** Staff accounts of the current hromada: list, create, edit, roles. */
export function userRoutes(services: Services) {
  const { db } = services;

  async function userPage(req: FastifyRequest, reply: FastifyReply, userId: string,
    form: { errors?: FormErrors; values?: Record<string, string>; form?: 'edit' | 'grant' } = {}) {
    const { actor, hromadaId } = authorizeUsers(req.actor);
    const detail = await loadUserDetail(db, actor, hromadaId, userId, req.t);
    const done = (req.query as Record<string, unknown>).done;
    const errors = form.errors ?? EMPTY;
    return reply.page('admin/views/user.njk', {
      pageTitle: detail.user.displayName,
      ...detail,
      flash: DONE.find((d) => d === done) ? req.t(`admin.done.${String(done)}`) : null,
      errorSummary: errors.errorSummary,
      editErrors: form.form === 'edit' ? errors.errors : {},
      grantErrors: form.form === 'grant' ? errors.errors : {},
      values: form.values ?? {},
    }, errors.errorSummary.length ? 400 : 200);
  }

  function newUserPage(req: FastifyRequest, reply: FastifyReply, errors = EMPTY, values: Record<string, string> = {}) {
    return reply.page('admin/views/user-new.njk', {
      pageTitle: req.t('admin.users.newTitle'), errors: errors.errors, errorSummary: errors.errorSummary,
      values: { passwordMode: 'generate', ...values },
    }, errors.errorSummary.length ? 400 : 200);
  }

  return async function (app: FastifyInstance) {
    app.get('/admin/users', async (req, reply) => {
      const { actor, hromadaId } = authorizeUsers(req.actor);
      const q = listQuery.parse(req.query ?? {});
      return reply.page('admin/views/users.njk', {
        pageTitle: req.t('admin.users.title'), ...(await loadStaffList(db, actor, hromadaId, q, req.t)),
      });
    });

    app.get('/admin/users/new', async (req, reply) => {
      authorizeUsers(req.actor);
      return newUserPage(req, reply);
    });

    app.post('/admin/users', async (req, reply) => {
      const { hromadaId } = authorizeUsers(req.actor);
      const values = formValues(req.body);
      const parsed = parseForm(createUserForm, req.body);
      if (!parsed.ok) return newUserPage(req, reply, toFormErrors(req.t, parsed.problems), values);
      const r = await orRerender(req,
        () => createUser({ db, actor: req.actor, meta: requestMeta(req), hromadaId, input: parsed.data }),
        async (errors) => newUserPage(req, reply, errors, values));
      if (!r.done) return r.reply;
      if (!r.value.generatedPassword) return reply.redirect(`/admin/users/${r.value.userId}?done=created`, 303);
      noStore(reply);
      return reply.page('admin/views/password-shown.njk', {
        pageTitle: req.t('admin.users.createdTitle'), heading: req.t('admin.users.createdTitle'),
        username: parsed.data.username, password: r.value.generatedPassword, userId: r.value.userId,
      }, 201);
    });

    app.get('/admin/users/:id', async (req, reply) => {
      const { id } = params(userIdParams, req);
      return userPage(req, reply, id);
    });

    app.post('/admin/users/:id', async (req, reply) => {
      const { id } = params(userIdParams, req);
      authorizeUsers(req.actor);
      const values = formValues(req.body);
      const parsed = parseForm(editUserForm, req.body);
      if (!parsed.ok) return userPage(req, reply, id, { errors: toFormErrors(req.t, parsed.problems), values, form: 'edit' });
      await editUser({ db, actor: req.actor, meta: requestMeta(req), userId: id, displayName: parsed.data.displayName });
      return reply.redirect(`/admin/users/${id}?done=updated`, 303);
    });

    app.post('/admin/users/:id/grants', async (req, reply) => {
      const { id } = params(userIdParams, req);
      authorizeUsers(req.actor);
      const values = formValues(req.body);
      const parsed = parseForm(grantForm, req.body);
      if (!parsed.ok) return userPage(req, reply, id, { errors: toFormErrors(req.t, parsed.problems), values, form: 'grant' });
      const r = await orRerender(req,
        () => addGrant({ db, actor: req.actor, meta: requestMeta(req), userId: id, input: parsed.data }),
        async (errors) => userPage(req, reply, id, { errors, values, form: 'grant' }));
      if (!r.done) return r.reply;
      return reply.redirect(`/admin/users/${id}?done=grantAdded`, 303);
    });
  };
}
