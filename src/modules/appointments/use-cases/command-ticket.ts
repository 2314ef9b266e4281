import { AppError, ValidationError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireOffice } from '../appointments.policy.js';
import { loadTicket, updateTicket } from '../queue.queries.js';
import { nextTicketStatus, type TicketCommand } from '../queue-machine.js';

/**
 * A window's command on a ticket (recall, start serving, served, not come, send on to window `to`), by the queue's
 * state machine: a command that does not apply to the ticket's status is 409, another office's ticket 404.
 */
export async function commandTicket(
  o: UseCase<{ officeId: string; ticketId: string; command: TicketCommand; to: number | null }>,
) {
  return inTenant(o, 'appointments.book', async ({ c, actor, hromadaId, audit }) => {
    const office = await requireOffice(c, actor, 'appointments.book', o.officeId);
    const t = await loadTicket(c, hromadaId, o.ticketId, true);
    if (!t || t.office_id !== office.id) throw new AppError('not_found');
    const to = nextTicketStatus(t.status, o.command);
    if (!to) throw new AppError('conflict', { messageKey: 'appointments.queue.notNow' });
    if (o.command === 'redirect' && (!o.to || o.to > office.windows || o.to === t.window_no))
      throw new ValidationError([{ field: 'to', key: 'appointments.queue.v.window' }]);
    await updateTicket(c, hromadaId, t.id, to, {
      recall: o.command === 'recall',
      window: o.command === 'redirect' ? o.to : null,
      userId: actor.userId,
    });
    await audit({
      action: `queue.${o.command}`,
      operation: 'write',
      entityType: 'queue_ticket',
      entityId: t.id,
      fields: ['status'],
    });
  });
}
