import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { SearchFilters, SearchPage } from '../../persons/persons.search.js';
import { searchPersons } from '../../persons/use-cases/search-persons.js';
import { loadReference, type Reference } from '../persons-web.queries.js';

/** The registry's search page in one transaction: the filters' choices and, when asked, one page of results (audited). */
export async function viewSearchPage(
  o: UseCase<{
    search?: { q: string; filters: SearchFilters; limit: number; offset: number };
  }>,
): Promise<{ reference: Reference; result: SearchPage | null }> {
  return inTenant(o, 'registry.read', async ({ c, hromadaId, audit }) => {
    const result = o.search ? await searchPersons({ ...o, ...o.search, tx: c, audit }) : null;
    return { reference: await loadReference(c, hromadaId), result };
  });
}
