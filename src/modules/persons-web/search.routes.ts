import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize, can } from '../../platform/policy.js';
import { searchPersons } from '../persons/use-cases/search-persons.js';
import { NO_ERRORS, formBody, zodFormErrors, type FormBody, type FormErrors } from './form.js';
import { searchForm } from './persons-web.schema.js';
import { loadReference } from './persons-web.queries.js';
import { pageNumbers, presentListItem } from './persons-web.presenter.js';
import { requestMeta } from '../../platform/audit.js';

export const PAGE_SIZE = 20;

/** The registry's search page: one box and filters, posted; results with pagination by small forms. */
export function searchRoutes(services: Services) {
  async function render(req: FastifyRequest, reply: FastifyReply, values: FormBody, errors: FormErrors,
    results: Record<string, unknown> | null, template = 'persons-web/views/search.njk') {
    const actor = req.actor!;
    const reference = await services.db.tx({ hromadaId: actor.hromadaId!, userId: actor.userId },
      (c) => loadReference(c, actor.hromadaId!));
    return reply.header('cache-control', 'no-store').page(template, {
      pageTitle: req.t('personsWeb.search.title'), values, ...errors, results, canWrite: can(actor, 'registry.write'), canExport: can(actor, 'registry.export'),
      settlements: reference.settlements, districts: reference.districts,
      categories: reference.categories.map((k) => ({ value: k.code, text: req.locale === 'en' ? k.name_en : k.name_uk })),
    }, errors.errorSummary.length ? 400 : 200);
  }

  return async function (app: FastifyInstance) {
    app.get('/persons', async (req, reply) => {
      authorize(req.actor, 'registry.read');
      return render(req, reply, {}, NO_ERRORS, null);
    });

    app.post('/persons/search', async (req, reply) => {
      authorize(req.actor, 'registry.read');
      const values = formBody(req.body);
      // The enhancement (assets/js/person-search.js) asks for the results fragment only.
      const fragment = req.headers['x-fragment'] === 'results';
      const parsed = searchForm.safeParse(values);
      if (!parsed.success) return render(req, reply, values, zodFormErrors(parsed.error, req.t, req.locale), null);
      const f = parsed.data;
      const filters = { birthDate: f.birthDate, birthYear: f.birthYear, settlementCode: f.settlementCode,
        districtId: f.districtId, category: f.category };
      const result = await searchPersons({ services, actor: req.actor, q: f.q, filters, limit: PAGE_SIZE,
        offset: (f.page - 1) * PAGE_SIZE, meta: requestMeta(req) });
      const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
      const results = {
        items: result.items.map(presentListItem), total: result.total, capped: result.capped, page: f.page,
        from: result.items.length ? (f.page - 1) * PAGE_SIZE + 1 : 0, to: (f.page - 1) * PAGE_SIZE + result.items.length,
        pages: pages > 1 ? pageNumbers(f.page, pages) : [],
        hidden: Object.entries(values).filter(([k]) => k !== 'page').map(([name, value]) => ({ name, value })),
      };
      if (fragment) return render(req, reply, values, NO_ERRORS, results, 'persons-web/views/search-results.njk');
      return render(req, reply, values, NO_ERRORS, results);
    });
  };
}
