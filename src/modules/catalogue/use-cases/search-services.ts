import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { ServiceFilters } from '../catalogue.schema.js';
import { cardsOf, listServices, type ServiceCard } from '../catalogue.queries.js';

/** The hromada's active services matching the filters, as full cards (any staff role; the API's list). */
export async function searchServices(o: UseCase<{ filters: ServiceFilters }>): Promise<ServiceCard[]> {
  return inTenant(o, 'catalogue.read', async ({ c }) => cardsOf(c, await listServices(c, o.filters)));
}
