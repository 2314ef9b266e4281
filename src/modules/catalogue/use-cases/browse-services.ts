import type { UseCase } from '../../../platform/use-case.js';
import type { ServiceFilters } from '../catalogue.schema.js';
import { listServices, listSituations, type ServiceRow, type SituationRow } from '../catalogue.queries.js';
import { inCatalogue } from '../catalogue.tenant.js';

/** The public list of services (filtered) and the life situations to filter by, in one transaction. */
export async function browseServices(
  o: UseCase<{ filters: ServiceFilters }>,
): Promise<{ items: ServiceRow[]; situations: SituationRow[] }> {
  return inCatalogue(o, async (c) => ({
    items: await listServices(c, o.filters),
    situations: await listSituations(c),
  }));
}
