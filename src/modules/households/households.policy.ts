import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { can, type TenantActor } from '../../platform/policy.js';
import { householdScope, loadHousehold, type HouseholdRow } from './households.queries.js';

/** Loads a household and checks the action on it: another hromada's or unknown id → 404, out of reach → 403. */
export async function requireHousehold(
  c: PoolClient,
  actor: TenantActor,
  action: 'registry.read' | 'registry.write',
  id: string,
): Promise<{ household: HouseholdRow; canWrite: boolean }> {
  const household = await loadHousehold(c, actor.hromadaId, id);
  if (!household) throw new AppError('not_found');
  const scope = await householdScope(c, actor.hromadaId, household);
  if (!can(actor, action, scope)) throw new AppError('forbidden');
  return { household, canWrite: can(actor, 'registry.write', scope) };
}
