import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { formErrors, orRerender, parseBody, parseParams, parseWith, type FormErrors } from '../../platform/forms.js';
import { idParams } from '../../platform/ids.js';
import { useCaseOf } from '../../platform/use-case.js';
import { situationBody, situationForm } from './catalogue.schema.js';
import { doneFlash, presentSituation } from './catalogue.presenter.js';
import { listLifeSituations } from './use-cases/list-life-situations.js';
import { prepareSituationForm } from './use-cases/prepare-situation-form.js';
import { saveSituation } from './use-cases/save-situation.js';

interface SituationState {
  name: string;
  summary: string;
  instruction: string;
  services: string[];
}

/** Editing the life-situation bundles: name, step-by-step instruction, linked services. */
export function situationsAdminRoutes(services: Services) {
  async function formPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state?: SituationState,
    errors?: FormErrors,
  ) {
    const data = await prepareSituationForm({ ...useCaseOf(req, services), id });
    const s = state ?? {
      name: data.row.name,
      summary: data.row.summary ?? '',
      instruction: data.row.instruction,
      services: data.linked.map((r) => r.id),
    };
    const title = req.t('catalogue.situationsAdmin.editTitle', { name: data.row.name });
    return reply.page(
      'catalogue/views/admin-situation.njk',
      {
        pageTitle: title,
        heading: title,
        id,
        state: s,
        slug: data.row.slug,
        services: data.all.map((r) => ({
          value: r.id,
          text: r.active ? r.name : `${r.name} (${req.t('catalogue.admin.inactive')})`,
        })),
        errorSummary: errors?.errorSummary ?? [],
        errors: errors?.errors ?? {},
      },
      errors ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/admin/catalogue/situations', async (req, reply) => {
      const rows = await listLifeSituations(useCaseOf(req, services));
      return reply.page('catalogue/views/admin-situations.njk', {
        pageTitle: req.t('catalogue.situationsAdmin.title'),
        flash: doneFlash(req),
        situations: rows.map(presentSituation),
      });
    });

    app.get('/admin/catalogue/situations/:id', async (req, reply) =>
      formPage(req, reply, parseParams(req, idParams).id),
    );

    app.post('/admin/catalogue/situations/:id', async (req, reply) => {
      const { id } = parseParams(req, idParams);
      authorize(req.actor, 'catalogue.manage');
      const body = parseBody(req, situationBody);
      const state: SituationState = body.ok ? body.data : { name: '', summary: '', instruction: '', services: [] };
      const rerender = (errors: FormErrors) => formPage(req, reply, id, state, errors);
      const parsed = parseWith(situationForm, state);
      if (!parsed.ok) return rerender(formErrors(req.t, parsed.problems));
      const r = await orRerender(
        req,
        () => saveSituation({ ...useCaseOf(req, services), id, input: parsed.data }),
        rerender,
      );
      if (!r.done) return r.reply;
      return reply.redirect('/admin/catalogue/situations?done=situationSaved', 303);
    });
    return Promise.resolve();
  };
}
