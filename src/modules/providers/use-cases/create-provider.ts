import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { uniqueProblem } from '../provider-rules.js';
import { insertProvider, isUniqueViolation } from '../providers.queries.js';
import { providerData } from '../providers.presenter.js';
import type { ProviderInput } from '../providers.schema.js';

/** Registers a provider of the hromada (an agency its staff can be scoped to). A code once per hromada. Audited. */
export async function createProvider(o: UseCase<{ input: ProviderInput }>): Promise<number> {
  try {
    return await inTenant(o, 'providers.manage', async ({ c, actor, hromadaId, audit }) => {
      const id = await insertProvider(c, hromadaId, providerData(o.input), actor.userId);
      await audit({
        action: 'provider.create',
        operation: 'write',
        entityType: 'agency',
        entityId: String(id),
        fields: [
          'providerName',
          'ownership',
          'code',
          'address',
          'contacts',
          'licence',
          'providerCapacity',
          'providerActive',
          'interMunicipalAgreement',
        ],
      });
      return id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw uniqueProblem(e);
    throw e;
  }
}
