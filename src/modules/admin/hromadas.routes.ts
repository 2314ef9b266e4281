import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import {
  formErrors,
  formValues,
  orRerender,
  parseBody,
  parseParams,
  parseQuery,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { agencyForm, doneQuery, firstAdminForm, hromadaParams, hromadaSearch } from './admin.schema.js';
import { presentHromadaPage, presentHromadaSearch } from './hromadas.presenter.js';
import { authorizeTenantSetup, requireSuperadmin } from './admin.policy.js';
import { getHromada } from './use-cases/get-hromada.js';
import { searchHromadas } from './use-cases/search-hromadas.js';
import { activateHromada } from './use-cases/activate-hromada.js';
import { createAgency } from './use-cases/create-agency.js';
import { createUser } from './use-cases/create-user.js';

const DONE = ['activated', 'agencyCreated', 'districtDeleted'] as const;
type FormName = 'district' | 'agency' | 'admin';

/** Tenants: find a hromada of the codifier, activate it, set up its agencies and first administrator. */
export function hromadaRoutes(services: Services) {
  async function hromadaPage(
    req: FastifyRequest,
    reply: FastifyReply,
    hromadaId: number,
    form?: { name: FormName; errors: FormErrors; values: FormValues },
  ) {
    const actor = authorizeTenantSetup(req.actor, hromadaId);
    const data = presentHromadaPage(await getHromada({ ...useCaseOf(req, services), hromadaId }), actor, req.t);
    const q = parseQuery(req, doneQuery);
    const done = q.ok ? q.data.done : undefined;
    return reply.page(
      'admin/views/hromada.njk',
      {
        pageTitle: data.hromada.name,
        ...data,
        flash: DONE.find((d) => d === done) ? req.t(`admin.done.${String(done)}`) : null,
        // The agency's name field has its own id on this page (the district form also has a `name`).
        errorSummary: (form?.errors.errorSummary ?? []).map((e) =>
          form?.name === 'agency' && e.href === '#name' ? { ...e, href: '#agencyName' } : e,
        ),
        formErrors: { [form?.name ?? 'none']: form?.errors.errors ?? {} },
        formValues: { [form?.name ?? 'none']: form?.values ?? {} },
      },
      form ? 400 : 200,
    );
  }

  return function (app: FastifyInstance): Promise<void> {
    app.get('/admin/hromadas', async (req, reply) => {
      requireSuperadmin(req.actor);
      const q = hromadaSearch.parse(req.query ?? {});
      return reply.page('admin/views/hromadas.njk', {
        pageTitle: req.t('admin.hromadas.title'),
        ...presentHromadaSearch(await searchHromadas({ ...useCaseOf(req, services), ...q }), q.q, q.page, req.t),
      });
    });

    app.get('/admin/hromadas/:id', async (req, reply) => hromadaPage(req, reply, parseParams(req, hromadaParams).id));

    app.post('/admin/hromadas/:id/activate', async (req, reply) => {
      const { id } = parseParams(req, hromadaParams);
      await activateHromada({ ...useCaseOf(req, services), hromadaId: id });
      return reply.redirect(`/admin/hromadas/${id}?done=activated`, 303);
    });

    app.post('/admin/hromadas/:id/agencies', async (req, reply) => {
      const { id } = parseParams(req, hromadaParams);
      authorizeTenantSetup(req.actor, id);
      const values = formValues(req.body);
      const parsed = parseBody(req, agencyForm);
      if (!parsed.ok)
        return hromadaPage(req, reply, id, { name: 'agency', errors: formErrors(req.t, parsed.problems), values });
      const r = await orRerender(
        req,
        () => createAgency({ ...useCaseOf(req, services), hromadaId: id, ...parsed.data }),
        (errors) => hromadaPage(req, reply, id, { name: 'agency', errors, values }),
      );
      if (!r.done) return r.reply;
      return reply.redirect(`/admin/hromadas/${id}?done=agencyCreated`, 303);
    });

    // The first administrator of a newly activated hromada (a generated password, shown once).
    app.post('/admin/hromadas/:id/admins', async (req, reply) => {
      const { id } = parseParams(req, hromadaParams);
      requireSuperadmin(req.actor);
      const values = formValues(req.body);
      const parsed = parseBody(req, firstAdminForm);
      if (!parsed.ok)
        return hromadaPage(req, reply, id, { name: 'admin', errors: formErrors(req.t, parsed.problems), values });
      const r = await orRerender(
        req,
        () =>
          createUser({
            ...useCaseOf(req, services),
            hromadaId: id,
            initialRole: 'admin',
            input: { ...parsed.data, passwordMode: 'generate', password: '' },
          }),
        (errors) => hromadaPage(req, reply, id, { name: 'admin', errors, values }),
      );
      if (!r.done) return r.reply;
      noStore(reply);
      return reply.page(
        'admin/views/password-shown.njk',
        {
          pageTitle: req.t('admin.users.createdTitle'),
          heading: req.t('admin.users.createdTitle'),
          username: parsed.data.username,
          password: r.value.generatedPassword,
          backHref: `/admin/hromadas/${id}`,
        },
        201,
      );
    });
    return Promise.resolve();
  };
}
