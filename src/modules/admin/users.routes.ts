import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import {
  formErrors,
  formValues,
  NO_ERRORS,
  orRerender,
  parseBody,
  parseParams,
  parseQuery,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { createUserForm, doneQuery, editUserForm, grantForm, listQuery, userIdParams } from './admin.schema.js';
import { presentStaffList, presentUserDetail } from './admin.presenter.js';
import { authorizeUsers } from './admin.policy.js';
import { createUser } from './use-cases/create-user.js';
import { editUser } from './use-cases/edit-user.js';
import { addGrant } from './use-cases/add-grant.js';
import { getUser } from './use-cases/get-user.js';
import { listStaffPage } from './use-cases/list-staff.js';

const DONE = ['created', 'updated', 'grantAdded', 'grantRemoved', 'deactivated', 'reactivated'] as const;

/** Staff accounts of the current hromada: list, create, edit, roles. */
export function userRoutes(services: Services) {
  async function userPage(
    req: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    form: { errors?: FormErrors; values?: FormValues; form?: 'edit' | 'grant' } = {},
  ) {
    authorizeUsers(req.actor);
    const actor = req.actor;
    const detail = presentUserDetail(await getUser({ ...useCaseOf(req, services), userId }), actor, userId, req.t);
    const q = parseQuery(req, doneQuery);
    const done = q.ok ? q.data.done : undefined;
    const errors = form.errors ?? NO_ERRORS;
    return reply.page(
      'admin/views/user.njk',
      {
        pageTitle: detail.user.displayName,
        ...detail,
        flash: DONE.find((d) => d === done) ? req.t(`admin.done.${String(done)}`) : null,
        errorSummary: errors.errorSummary,
        editErrors: form.form === 'edit' ? errors.errors : {},
        grantErrors: form.form === 'grant' ? errors.errors : {},
        values: form.values ?? {},
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  function newUserPage(req: FastifyRequest, reply: FastifyReply, errors = NO_ERRORS, values: FormValues = {}) {
    return reply.page(
      'admin/views/user-new.njk',
      {
        pageTitle: req.t('admin.users.newTitle'),
        errors: errors.errors,
        errorSummary: errors.errorSummary,
        values: { passwordMode: 'generate', ...values },
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance): Promise<void> {
    app.get('/admin/users', async (req, reply) => {
      authorizeUsers(req.actor);
      const q = listQuery.parse(req.query ?? {});
      return reply.page('admin/views/users.njk', {
        pageTitle: req.t('admin.users.title'),
        ...presentStaffList(await listStaffPage({ ...useCaseOf(req, services), ...q }), q, req.t),
      });
    });

    app.get('/admin/users/new', async (req, reply) => {
      authorizeUsers(req.actor);
      return newUserPage(req, reply);
    });

    app.post('/admin/users', async (req, reply) => {
      authorizeUsers(req.actor);
      const hromadaId = req.actor.hromadaId;
      const values = formValues(req.body);
      const parsed = parseBody(req, createUserForm);
      if (!parsed.ok) return newUserPage(req, reply, formErrors(req.t, parsed.problems), values);
      const r = await orRerender(
        req,
        () => createUser({ ...useCaseOf(req, services), hromadaId, input: parsed.data }),
        (errors) => newUserPage(req, reply, errors, values),
      );
      if (!r.done) return r.reply;
      if (!r.value.generatedPassword) return reply.redirect(`/admin/users/${r.value.userId}?done=created`, 303);
      noStore(reply);
      return reply.page(
        'admin/views/password-shown.njk',
        {
          pageTitle: req.t('admin.users.createdTitle'),
          heading: req.t('admin.users.createdTitle'),
          username: parsed.data.username,
          password: r.value.generatedPassword,
          userId: r.value.userId,
        },
        201,
      );
    });

    app.get('/admin/users/:id', async (req, reply) => {
      const { id } = parseParams(req, userIdParams);
      return userPage(req, reply, id);
    });

    app.post('/admin/users/:id', async (req, reply) => {
      const { id } = parseParams(req, userIdParams);
      authorizeUsers(req.actor);
      const values = formValues(req.body);
      const parsed = parseBody(req, editUserForm);
      if (!parsed.ok)
        return userPage(req, reply, id, { errors: formErrors(req.t, parsed.problems), values, form: 'edit' });
      await editUser({ ...useCaseOf(req, services), userId: id, displayName: parsed.data.displayName });
      return reply.redirect(`/admin/users/${id}?done=updated`, 303);
    });

    app.post('/admin/users/:id/grants', async (req, reply) => {
      const { id } = parseParams(req, userIdParams);
      authorizeUsers(req.actor);
      const values = formValues(req.body);
      const parsed = parseBody(req, grantForm);
      if (!parsed.ok)
        return userPage(req, reply, id, { errors: formErrors(req.t, parsed.problems), values, form: 'grant' });
      const r = await orRerender(
        req,
        () => addGrant({ ...useCaseOf(req, services), userId: id, input: parsed.data }),
        (errors) => userPage(req, reply, id, { errors, values, form: 'grant' }),
      );
      if (!r.done) return r.reply;
      return reply.redirect(`/admin/users/${id}?done=grantAdded`, 303);
    });
    return Promise.resolve();
  };
}
