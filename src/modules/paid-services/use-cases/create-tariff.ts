import { problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import {
  agencyExists,
  insertTariff,
  isExclusionViolation,
  serviceExists,
  type NewTariff,
} from '../paid-services.queries.js';

/**
 * Sets a provider's tariff for a service from a day (to a day, or open). A period overlapping another tariff of the
 * same provider and service is refused (the exclusion constraint of 0066), nothing saved. Audited.
 */
export async function createTariff(o: UseCase<{ input: NewTariff }>): Promise<string> {
  try {
    return await inTenant(o, 'billing.manage', async ({ c, actor, hromadaId, audit }) => {
      if (!(await agencyExists(c, hromadaId, o.input.agencyId))) throw problem('agencyId', 'paid.v.agency');
      if (!(await serviceExists(c, hromadaId, o.input.serviceId))) throw problem('serviceId', 'paid.v.service');
      const id = await insertTariff(c, hromadaId, o.input, actor.userId);
      await audit({
        action: 'billing.tariff.create',
        operation: 'write',
        entityType: 'tariff',
        entityId: id,
        fields: ['tariff'],
      });
      return id;
    });
  } catch (e) {
    if (isExclusionViolation(e)) throw problem('validFrom', 'paid.v.tariffOverlap');
    throw e;
  }
}
