import type { UseCase } from '../../../platform/use-case.js';
import { situationServices } from '../catalogue.queries.js';
import { requireSituation } from '../catalogue.policy.js';
import { inCatalogue } from '../catalogue.tenant.js';

/** A life situation's public page: its instruction and its services in the bundle's order. */
export async function viewSituation(o: UseCase<{ slug: string }>) {
  return inCatalogue(o, async (c) => {
    const row = await requireSituation(c, { slug: o.slug }, { active: true });
    return { row, services: await situationServices(c, row.id) };
  });
}
