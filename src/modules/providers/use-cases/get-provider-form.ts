import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { loadProvider, type ProviderRow } from '../providers.queries.js';

/** The provider as its edit form starts (those who manage the registry); another hromada's: 404. */
export async function getProviderForm(o: UseCase<{ id: number }>): Promise<ProviderRow> {
  return inTenant(o, 'providers.manage', async ({ c, hromadaId }) => {
    const provider = await loadProvider(c, hromadaId, o.id);
    if (!provider) throw new AppError('not_found');
    return provider;
  });
}
