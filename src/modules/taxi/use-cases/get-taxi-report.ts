import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { ridesBySettlement, vehicles } from '../taxi.queries.js';

/** Rides done in a period per pick-up settlement (no personal data), and the vehicles (for the vehicles page). */
export async function getTaxiReport(o: UseCase<{ from: string; to: string }>) {
  return inTenant(o, 'taxi.read', async ({ c, hromadaId }) => ({
    rows: await ridesBySettlement(c, hromadaId, o.from, o.to),
    vehicles: await vehicles(c, hromadaId),
  }));
}
