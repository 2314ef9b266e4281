import { authorize } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { listMerges as queryMerges, type MergeRow } from '../persons-merge.queries.js';
import { MERGES_PAGE_SIZE } from '../persons-merge.schema.js';

/** Merges of the hromada, newest first (the names shown are a read of personal data: audited). */
export async function listMerges(o: UseCase<{ page: number }>): Promise<{ merges: MergeRow[]; total: number }> {
  authorize(o.actor, 'registry.merge');
  return inTenant(o, 'registry.read', async ({ c, hromadaId, audit }) => {
    const result = await queryMerges(c, hromadaId, MERGES_PAGE_SIZE, (o.page - 1) * MERGES_PAGE_SIZE);
    await audit({
      action: 'person.merges',
      operation: 'read',
      entityType: 'person_merge',
      fields: ['name', 'birthDate'],
      reason: `results:${String(result.total)}`,
    });
    return result;
  });
}
