import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { providersPage, type ProviderListFilter, type ProviderListRow } from '../providers.queries.js';

export const PROVIDERS_PAGE_SIZE = 25;

/**
 * A slice of the hromada's provider registry (organisations, no personal data: the read is not audited), a page of
 * the list or an API call's limit and offset.
 */
export async function listProviders(
  o: UseCase<{ filter: ProviderListFilter; limit: number; offset: number }>,
): Promise<{ rows: ProviderListRow[]; total: number }> {
  return inTenant(o, 'providers.read', ({ c, hromadaId }) => providersPage(c, hromadaId, o.filter, o.limit, o.offset));
}
