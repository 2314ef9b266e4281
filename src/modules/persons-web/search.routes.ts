import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize, can } from '../../platform/policy.js';
import { noStore } from '../../platform/http.js';
import { pageNumbers } from '../../platform/pagination.js';
import { useCaseOf } from '../../platform/use-case.js';
import type { SearchFilters, SearchPage } from '../persons/persons.search.js';
import {
  NO_ERRORS,
  formErrors,
  formValues,
  type FormErrors,
  type FormValues as FormBody,
} from '../../platform/forms.js';
import { parseRegistryForm, searchForm } from './persons-web.schema.js';
import { presentListItem } from './persons-web.presenter.js';
import { viewSearchPage } from './use-cases/view-search-page.js';

export const PAGE_SIZE = 20;

/** One page of results as the template shows them, with the posted filters kept for the pagination's forms. */
function presentResults(result: SearchPage, page: number, values: FormBody) {
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  return {
    items: result.items.map(presentListItem),
    total: result.total,
    capped: result.capped,
    page,
    from: result.items.length ? (page - 1) * PAGE_SIZE + 1 : 0,
    to: (page - 1) * PAGE_SIZE + result.items.length,
    pages: pages > 1 ? pageNumbers(page, pages) : [],
    hidden: Object.entries(values)
      .filter(([k]) => k !== 'page')
      .map(([name, value]) => ({ name, value })),
  };
}

/** The registry's search page: one box and filters, posted; results with pagination by small forms. */
export function searchRoutes(services: Services) {
  /** The page (or, for the enhancement, its results fragment) with the filters' choices and, when searched, the results. */
  async function render(
    req: FastifyRequest,
    reply: FastifyReply,
    values: FormBody,
    errors: FormErrors,
    search?: { q: string; filters: SearchFilters; page: number },
    template = 'persons-web/views/search.njk',
  ) {
    const actor = req.actor;
    const { reference, result } = await viewSearchPage({
      ...useCaseOf(req, services),
      search: search && {
        q: search.q,
        filters: search.filters,
        limit: PAGE_SIZE,
        offset: (search.page - 1) * PAGE_SIZE,
      },
    });
    const results = search && result ? presentResults(result, search.page, values) : null;
    noStore(reply);
    return reply.page(
      template,
      {
        pageTitle: req.t('personsWeb.search.title'),
        values,
        ...errors,
        results,
        canWrite: can(actor, 'registry.write'),
        canExport: can(actor, 'registry.export'),
        settlements: reference.settlements,
        districts: reference.districts,
        categories: reference.categories.map((k) => ({
          value: k.code,
          text: req.locale === 'en' ? k.name_en : k.name_uk,
        })),
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/persons', async (req, reply) => {
      authorize(req.actor, 'registry.read');
      return render(req, reply, {}, NO_ERRORS);
    });

    app.post('/persons/search', async (req, reply) => {
      authorize(req.actor, 'registry.read');
      const values = formValues(req.body);
      // The enhancement (assets/js/person-search.js) asks for the results fragment only.
      const fragment = req.headers['x-fragment'] === 'results';
      const parsed = parseRegistryForm(searchForm, values);
      if (!parsed.ok) return render(req, reply, values, formErrors(req.t, parsed.problems));
      const f = parsed.data;
      const filters = {
        birthDate: f.birthDate,
        birthYear: f.birthYear,
        settlementCode: f.settlementCode,
        districtId: f.districtId,
        category: f.category,
      };
      const search = { q: f.q, filters, page: f.page };
      if (fragment) return render(req, reply, values, NO_ERRORS, search, 'persons-web/views/search-results.njk');
      return render(req, reply, values, NO_ERRORS, search);
    });
    return Promise.resolve();
  };
}
