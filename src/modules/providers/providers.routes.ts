import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize, can } from '../../platform/policy.js';
import {
  dateFromParts,
  dateHref,
  formErrors,
  formValues,
  NO_ERRORS,
  orRerender,
  parseParams,
  parseQuery,
  parseWith,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { paginate, pageHref } from '../../platform/pagination.js';
import { useCaseOf } from '../../platform/use-case.js';
import { OWNERSHIPS } from './provider-rules.js';
import {
  PROVIDER_FIELDS,
  providerForm,
  providerPageQuery,
  providerParams,
  providersQuery,
  removeServiceForm,
  serviceForm,
} from './providers.schema.js';
import { presentProvider, presentProviderItem, providerFormValues, settingOptions } from './providers.presenter.js';
import { listProviders, PROVIDERS_PAGE_SIZE } from './use-cases/list-providers.js';
import { viewProvider } from './use-cases/view-provider.js';
import { getProviderForm } from './use-cases/get-provider-form.js';
import { createProvider } from './use-cases/create-provider.js';
import { updateProvider } from './use-cases/update-provider.js';
import { addProviderServices } from './use-cases/add-provider-services.js';
import { removeProviderService } from './use-cases/remove-provider-service.js';

const DONE = ['created', 'saved', 'serviceAdded', 'serviceRemoved'] as const;

const ownershipOptions = (t: FastifyRequest['t']) =>
  OWNERSHIPS.map((o) => ({ value: o, text: t(`providers.ownership.${o}`) }));

/** The provider registry: the list, the one form (new and edit), the provider's page with its services. */
export function providerRoutes(services: Services) {
  function renderForm(
    req: FastifyRequest,
    reply: FastifyReply,
    o: { id?: number; values: FormValues; errors?: FormErrors },
  ) {
    const errors = o.errors ?? NO_ERRORS;
    noStore(reply);
    return reply.page(
      'providers/views/form.njk',
      {
        pageTitle: req.t(o.id ? 'providers.editTitle' : 'providers.newTitle'),
        id: o.id ?? null,
        action: o.id ? `/providers/${o.id}` : '/providers',
        back: o.id ? `/providers/${o.id}` : '/providers',
        ownerships: ownershipOptions(req.t),
        values: o.values,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderProvider(
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form?: { values: FormValues; errors: FormErrors },
  ) {
    const v = await viewProvider({ ...useCaseOf(req, services), id });
    const { done } = providerPageQuery.parse(req.query ?? {});
    const errors = form?.errors ?? NO_ERRORS;
    noStore(reply);
    return reply.page(
      'providers/views/provider.njk',
      {
        pageTitle: v.provider.name,
        p: presentProvider(v.provider, v.services, v.staff, req.t),
        canManage: v.canManage,
        canStaffDevelopment: v.canStaffDevelopment,
        canActs: can(req.actor, 'acts.read'),
        serviceItems: [{ value: '', text: req.t('providers.chooseService') }].concat(
          v.choices.map((s) => ({ value: s.id, text: s.name })),
        ),
        settings: settingOptions(req.t),
        flash: DONE.find((d) => d === done) ? req.t(`providers.done.${done ?? ''}`) : null,
        values: form?.values ?? {},
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  /** The posted provider form with its date input, parsed. */
  const parseProvider = (req: FastifyRequest) => {
    const values = formValues(req.body);
    const body = { ...values, agreementDate: dateFromParts(values, 'agreementDate') };
    const parsed = parseWith(providerForm, body, dateHref(['agreementDate']));
    return { values, parsed };
  };

  return function (app: FastifyInstance) {
    app.get('/providers', async (req, reply) => {
      authorize(req.actor, 'providers.read');
      const q = parseQuery(req, providersQuery);
      const query = q.ok ? q.data : {};
      const page = query.page ?? 1;
      const r = await listProviders({
        ...useCaseOf(req, services),
        filter: { ownership: query.ownership ?? null, active: query.active === 'only' ? true : null },
        limit: PROVIDERS_PAGE_SIZE,
        offset: (page - 1) * PROVIDERS_PAGE_SIZE,
      });
      noStore(reply);
      return reply.page('providers/views/list.njk', {
        pageTitle: req.t('providers.listTitle'),
        providers: r.rows.map((p) => presentProviderItem(p, req.t)),
        total: r.total,
        ownership: query.ownership ?? '',
        activeOnly: query.active === 'only',
        filtered: Boolean(query.ownership || query.active),
        ownerships: ownershipOptions(req.t),
        canManage: can(req.actor, 'providers.manage'),
        pagination: paginate({
          page,
          pageSize: PROVIDERS_PAGE_SIZE,
          total: r.total,
          href: (n) => pageHref('/providers', { ownership: query.ownership, active: query.active }, n),
        }),
      });
    });

    app.get('/providers/new', async (req, reply) => {
      authorize(req.actor, 'providers.manage');
      return renderForm(req, reply, { values: { ownership: 'communal', active: 'yes' } });
    });

    app.post('/providers', async (req, reply) => {
      authorize(req.actor, 'providers.manage');
      const { values, parsed } = parseProvider(req);
      const show = (errors: FormErrors) => renderForm(req, reply, { values, errors });
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: PROVIDER_FIELDS }));
      const done = await orRerender(
        req,
        () => createProvider({ ...useCaseOf(req, services), input: parsed.data }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/providers/${done.value}?done=created`, 303);
    });

    app.get('/providers/:id', async (req, reply) => {
      authorize(req.actor, 'providers.read');
      return renderProvider(req, reply, parseParams(req, providerParams).id);
    });

    app.get('/providers/:id/edit', async (req, reply) => {
      authorize(req.actor, 'providers.manage');
      const { id } = parseParams(req, providerParams);
      const p = await getProviderForm({ ...useCaseOf(req, services), id });
      return renderForm(req, reply, { id, values: providerFormValues(p) });
    });

    app.post('/providers/:id', async (req, reply) => {
      authorize(req.actor, 'providers.manage');
      const { id } = parseParams(req, providerParams);
      const { values, parsed } = parseProvider(req);
      const show = (errors: FormErrors) => renderForm(req, reply, { id, values, errors });
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: PROVIDER_FIELDS }));
      const done = await orRerender(
        req,
        () => updateProvider({ ...useCaseOf(req, services), id, input: parsed.data }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/providers/${id}?done=saved`, 303);
    });

    app.post('/providers/:id/services', async (req, reply) => {
      authorize(req.actor, 'providers.manage');
      const { id } = parseParams(req, providerParams);
      const values = formValues(req.body);
      const parsed = parseWith(serviceForm, req.body, (f) => (f === 'settings' ? '#settings' : undefined));
      const show = (errors: FormErrors) => renderProvider(req, reply, id, { values, errors });
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems));
      const done = await orRerender(
        req,
        () => addProviderServices({ ...useCaseOf(req, services), id, ...parsed.data }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/providers/${id}?done=serviceAdded#services`, 303);
    });

    app.post('/providers/:id/services/remove', async (req, reply) => {
      authorize(req.actor, 'providers.manage');
      const { id } = parseParams(req, providerParams);
      const parsed = parseWith(removeServiceForm, req.body);
      if (!parsed.ok) return renderProvider(req, reply, id);
      await removeProviderService({ ...useCaseOf(req, services), id, ...parsed.data });
      return reply.redirect(`/providers/${id}?done=serviceRemoved#services`, 303);
    });
  };
}
