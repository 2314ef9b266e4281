import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireOffice } from '../appointments.policy.js';
import { queueStats } from '../queue.queries.js';

/** Waiting and service times of an office's queue per service and hour, over a period (no personal data). */
export async function getQueueStats(o: UseCase<{ officeId: string; from: string; to: string }>) {
  return inTenant(o, 'appointments.read', async ({ c, actor, hromadaId }) => {
    const office = await requireOffice(c, actor, 'appointments.read', o.officeId);
    return { office, rows: await queueStats(c, hromadaId, office.id, o.from, o.to) };
  });
}
