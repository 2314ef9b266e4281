import { authorize } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { loadMerge, type MergeRow } from '../persons-merge.queries.js';

/** One merge with what it moved; audited as a read of both records. */
export async function viewMerge(o: UseCase<{ id: string }>): Promise<MergeRow> {
  authorize(o.actor, 'registry.merge');
  return inTenant(o, 'registry.read', async ({ c, actor, hromadaId, audit }) => {
    const merge = await loadMerge(c, hromadaId, o.id);
    if (!merge) throw new AppError('not_found');
    for (const id of [merge.survivor_id, merge.merged_id]) await requirePerson(c, actor, 'registry.read', id);
    for (const id of [merge.survivor_id, merge.merged_id]) {
      await audit({
        action: 'person.mergeView',
        operation: 'read',
        entityType: 'person',
        entityId: id,
        fields: ['name', 'birthDate'],
      });
    }
    return merge;
  });
}
