import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { personHouseholdIds } from '../households.queries.js';
import { viewHousehold, type HouseholdView } from './view-household.js';

/** The households a person belongs or belonged to, each read as one household (each read audited). */
export async function listPersonHouseholds(o: UseCase<{ personId: string }>): Promise<HouseholdView[]> {
  return inTenant(o, 'registry.read', async ({ c, actor, audit }) => {
    await requirePerson(c, actor, 'registry.read', o.personId);
    const out: HouseholdView[] = [];
    for (const id of await personHouseholdIds(c, o.personId)) out.push(await viewHousehold({ ...o, id, tx: c, audit }));
    return out;
  });
}
