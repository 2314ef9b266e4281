/**
 * Who reaches which ride: a ride sits in the starosta district of its pick-up settlement, so a starosta reaches the
 * rides of their district and the front office and social workers the whole hromada's.
 */
import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { can, type Action, type TenantActor } from '../../platform/policy.js';
import { loadRide, type RideRow } from './taxi.queries.js';

export const rideScope = (hromadaId: number, r: Pick<RideRow, 'district_id'>) => ({
  hromadaId,
  districtId: r.district_id,
});

export async function requireRide(c: PoolClient, actor: TenantActor, action: Action, id: string, forUpdate = false) {
  const r = await loadRide(c, actor.hromadaId, id, forUpdate);
  if (!r || !can(actor, action, rideScope(actor.hromadaId, r))) throw new AppError('not_found');
  return r;
}
