import { authorize } from '../../../platform/policy.js';
import { AppError, problem } from '../../../platform/errors.js';
import type { HookRegistry } from '../../../platform/modules.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { loadCategories, type CategoryRow } from '../../persons/persons.queries.js';
import { personLinks } from '../persons-merge.links.js';
import { linkCounts, loadForCompare, type CompareRow } from '../persons-merge.queries.js';

export interface ComparedPerson {
  person: CompareRow;
  categories: CategoryRow[];
  links: Record<string, number>;
}

/** Two live records side by side (identifiers masked) before a merge, with their linked rows counted; each read is audited. */
export async function comparePersons(
  o: UseCase<{ hooks: HookRegistry; a: string; b: string }>,
): Promise<[ComparedPerson, ComparedPerson]> {
  authorize(o.actor, 'registry.merge');
  authorize(o.actor, 'registry.read');
  if (o.a === o.b) throw problem('b', 'personsMerge.errors.same');
  return inTenant(o, 'registry.read', async ({ c, actor, hromadaId, audit }) => {
    const links = personLinks(o.hooks);
    const out: ComparedPerson[] = [];
    for (const id of [o.a, o.b]) {
      // Merging shows the records: the right to read each of them is needed as well as the right to merge.
      await requirePerson(c, actor, 'registry.read', id);
      await requirePerson(c, actor, 'registry.merge', id);
      const person = await loadForCompare(c, hromadaId, id);
      if (!person) throw new AppError('not_found');
      if (person.merged_into) throw new AppError('conflict', { messageKey: 'personsMerge.errors.alreadyMerged' });
      out.push({ person, categories: await loadCategories(c, id), links: await linkCounts(c, hromadaId, id, links) });
      await audit({
        action: 'person.compare',
        operation: 'read',
        entityType: 'person',
        entityId: id,
        fields: ['name', 'birthDate', 'sex', 'identifiersMasked', 'contacts', 'address', 'categories'],
      });
    }
    return [out[0], out[1]];
  });
}
