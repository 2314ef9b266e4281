import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireOffice } from '../appointments.policy.js';
import { freeSlots } from '../booking.js';

/** The free (and full) slots of an office's service between two dates, for staff and the API. */
export async function findFreeSlots(o: UseCase<{ officeId: string; serviceId: string; from: string; to: string }>) {
  return inTenant(o, 'offices.read', async ({ c, actor, hromadaId }) => {
    const office = await requireOffice(c, actor, 'offices.read', o.officeId);
    return freeSlots(c, hromadaId, office, o.serviceId, o.from, o.to);
  });
}
