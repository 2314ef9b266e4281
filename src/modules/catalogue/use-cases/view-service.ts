import type { UseCase } from '../../../platform/use-case.js';
import { categoryNames, situationsOfService } from '../catalogue.queries.js';
import { requireServiceCard } from '../catalogue.policy.js';
import { inCatalogue } from '../catalogue.tenant.js';

/** A service's public card: the card, the category names and the life situations it belongs to. */
export async function viewService(o: UseCase<{ id: string }>) {
  return inCatalogue(o, async (c) => {
    const card = await requireServiceCard(c, o.id, { active: true });
    return { card, categories: await categoryNames(c), situations: await situationsOfService(c, o.id) };
  });
}
