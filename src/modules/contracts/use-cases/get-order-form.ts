import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { serviceChoices, type ServiceChoice } from '../contracts.queries.js';

/** What the new social order form offers: the catalogue's active services. */
export async function getOrderForm(o: UseCase): Promise<{ services: ServiceChoice[] }> {
  return inTenant(o, 'socialOrders.manage', async ({ c, hromadaId }) => ({
    services: await serviceChoices(c, hromadaId),
  }));
}
