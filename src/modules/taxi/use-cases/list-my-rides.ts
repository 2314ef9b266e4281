import { inResidentHromada } from '../../appointments/appointments.policy.js';
import { settlementOptions } from '../../persons-web/persons-web.queries.js';
import type { ResidentCase } from '../../cabinet/cabinet.policy.js';
import { residentRides } from '../taxi.queries.js';

/** The resident's rides, latest first, and the settlements a new request can start in; audited. */
export async function listMyRides(o: ResidentCase) {
  return inResidentHromada(o, async ({ c, hromadaId, audit }) => {
    const rides = await residentRides(c, hromadaId, o.actor.userId);
    await audit({
      action: 'taxi.mine',
      operation: 'read',
      entityType: 'taxi_ride',
      fields: ['address', 'start', 'status'],
    });
    return { rides, settlements: await settlementOptions(c, hromadaId) };
  });
}
