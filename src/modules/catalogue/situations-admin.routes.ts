import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { params } from '../admin/admin.http.js';
import { many, single, toFormErrors, zodProblems, type FormErrors } from '../admin/form.js';
import { orRerender } from '../admin/admin.http.js';
import { idParams, situationForm } from './catalogue.schema.js';
import { findSituation, listServices, listSituations, situationServices } from './catalogue.queries.js';
import { presentSituation } from './catalogue.presenter.js';
import { doneFlash, managerOf } from './catalogue-admin.routes.js';
import { saveSituation } from './use-cases/save-situation.js';
import { requestMeta } from '../../platform/audit.js';

interface SituationState { name: string; summary: string; instruction: string; services: string[] }

/** Editing the life-situation bundles: name, step-by-step instruction, linked services. */
export function situationsAdminRoutes(services: Services) {
  const { db } = services;

  async function formPage(req: FastifyRequest, reply: FastifyReply, id: string, state?: SituationState, errors?: FormErrors) {
    const { hromadaId } = managerOf(req);
    const data = await db.tx({ hromadaId }, async (c) => {
      const row = await findSituation(c, { id });
      if (!row) return null;
      return { row, linked: await situationServices(c, id, { includeInactive: true }), all: await listServices(c, { includeInactive: true }) };
    });
    if (!data) throw new AppError('not_found');
    const s = state ?? {
      name: data.row.name, summary: data.row.summary ?? '', instruction: data.row.instruction, services: data.linked.map((r) => r.id),
    };
    const title = req.t('catalogue.situationsAdmin.editTitle', { name: data.row.name });
    return reply.page('catalogue/views/admin-situation.njk', {
      pageTitle: title, heading: title, id, state: s, slug: data.row.slug,
      services: data.all.map((r) => ({ value: r.id, text: r.active ? r.name : `${r.name} (${req.t('catalogue.admin.inactive')})` })),
      errorSummary: errors?.errorSummary ?? [], errors: errors?.errors ?? {},
    }, errors ? 400 : 200);
  }

  return async function (app: FastifyInstance) {
    app.get('/admin/catalogue/situations', async (req, reply) => {
      const { hromadaId } = managerOf(req);
      const rows = await db.tx({ hromadaId }, (c) => listSituations(c, { includeInactive: true }));
      return reply.page('catalogue/views/admin-situations.njk', {
        pageTitle: req.t('catalogue.situationsAdmin.title'), flash: doneFlash(req), situations: rows.map(presentSituation),
      });
    });

    app.get('/admin/catalogue/situations/:id', async (req, reply) => formPage(req, reply, params(idParams, req).id));

    app.post('/admin/catalogue/situations/:id', async (req, reply) => {
      const { id } = params(idParams, req);
      managerOf(req);
      const b = (req.body ?? {}) as Record<string, unknown>;
      const state: SituationState = {
        name: single(b.name), summary: single(b.summary), instruction: single(b.instruction), services: many(b.services),
      };
      const rerender = (errors: FormErrors) => formPage(req, reply, id, state, errors);
      const parsed = situationForm.safeParse(state);
      if (!parsed.success) return rerender(toFormErrors(req.t, zodProblems(parsed.error)));
      const r = await orRerender(req, () => saveSituation({ db, actor: req.actor, meta: requestMeta(req), id, input: parsed.data }), rerender);
      if (!r.done) return r.reply;
      return reply.redirect('/admin/catalogue/situations?done=situationSaved', 303);
    });
  };
}
