import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { listServices, situationServices } from '../catalogue.queries.js';
import { requireSituation } from '../catalogue.policy.js';

/** A life situation to edit: the situation, its linked services and every service of the hromada to choose from. */
export async function prepareSituationForm(o: UseCase<{ id: string }>) {
  return inTenant(o, 'catalogue.manage', async ({ c }) => {
    const row = await requireSituation(c, { id: o.id });
    return {
      row,
      linked: await situationServices(c, o.id, { includeInactive: true }),
      all: await listServices(c, { includeInactive: true }),
    };
  });
}
