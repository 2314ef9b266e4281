import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { closeCategory } from '../persons-web.queries.js';

/** Ends a category (kept in the history with who ended it and when). */
export async function endCategory(o: UseCase<{ personId: string; categoryId: string }>): Promise<void> {
  return inTenant(o, 'registry.write', async ({ c, actor, audit }) => {
    await requirePerson(c, actor, 'registry.write', o.personId);
    const code = await closeCategory(c, o.personId, o.categoryId, actor.userId);
    if (code === null) throw new AppError('not_found');
    await audit({
      action: 'person.category.end',
      operation: 'write',
      entityType: 'person',
      entityId: o.personId,
      fields: [`category:${code}`],
    });
  });
}
