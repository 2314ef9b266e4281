import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { openCategory, type CategoryToEnd } from '../persons-web.queries.js';

/** The category shown on the confirmation page before ending it (an audited read). */
export async function loadCategoryToEnd(o: UseCase<{ personId: string; categoryId: string }>): Promise<CategoryToEnd> {
  return inTenant(o, 'registry.write', async ({ c, actor, audit }) => {
    await requirePerson(c, actor, 'registry.write', o.personId);
    const category = await openCategory(c, o.personId, o.categoryId);
    if (!category) throw new AppError('not_found');
    await audit({
      action: 'person.category.view',
      operation: 'read',
      entityType: 'person',
      entityId: o.personId,
      fields: ['categories'],
    });
    return category;
  });
}
