import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { listServices, type ServiceRow } from '../catalogue.queries.js';

/** The administrators' list: every service of the hromada, also those taken out of the catalogue. */
export async function listCatalogueServices(o: UseCase): Promise<ServiceRow[]> {
  return inTenant(o, 'catalogue.manage', ({ c }) => listServices(c, { includeInactive: true }));
}
