import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { personFullName } from '../cabinet.queries.js';

/** The person the office is about to link an account to, by name (the page shows it: an audited read). */
export async function showLinkForm(o: UseCase<{ personId: string }>): Promise<{ name: string }> {
  return inTenant(o, 'registry.write', async ({ c, actor, hromadaId, audit }) => {
    await requirePerson(c, actor, 'registry.write', o.personId);
    const name = await personFullName(c, hromadaId, o.personId);
    await audit({
      action: 'cabinet.link.form',
      operation: 'read',
      entityType: 'person',
      entityId: o.personId,
      fields: ['name'],
    });
    return { name: name ?? '' };
  });
}
