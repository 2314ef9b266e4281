import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { ServiceCard } from '../catalogue.queries.js';
import { requireServiceCard } from '../catalogue.policy.js';

/** A service card as the administrators see it (also a service taken out of the catalogue). */
export async function getServiceCard(o: UseCase<{ id: string }>): Promise<ServiceCard> {
  return inTenant(o, 'catalogue.manage', ({ c }) => requireServiceCard(c, o.id));
}
