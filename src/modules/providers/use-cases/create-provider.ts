import { problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { Setting } from '../provider-rules.js';
import { uniqueProblem } from '../provider-rules.js';
import { insertProvider, insertProviderServices, isUniqueViolation, serviceExists } from '../providers.queries.js';
import { providerData } from '../providers.presenter.js';
import type { ProviderInput } from '../providers.schema.js';

/**
 * Registers a provider of the hromada (an agency its staff can be scoped to), with the catalogue services it delivers
 * and where if given (the API's body): all or nothing. A code once per hromada. Audited.
 */
export async function createProvider(
  o: UseCase<{ input: ProviderInput; delivers?: { serviceId: string; settings: Setting[] }[] }>,
): Promise<number> {
  try {
    return await inTenant(o, 'providers.manage', async ({ c, actor, hromadaId, audit }) => {
      const id = await insertProvider(c, hromadaId, providerData(o.input), actor.userId);
      const delivered = o.delivers ?? [];
      for (const [i, s] of delivered.entries()) {
        if (!(await serviceExists(c, hromadaId, s.serviceId)))
          throw problem(`services.${i}.serviceId`, 'providers.v.service');
        await insertProviderServices(c, hromadaId, id, s.serviceId, s.settings, actor.userId);
      }
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
          ...(delivered.length ? ['service', 'setting'] : []),
        ],
      });
      return id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw uniqueProblem(e);
    throw e;
  }
}
