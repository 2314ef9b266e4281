import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { formErrors, orRerender, parseBody, parseParams, type FormErrors } from '../../platform/forms.js';
import { AppError } from '../../platform/errors.js';
import { serviceFormBody } from './catalogue.schema.js';
import { idParams } from '../../platform/ids.js';
import { useCaseOf } from '../../platform/use-case.js';
import { doneFlash, presentListItem } from './catalogue.presenter.js';
import {
  DOC_KINDS,
  emptyFormState,
  formStateOf,
  parseServiceEdit,
  parseServiceForm,
  type ServiceFormState,
} from './service-form.js';
import { listCatalogueServices } from './use-cases/list-catalogue-services.js';
import { prepareServiceForm } from './use-cases/prepare-service-form.js';
import { createService } from './use-cases/create-service.js';
import { updateService } from './use-cases/update-service.js';

/** Administrators' catalogue: list (with inactive services), create and edit service cards. */
export function catalogueAdminRoutes(services: Services) {
  /** The card form: new (`id` absent) or the card `id`, as stored or as typed (`state`), with errors after a refusal. */
  async function formPage(
    req: FastifyRequest,
    reply: FastifyReply,
    o: { id?: string; state?: ServiceFormState; errors?: FormErrors },
  ) {
    const data = await prepareServiceForm({ ...useCaseOf(req, services), id: o.id });
    const state = o.state ?? (data.card ? formStateOf(data.card) : emptyFormState());
    const title = data.card
      ? req.t('catalogue.admin.editTitle', { name: data.card.service.name })
      : req.t('catalogue.admin.newTitle');
    return reply.page(
      'catalogue/views/admin-form.njk',
      {
        pageTitle: title,
        heading: title,
        id: o.id ?? null,
        state,
        docKinds: DOC_KINDS,
        action: o.id ? `/admin/catalogue/${o.id}/edit` : '/admin/catalogue/new',
        categories: data.categories.map((c) => ({ value: c.code, text: req.locale === 'en' ? c.name_en : c.name_uk })),
        agencies: data.agencies.map((a) => ({ value: String(a.id), text: a.name })),
        errorSummary: o.errors?.errorSummary ?? [],
        errors: o.errors?.errors ?? {},
      },
      o.errors ? 400 : 200,
    );
  }

  /** The card form as typed (every field reads as text, so it always parses). */
  function postedForm(req: FastifyRequest): ServiceFormState {
    const posted = parseBody(req, serviceFormBody);
    if (!posted.ok) throw new AppError('bad_request');
    return posted.data;
  }

  return function (app: FastifyInstance) {
    app.get('/admin/catalogue', async (req, reply) => {
      const rows = await listCatalogueServices(useCaseOf(req, services));
      return reply.page('catalogue/views/admin-list.njk', {
        pageTitle: req.t('catalogue.admin.title'),
        flash: doneFlash(req),
        items: rows.map((r) => presentListItem(r, req.t, req.locale)),
      });
    });

    app.get('/admin/catalogue/new', async (req, reply) => formPage(req, reply, {}));

    app.post('/admin/catalogue/new', async (req, reply) => {
      authorize(req.actor, 'catalogue.manage');
      const state = postedForm(req);
      const rerender = (errors: FormErrors) => formPage(req, reply, { state, errors });
      const form = parseServiceForm(state);
      if (!form.ok) return rerender(formErrors(req.t, form.problems));
      const done = await orRerender(
        req,
        () => createService({ ...useCaseOf(req, services), input: form.data }),
        rerender,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/admin/catalogue/${done.value}/history?done=created`, 303);
    });

    app.get('/admin/catalogue/:id/edit', async (req, reply) =>
      formPage(req, reply, { id: parseParams(req, idParams).id }),
    );

    app.post('/admin/catalogue/:id/edit', async (req, reply) => {
      const { id } = parseParams(req, idParams);
      authorize(req.actor, 'catalogue.manage');
      const state = postedForm(req);
      const rerender = (errors: FormErrors) => formPage(req, reply, { id, state, errors });
      const form = parseServiceEdit(state);
      if (!form.ok) return rerender(formErrors(req.t, form.problems));
      const done = await orRerender(
        req,
        () =>
          updateService({
            ...useCaseOf(req, services),
            id,
            input: form.data,
            version: Number(state.version),
            reason: form.reason,
          }),
        rerender,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/admin/catalogue/${id}/history?done=${done.value ? 'updated' : 'unchanged'}`, 303);
    });
    return Promise.resolve();
  };
}
