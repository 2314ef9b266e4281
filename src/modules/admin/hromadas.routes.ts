import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { agencyForm, firstAdminForm, hromadaParams, hromadaSearch } from './admin.schema.js';
import { loadHromadaPage, loadHromadaSearch } from './hromadas.presenter.js';
import { formValues, noStore, orRerender, params, parseForm } from './admin.http.js';
import { toFormErrors, type FormErrors } from './form.js';
import { requireSuperadmin } from './admin.audit.js';
import { authorizeTenantSetup } from './hromadas.policy.js';
import { activateHromada } from './use-cases/activate-hromada.js';
import { createAgency } from './use-cases/create-agency.js';
import { createUser } from './use-cases/create-user.js';
import { requestMeta } from '../../platform/audit.js';

const DONE = ['activated', 'agencyCreated', 'districtDeleted'] as const;
type FormName = 'district' | 'agency' | 'admin';

/** Tenants: find a hromada of the codifier, activate it, set up its agencies and first administrator. */
export function hromadaRoutes(services: Services) {
  const { db } = services;

  async function hromadaPage(req: FastifyRequest, reply: FastifyReply, hromadaId: number,
    form?: { name: FormName; errors: FormErrors; values: Record<string, string> }) {
    const actor = authorizeTenantSetup(req.actor, hromadaId);
    const data = await loadHromadaPage(db, actor, hromadaId, req.t);
    const done = (req.query as Record<string, unknown>).done;
    return reply.page('admin/views/hromada.njk', {
      pageTitle: data.hromada.name, ...data,
      flash: DONE.find((d) => d === done) ? req.t(`admin.done.${String(done)}`) : null,
      // The agency's name field has its own id on this page (the district form also has a `name`).
      errorSummary: (form?.errors.errorSummary ?? []).map((e) =>
        (form?.name === 'agency' && e.href === '#name' ? { ...e, href: '#agencyName' } : e)),
      formErrors: { [form?.name ?? 'none']: form?.errors.errors ?? {} },
      formValues: { [form?.name ?? 'none']: form?.values ?? {} },
    }, form ? 400 : 200);
  }

  return async function (app: FastifyInstance) {
    app.get('/admin/hromadas', async (req, reply) => {
      requireSuperadmin(req.actor);
      const q = hromadaSearch.parse(req.query ?? {});
      return reply.page('admin/views/hromadas.njk', {
        pageTitle: req.t('admin.hromadas.title'), ...(await loadHromadaSearch(db, q.q, q.page, req.t)),
      });
    });

    app.get('/admin/hromadas/:id', async (req, reply) => hromadaPage(req, reply, params(hromadaParams, req).id));

    app.post('/admin/hromadas/:id/activate', async (req, reply) => {
      const { id } = params(hromadaParams, req);
      await activateHromada({ db, actor: req.actor, meta: requestMeta(req), hromadaId: id });
      return reply.redirect(`/admin/hromadas/${id}?done=activated`, 303);
    });

    app.post('/admin/hromadas/:id/agencies', async (req, reply) => {
      const { id } = params(hromadaParams, req);
      authorizeTenantSetup(req.actor, id);
      const values = formValues(req.body);
      const parsed = parseForm(agencyForm, req.body);
      if (!parsed.ok) return hromadaPage(req, reply, id, { name: 'agency', errors: toFormErrors(req.t, parsed.problems), values });
      const r = await orRerender(req,
        () => createAgency({ db, actor: req.actor, meta: requestMeta(req), hromadaId: id, ...parsed.data }),
        (errors) => hromadaPage(req, reply, id, { name: 'agency', errors, values }));
      if (!r.done) return r.reply;
      return reply.redirect(`/admin/hromadas/${id}?done=agencyCreated`, 303);
    });

    // The first administrator of a newly activated hromada (a generated password, shown once).
    app.post('/admin/hromadas/:id/admins', async (req, reply) => {
      const { id } = params(hromadaParams, req);
      requireSuperadmin(req.actor);
      const values = formValues(req.body);
      const parsed = parseForm(firstAdminForm, req.body);
      if (!parsed.ok) return hromadaPage(req, reply, id, { name: 'admin', errors: toFormErrors(req.t, parsed.problems), values });
      const r = await orRerender(req,
        () => createUser({ db, actor: req.actor, meta: requestMeta(req), hromadaId: id, initialRole: 'admin',
          input: { ...parsed.data, passwordMode: 'generate', password: '' } }),
        (errors) => hromadaPage(req, reply, id, { name: 'admin', errors, values }));
      if (!r.done) return r.reply;
      noStore(reply);
      return reply.page('admin/views/password-shown.njk', {
        pageTitle: req.t('admin.users.createdTitle'), heading: req.t('admin.users.createdTitle'),
        username: parsed.data.username, password: r.value.generatedPassword, backHref: `/admin/hromadas/${id}`,
      }, 201);
    });
  };
}
