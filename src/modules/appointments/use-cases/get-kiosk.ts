import type { Services } from '../../../services.js';
import { kyivToday } from '../../../platform/dates.js';
import { AppError } from '../../../platform/errors.js';
import { inPublicOffice } from '../appointments.policy.js';
import { officeServices } from '../appointments.queries.js';
import { dayTickets, loadTicket, screenTickets } from '../queue.queries.js';

/**
 * What the office's public queue pages show (nobody signs in, no personal data): the kiosk's services, a ticket with how
 * many wait before it, and the screen's called tickets.
 */
export async function getKiosk(o: { services: Pick<Services, 'db'>; officeId: string; ticketId?: string }) {
  return inPublicOffice(o.services, o.officeId, async ({ c, hromadaId, office }) => {
    const day = kyivToday();
    const ticket = o.ticketId ? await loadTicket(c, hromadaId, o.ticketId) : null;
    if (o.ticketId && (!ticket || ticket.office_id !== office.id)) throw new AppError('not_found');
    const tickets = ticket ? await dayTickets(c, hromadaId, office.id, day) : [];
    return {
      office,
      services: await officeServices(c, hromadaId, office.id),
      ticket,
      ahead: ticket ? tickets.filter((x) => x.status === 'waiting' && x.taken_at < ticket.taken_at).length : 0,
      called: await screenTickets(c, hromadaId, office.id, day),
    };
  });
}
