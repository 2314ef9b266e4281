import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { rideScope } from '../taxi.policy.js';
import { dayRides, vehicles } from '../taxi.queries.js';

/** The day's rides the actor reaches, by vehicle in route order, with the hromada's vehicles; audited. */
export async function getTaxiDay(o: UseCase<{ date: string }>) {
  return inTenant(o, 'taxi.read', async ({ c, actor, hromadaId, audit }) => {
    const rides = (await dayRides(c, hromadaId, o.date)).filter((r) =>
      can(actor, 'taxi.read', rideScope(hromadaId, r)),
    );
    await audit({
      action: 'taxi.day',
      operation: 'read',
      entityType: 'taxi_ride',
      fields: ['contact', 'address', 'start'],
    });
    return { rides, vehicles: await vehicles(c, hromadaId) };
  });
}
