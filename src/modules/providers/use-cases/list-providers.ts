import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { providersPage, type ProviderListFilter, type ProviderListRow } from '../providers.queries.js';

export const PROVIDERS_PAGE_SIZE = 25;

/** A page of the hromada's provider registry (organisations, no personal data: the read is not audited). */
export async function listProviders(
  o: UseCase<{ filter: ProviderListFilter; page: number }>,
): Promise<{ rows: ProviderListRow[]; total: number }> {
  return inTenant(o, 'providers.read', ({ c, hromadaId }) =>
    providersPage(c, hromadaId, o.filter, PROVIDERS_PAGE_SIZE, (o.page - 1) * PROVIDERS_PAGE_SIZE),
  );
}
