import { problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import type { CategoryInput } from '../persons-web.schema.js';
import { categoryTypes, insertCategory } from '../persons-web.queries.js';

/** Adds a category with its validity; a type that needs details (СЖО) is refused without them. */
export async function addCategory(o: UseCase<{ personId: string; input: CategoryInput }>): Promise<string> {
  return inTenant(o, 'registry.write', async ({ c, actor, hromadaId, audit }) => {
    await requirePerson(c, actor, 'registry.write', o.personId);
    const type = (await categoryTypes(c, hromadaId)).find((k) => k.code === o.input.code);
    if (!type) throw problem('code', 'personsWeb.v.categoryRequired');
    if (type.needs_details && !o.input.details) throw problem('details', 'personsWeb.v.detailsRequired');
    const { validFrom, validTo, evidence, details } = o.input;
    const id = await insertCategory(c, {
      hromadaId,
      personId: o.personId,
      code: type.code,
      validFrom,
      validTo,
      evidence,
      details,
      userId: actor.userId,
    });
    await audit({
      action: 'person.category.add',
      operation: 'write',
      entityType: 'person',
      entityId: o.personId,
      fields: [`category:${type.code}`],
    });
    return id;
  });
}
