import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireTrip } from '../outreach.policy.js';
import { finishTrip as finish } from '../outreach.queries.js';

/** Marks a planned trip done with its report; its open packages close (a later sync of them is refused). Audited. */
export async function finishTrip(o: UseCase<{ id: string; report: string | null }>) {
  return inTenant(o, 'outreach.plan', async ({ c, actor, hromadaId, audit }) => {
    const trip = await requireTrip(c, actor, 'outreach.plan', o.id, true);
    if (trip.status !== 'planned') throw new AppError('conflict', { messageKey: 'outreach.errors.notPlanned' });
    await finish(c, hromadaId, trip.id, o.report);
    await audit({
      action: 'outreach.trip.finish',
      operation: 'write',
      entityType: 'outreach_trip',
      entityId: trip.id,
      fields: ['status', 'report'],
    });
  });
}
