import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize, type Actor } from '../../platform/policy.js';
import { AppError } from '../../platform/errors.js';
import { params } from '../admin/admin.http.js';
import { FormProblem, toFormErrors, type FormErrors } from '../admin/form.js';
import { idParams, reasonField } from './catalogue.schema.js';
import { agencyOptions, categoryNames, findServiceCard, listServices } from './catalogue.queries.js';
import { presentListItem } from './catalogue.presenter.js';
import { DOC_KINDS, emptyFormState, formStateFromBody, formStateOf, parseServiceForm, type ServiceFormState } from './service-form.js';
import { createService, updateService } from './use-cases/save-service.js';
import { requestMeta } from '../../platform/audit.js';

const DONE = ['created', 'updated', 'unchanged', 'deactivated', 'activated', 'situationSaved'] as const;

/** The actor's hromada when they may edit the catalogue. */
export function managerOf(req: FastifyRequest): { actor: Actor; hromadaId: number } {
  const actor = req.actor;
  authorize(actor, 'catalogue.manage');
  if (actor.hromadaId === null) throw new AppError('forbidden');
  return { actor, hromadaId: actor.hromadaId };
}

export function doneFlash(req: FastifyRequest): string | null {
  const done = (req.query as Record<string, unknown> | undefined)?.done;
  return DONE.find((d) => d === done) ? req.t(`catalogue.admin.done.${String(done)}`) : null;
}

/** Administrators' catalogue: list (with inactive services), create and edit service cards. */
export function catalogueAdminRoutes(services: Services) {
  const { db } = services;

  async function formPage(req: FastifyRequest, reply: FastifyReply, o: {
    state: ServiceFormState; id?: string; name?: string; errors?: FormErrors;
  }) {
    const { hromadaId } = managerOf(req);
    const lists = await db.tx({ hromadaId }, async (c) => ({ categories: await categoryNames(c), agencies: await agencyOptions(c) }));
    const title = o.id ? req.t('catalogue.admin.editTitle', { name: o.name ?? '' }) : req.t('catalogue.admin.newTitle');
    return reply.page('catalogue/views/admin-form.njk', {
      pageTitle: title, heading: title, id: o.id ?? null, state: o.state, docKinds: DOC_KINDS,
      action: o.id ? `/admin/catalogue/${o.id}/edit` : '/admin/catalogue/new',
      categories: lists.categories.map((c) => ({ value: c.code, text: req.locale === 'en' ? c.name_en : c.name_uk })),
      agencies: lists.agencies.map((a) => ({ value: String(a.id), text: a.name })),
      errorSummary: o.errors?.errorSummary ?? [], errors: o.errors?.errors ?? {},
    }, o.errors ? 400 : 200);
  }

  /** Validates, runs the use-case; on a refusal shows the form again with Ukrainian errors. */
  async function submit(req: FastifyRequest, reply: FastifyReply, id: string | undefined, name: string | undefined,
    run: (state: ServiceFormState) => Promise<string>) {
    const state = formStateFromBody(req.body);
    try {
      return reply.redirect(await run(state), 303);
    } catch (e) {
      if (!(e instanceof FormProblem)) throw e;
      return formPage(req, reply, { state, id, name, errors: toFormErrors(req.t, e.problems) });
    }
  }

  const parsedOrThrow = (state: ServiceFormState) => {
    const p = parseServiceForm(state);
    if (!p.ok) throw new FormProblem(p.problems);
    return p.data;
  };

  return async function (app: FastifyInstance) {
    app.get('/admin/catalogue', async (req, reply) => {
      const { hromadaId } = managerOf(req);
      const rows = await db.tx({ hromadaId }, (c) => listServices(c, { includeInactive: true }));
      return reply.page('catalogue/views/admin-list.njk', {
        pageTitle: req.t('catalogue.admin.title'), flash: doneFlash(req),
        items: rows.map((r) => presentListItem(r, req.t, req.locale)),
      });
    });

    app.get('/admin/catalogue/new', async (req, reply) => formPage(req, reply, { state: emptyFormState() }));

    app.post('/admin/catalogue/new', async (req, reply) => submit(req, reply, undefined, undefined, async (state) => {
      const input = parsedOrThrow(state);
      const id = await createService({ db, actor: req.actor, meta: requestMeta(req), input });
      return `/admin/catalogue/${id}/history?done=created`;
    }));

    app.get('/admin/catalogue/:id/edit', async (req, reply) => {
      const { id } = params(idParams, req);
      const { hromadaId } = managerOf(req);
      const card = await db.tx({ hromadaId }, (c) => findServiceCard(c, id));
      if (!card) throw new AppError('not_found');
      return formPage(req, reply, { state: formStateOf(card), id, name: card.service.name });
    });

    app.post('/admin/catalogue/:id/edit', async (req, reply) => {
      const { id } = params(idParams, req);
      const { hromadaId } = managerOf(req);
      const card = await db.tx({ hromadaId }, (c) => findServiceCard(c, id));
      if (!card) throw new AppError('not_found');
      return submit(req, reply, id, card.service.name, async (state) => {
        const parsed = parseServiceForm(state);
        const reason = reasonField.safeParse(state.reason);
        const problems = parsed.ok ? [] : parsed.problems;
        if (!reason.success) problems.push({ field: 'reason', key: 'catalogue.v.tooLong' });
        else if (reason.data === '') problems.push({ field: 'reason', key: 'catalogue.v.reason' });
        if (!parsed.ok || problems.length) throw new FormProblem(problems);
        const changed = await updateService({
          db, actor: req.actor, meta: requestMeta(req), id, input: parsed.data,
          version: Number(state.version), reason: reason.success ? reason.data : '',
        });
        return `/admin/catalogue/${id}/history?done=${changed ? 'updated' : 'unchanged'}`;
      });
    });
  };
}
