import { inResidentHromada } from '../appointments.policy.js';
import { residentAppointments } from '../appointments.queries.js';
import type { ResidentCase } from '../../cabinet/cabinet.policy.js';

/** The resident's visits (booked from the account or for their linked persons), latest first; audited. */
export async function listMyAppointments(o: ResidentCase) {
  return inResidentHromada(o, async ({ c, hromadaId, personIds, audit }) => {
    const items = await residentAppointments(c, hromadaId, o.actor.userId, personIds);
    await audit({
      action: 'cabinet.appointments.list',
      operation: 'read',
      entityType: 'appointment',
      fields: ['start', 'service', 'status'],
    });
    return items;
  });
}
