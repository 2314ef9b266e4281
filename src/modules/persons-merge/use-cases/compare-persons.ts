import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { loadCategories, type CategoryRow } from '../../persons/use-cases/get-person.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { linkCounts, loadForCompare, type CompareRow } from '../persons-merge.queries.js';

export interface ComparedPerson { person: CompareRow; categories: CategoryRow[]; links: Record<string, number> }

/** Two live records side by side (identifiers masked) before a merge; each read is audited. */
export async function comparePersons(o: { services: Services; actor: Actor | null; a: string; b: string; meta?: RequestMeta })
  : Promise<[ComparedPerson, ComparedPerson]> {
  authorize(o.actor, 'registry.merge');
  authorize(o.actor, 'registry.read');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  if (o.a === o.b) throw new AppError('validation', { messageKey: 'personsMerge.errors.same' });
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const out: ComparedPerson[] = [];
    for (const id of [o.a, o.b]) {
      // Merging shows the records: the right to read each of them is needed as well as the right to merge.
      await requirePerson(c, actor, 'registry.read', id);
      await requirePerson(c, actor, 'registry.merge', id);
      const person = (await loadForCompare(c, hromadaId, id))!;
      if (person.merged_into) throw new AppError('conflict', { messageKey: 'personsMerge.errors.alreadyMerged' });
      out.push({ person, categories: await loadCategories(c, id), links: await linkCounts(c, hromadaId, id) });
      await writeAudit(c, {
        ...auditBy(actor, o.meta, hromadaId), action: 'person.compare', operation: 'read',
        entityType: 'person', entityId: id, fields: ['name', 'birthDate', 'sex', 'identifiersMasked', 'contacts', 'address', 'categories']
      });
    }
    return [out[0], out[1]];
  });
}
