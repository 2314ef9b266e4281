import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireOffice } from '../appointments.policy.js';
import { officeServices } from '../appointments.queries.js';
import { bookedWithoutTicket, dayTickets, ticketAtWindow } from '../queue.queries.js';

/** A window's console: the ticket at the window, the day's tickets, today's bookings without a ticket; audited. */
export async function getQueueConsole(o: UseCase<{ officeId: string; window: number }>) {
  return inTenant(o, 'appointments.book', async ({ c, actor, hromadaId, audit }) => {
    const office = await requireOffice(c, actor, 'appointments.book', o.officeId);
    const day = kyivToday();
    const window = Math.min(o.window, office.windows);
    await audit({
      action: 'queue.console',
      operation: 'read',
      entityType: 'office',
      entityId: office.id,
      fields: ['contact'],
    });
    return {
      office,
      window,
      current: (await ticketAtWindow(c, hromadaId, office.id, day, window)) ?? null,
      tickets: await dayTickets(c, hromadaId, office.id, day),
      bookings: await bookedWithoutTicket(c, hromadaId, office.id, day),
      services: await officeServices(c, hromadaId, office.id),
    };
  });
}
