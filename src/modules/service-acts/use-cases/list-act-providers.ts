import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { agencyReach } from '../service-acts.policy.js';
import { agenciesOf, type AgencyRow } from '../service-acts.queries.js';

/** The providers whose acts the actor reaches: the hromada's all, or a provider's own. No personal data. */
export async function listActProviders(o: UseCase): Promise<AgencyRow[]> {
  return inTenant(o, 'acts.read', async ({ c, actor, hromadaId }) => {
    const reach = agencyReach(actor, 'acts.read');
    return agenciesOf(c, hromadaId, reach);
  });
}
