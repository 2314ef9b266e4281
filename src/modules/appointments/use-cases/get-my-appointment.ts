import { AppError } from '../../../platform/errors.js';
import { inResidentHromada, isMine } from '../appointments.policy.js';
import { loadAppointment } from '../appointments.queries.js';
import type { ResidentCase } from '../../cabinet/cabinet.policy.js';

/** One of the resident's own visits (anything else is 404); audited. */
export async function getMyAppointment(o: ResidentCase<{ id: string }>) {
  return inResidentHromada(o, async ({ c, hromadaId, personIds, audit }) => {
    const a = await loadAppointment(c, hromadaId, o.id);
    if (!a || !isMine(a, o.actor.userId, personIds)) throw new AppError('not_found');
    await audit({
      action: 'cabinet.appointment.view',
      operation: 'read',
      entityType: 'appointment',
      entityId: a.id,
      fields: ['start', 'service', 'status'],
    });
    return a;
  });
}
