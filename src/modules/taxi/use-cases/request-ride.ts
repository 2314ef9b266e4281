import { AppError, ValidationError } from '../../../platform/errors.js';
import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { insertRide, settlementDistrict } from '../taxi.queries.js';
import { checkPickupTime } from '../taxi-rules.js';

export interface RideRequest {
  contactName: string;
  contactPhone: string | null;
  settlementCode: string;
  pickup: string;
  destination: string;
  pickupAt: string;
  wheelchair: boolean;
  companion: boolean;
  note: string | null;
}

/** A ride asked for by phone (the front office) or through a starosta (a settlement of their district only). */
export async function requestRide(o: UseCase<{ ride: RideRequest }>) {
  return inTenant(o, 'taxi.request', async ({ c, actor, hromadaId, audit }) => {
    const districtId = await settlementDistrict(c, hromadaId, o.ride.settlementCode);
    if (districtId === undefined) throw new ValidationError([{ field: 'settlementCode', key: 'taxi.v.settlement' }]);
    if (!can(actor, 'taxi.request', { hromadaId, districtId })) throw new AppError('forbidden');
    checkPickupTime(o.ride.pickupAt);
    const id = await insertRide(c, hromadaId, {
      ...o.ride,
      personId: null,
      residentUserId: null,
      districtId,
      channel: actor.grants.some((g) => g.role === 'starosta') ? 'starosta' : 'front_office',
      createdBy: actor.userId,
    });
    await audit({
      action: 'taxi.request',
      operation: 'write',
      entityType: 'taxi_ride',
      entityId: id,
      fields: ['contact', 'address', 'start'],
    });
    return id;
  });
}
