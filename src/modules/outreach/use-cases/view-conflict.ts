import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireConflict } from '../outreach.policy.js';
import { personValues } from '../outreach.queries.js';

/** A conflict with both versions as recorded and the person's values now (for the field-by-field choice). Audited. */
export async function viewConflict(o: UseCase<{ id: string }>) {
  return inTenant(o, 'outreach.work', async ({ c, actor, hromadaId, audit }) => {
    const conflict = await requireConflict(c, actor, o.id);
    const now = await personValues(c, hromadaId, conflict.person_id);
    if (!now) throw new AppError('not_found');
    await audit({
      action: 'outreach.conflict.read',
      operation: 'read',
      entityType: 'person',
      entityId: conflict.person_id,
      fields: Object.keys(conflict.device),
      reason: `conflict:${conflict.id}`,
    });
    return { conflict, now };
  });
}
