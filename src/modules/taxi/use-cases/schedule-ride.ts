import { ValidationError, AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireRide } from '../taxi.policy.js';
import { scheduleRide as save, vehicles } from '../taxi.queries.js';

/**
 * The dispatcher gives a ride to a vehicle and driver with its place in the route (or takes it back: no vehicle). A
 * wheelchair ride needs a vehicle that takes one.
 */
export async function scheduleRide(
  o: UseCase<{ id: string; vehicleId: string | null; driver: string | null; routeOrder: number | null }>,
) {
  return inTenant(o, 'taxi.dispatch', async ({ c, actor, hromadaId, audit }) => {
    const r = await requireRide(c, actor, 'taxi.dispatch', o.id, true);
    if (!['requested', 'scheduled'].includes(r.status))
      throw new AppError('conflict', { messageKey: 'taxi.notChangeable' });
    if (o.vehicleId) {
      const v = (await vehicles(c, hromadaId)).find((x) => x.id === o.vehicleId && x.active);
      if (!v) throw new ValidationError([{ field: `vehicleId-${r.id}`, key: 'taxi.v.vehicle' }]);
      if (r.wheelchair && !v.wheelchair)
        throw new ValidationError([{ field: `vehicleId-${r.id}`, key: 'taxi.v.noWheelchair' }]);
    }
    await save(c, hromadaId, r.id, {
      vehicleId: o.vehicleId,
      driver: o.vehicleId ? o.driver : null,
      routeOrder: o.vehicleId ? o.routeOrder : null,
    });
    await audit({
      action: 'taxi.schedule',
      operation: 'write',
      entityType: 'taxi_ride',
      entityId: r.id,
      fields: ['vehicle', 'status'],
    });
  });
}
