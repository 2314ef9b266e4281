import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../persons.policy.js';
import { loadCategories, loadPerson, personReadFields, type CategoryRow, type PersonRow } from '../persons.queries.js';

/**
 * One person with categories, for the edit form, the intake or the API; the read is audited
 * (`action` names the reading, `person.view` by default).
 */
export async function getPerson(
  o: UseCase<{ id: string; action?: string }>,
): Promise<{ person: PersonRow; categories: CategoryRow[] }> {
  return inTenant(o, 'registry.read', async ({ c, actor, hromadaId, audit }) => {
    await requirePerson(c, actor, 'registry.read', o.id);
    // Both reads go in one round trip (the pool pipelines them), after the access check.
    const [person, categories] = await Promise.all([loadPerson(c, hromadaId, o.id), loadCategories(c, o.id)]);
    if (!person) throw new Error('a person in scope was not found');
    await audit({
      action: o.action ?? 'person.view',
      operation: 'read',
      entityType: 'person',
      entityId: o.id,
      fields: personReadFields(person),
    });
    return { person, categories };
  });
}
