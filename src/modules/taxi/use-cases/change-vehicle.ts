import { AppError, ValidationError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { updateVehicle, vehicleNameTakenByOther, type VehicleInput } from '../taxi.queries.js';

/**
 * Changes a vehicle of the social taxi or takes it out of use (`active` false): it is then offered for no new ride,
 * and the rides it already made keep it.
 */
export async function changeVehicle(o: UseCase<{ id: string; input: VehicleInput }>) {
  return inTenant(o, 'taxi.vehicles', async ({ c, hromadaId, audit }) => {
    if (await vehicleNameTakenByOther(c, hromadaId, o.input.name, o.id))
      throw new ValidationError([{ field: 'name', key: 'taxi.v.vehicleTaken' }]);
    if (!(await updateVehicle(c, hromadaId, o.id, o.input))) throw new AppError('not_found');
    await audit({ action: 'taxi.vehicle.update', operation: 'admin', entityType: 'taxi_vehicle', entityId: o.id });
  });
}
