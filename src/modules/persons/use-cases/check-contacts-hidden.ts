import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../persons.policy.js';
import { contactsHiddenForMe } from '../persons.queries.js';

/**
 * Whether the person's address and contacts are hidden from the actor (a restricted case's subject, the actor outside
 * its team; decision 0023) — for a form shown again, which reads no data of the person. Not audited: it shows nothing
 * the card's audited read has not shown.
 */
export async function checkContactsHidden(o: UseCase<{ id: string }>): Promise<boolean> {
  return inTenant(o, 'registry.read', async ({ c, actor }) => {
    await requirePerson(c, actor, 'registry.read', o.id);
    return contactsHiddenForMe(c, o.id);
  });
}
