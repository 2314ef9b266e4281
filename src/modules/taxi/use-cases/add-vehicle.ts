import { ValidationError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { insertVehicle, vehicleNameTaken, type VehicleInput } from '../taxi.queries.js';

/** Adds a vehicle of the social taxi; names are unique in the hromada. */
export async function addVehicle(o: UseCase<{ input: VehicleInput }>) {
  return inTenant(o, 'taxi.vehicles', async ({ c, hromadaId, audit }) => {
    if (await vehicleNameTaken(c, hromadaId, o.input.name))
      throw new ValidationError([{ field: 'name', key: 'taxi.v.vehicleTaken' }]);
    const id = await insertVehicle(c, hromadaId, o.input);
    await audit({ action: 'taxi.vehicle.create', operation: 'admin', entityType: 'taxi_vehicle', entityId: id });
    return id;
  });
}
