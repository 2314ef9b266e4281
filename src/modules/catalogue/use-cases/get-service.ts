import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { ServiceCard } from '../catalogue.queries.js';
import { requireServiceCard } from '../catalogue.policy.js';

/** One active service of the hromada as a full card (any staff role; the API). */
export async function getService(o: UseCase<{ id: string }>): Promise<ServiceCard> {
  return inTenant(o, 'catalogue.read', ({ c }) => requireServiceCard(c, o.id, { active: true }));
}
