import { ValidationError } from '../../../platform/errors.js';
import { inResidentHromada } from '../../appointments/appointments.policy.js';
import { residentContact } from '../../appointments/appointments.queries.js';
import type { ResidentCase } from '../../cabinet/cabinet.policy.js';
import { insertRide, settlementDistrict } from '../taxi.queries.js';
import { checkPickupTime } from '../taxi-rules.js';
import type { RideRequest } from './request-ride.js';

/** A resident asks for a ride from the cabinet (for their linked registry person when they have one). */
export async function requestMyRide(o: ResidentCase<{ ride: Omit<RideRequest, 'contactName'> }>) {
  return inResidentHromada(o, async ({ c, hromadaId, personIds, audit }) => {
    const districtId = await settlementDistrict(c, hromadaId, o.ride.settlementCode);
    if (districtId === undefined) throw new ValidationError([{ field: 'settlementCode', key: 'taxi.v.settlement' }]);
    checkPickupTime(o.ride.pickupAt);
    const id = await insertRide(c, hromadaId, {
      ...o.ride,
      contactName: (await residentContact(c, o.actor.userId)).name,
      personId: personIds[0] ?? null,
      residentUserId: o.actor.userId,
      districtId,
      channel: 'online',
      createdBy: o.actor.userId,
    });
    await audit({
      action: 'taxi.request',
      operation: 'write',
      entityType: 'taxi_ride',
      entityId: id,
      fields: ['address', 'start'],
    });
    return id;
  });
}
