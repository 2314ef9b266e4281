import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { uniqueProblem } from '../provider-rules.js';
import { isUniqueViolation, loadProvider, updateProvider as saveProvider } from '../providers.queries.js';
import { changedFields, providerData } from '../providers.presenter.js';
import type { ProviderInput } from '../providers.schema.js';

/** Saves a provider's registry data (another hromada's: 404); the audit names the groups of fields that changed. */
export async function updateProvider(o: UseCase<{ id: number; input: ProviderInput }>): Promise<void> {
  try {
    await inTenant(o, 'providers.manage', async ({ c, actor, hromadaId, audit }) => {
      const before = await loadProvider(c, hromadaId, o.id);
      if (!before) throw new AppError('not_found');
      const data = providerData(o.input);
      await saveProvider(c, hromadaId, o.id, data, actor.userId);
      await audit({
        action: 'provider.update',
        operation: 'write',
        entityType: 'agency',
        entityId: String(o.id),
        fields: changedFields(before, data),
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw uniqueProblem(e);
    throw e;
  }
}
