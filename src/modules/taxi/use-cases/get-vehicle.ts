import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { vehicles } from '../taxi.queries.js';

/** One of the hromada's vehicles, to change its name, plate, seats or fitting (404 for another hromada's). */
export async function getVehicle(o: UseCase<{ id: string }>) {
  return inTenant(o, 'taxi.vehicles', async ({ c, hromadaId }) => {
    const v = (await vehicles(c, hromadaId)).find((x) => x.id === o.id);
    if (!v) throw new AppError('not_found');
    return v;
  });
}
