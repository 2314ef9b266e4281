import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { agencyOptions, categoryNames, type ServiceCard } from '../catalogue.queries.js';
import { requireServiceCard } from '../catalogue.policy.js';

/** What the card form offers (the categories and the hromada's agencies) and, to edit one, the card. */
export async function prepareServiceForm(o: UseCase<{ id?: string }>) {
  return inTenant(o, 'catalogue.manage', async ({ c }) => {
    const card: ServiceCard | null = o.id ? await requireServiceCard(c, o.id) : null;
    return { card, categories: await categoryNames(c), agencies: await agencyOptions(c) };
  });
}
