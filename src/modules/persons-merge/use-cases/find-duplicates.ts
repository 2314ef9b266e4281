import { authorize } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { listDuplicatePairs, type PairRow } from '../persons-merge.queries.js';
import { DUPLICATES_PAGE_SIZE } from '../persons-merge.schema.js';

/** One page of possible duplicate pairs; the read (names and birth dates) is audited. */
export async function findDuplicates(o: UseCase<{ page: number }>): Promise<{ pairs: PairRow[]; total: number }> {
  authorize(o.actor, 'registry.merge');
  return inTenant(o, 'registry.read', async ({ c, hromadaId, audit }) => {
    const result = await listDuplicatePairs(c, hromadaId, DUPLICATES_PAGE_SIZE, (o.page - 1) * DUPLICATES_PAGE_SIZE);
    await audit({
      action: 'person.duplicates',
      operation: 'read',
      entityType: 'person',
      fields: ['name', 'birthDate'],
      reason: `results:${String(result.total)}`,
    });
    return result;
  });
}
