import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { listConflicts as rows } from '../outreach.queries.js';

/** Sync conflicts waiting for resolution (or resolved): a worker's own; a manager sees every worker's. Audited. */
export async function listConflicts(o: UseCase<{ status: 'open' | 'resolved' }>) {
  return inTenant(o, 'outreach.work', async ({ c, actor, hromadaId, audit }) => {
    const all = can(actor, 'outreach.supervise');
    const list = await rows(c, hromadaId, { userId: all ? null : actor.userId, status: o.status });
    await audit({
      action: 'outreach.conflict.list',
      operation: 'read',
      entityType: 'person',
      fields: ['name'],
      reason: `${o.status} results:${String(list.length)}`,
    });
    return { conflicts: list, all };
  });
}
