import { kyivToday } from '../../../platform/dates.js';
import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireOffice } from '../appointments.policy.js';
import { callNextTicket, ticketAtWindow } from '../queue.queries.js';

/**
 * A window calls the next visitor. A window still calling or serving someone must finish (served, not come, or sent
 * on) first. Null when nobody waits.
 */
export async function callNext(o: UseCase<{ officeId: string; window: number }>) {
  return inTenant(o, 'appointments.book', async ({ c, actor, hromadaId, audit }) => {
    const office = await requireOffice(c, actor, 'appointments.book', o.officeId);
    if (o.window > office.windows) throw new AppError('not_found');
    const day = kyivToday();
    if (await ticketAtWindow(c, hromadaId, office.id, day, o.window))
      throw new AppError('conflict', { messageKey: 'appointments.queue.busy' });
    const id = await callNextTicket(c, hromadaId, office.id, day, o.window, actor.userId);
    if (id) await audit({ action: 'queue.call', operation: 'write', entityType: 'queue_ticket', entityId: id });
    return id;
  });
}
