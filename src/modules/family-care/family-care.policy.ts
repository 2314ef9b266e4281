import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { can, type Action, type TenantActor } from '../../platform/policy.js';
import { loadCareFamily, loadPlacement, type CareFamilyRow, type PlacementRow } from './family-care.queries.js';

type CareAction = Extract<Action, `care.${string}`>;

/**
 * Loads a family form of care (by its household) and checks the action on it. An unknown id and another hromada's
 * family are «not found»; a role without the action is «forbidden». Families reach the whole hromada.
 */
export async function requireCareFamily(
  c: PoolClient,
  actor: TenantActor,
  action: CareAction,
  householdId: string,
  lock = false,
): Promise<CareFamilyRow> {
  if (!isUuid(householdId)) throw new AppError('not_found');
  const row = await loadCareFamily(c, actor.hromadaId, householdId, lock);
  if (!row) throw new AppError('not_found');
  if (!can(actor, action, { hromadaId: actor.hromadaId })) throw new AppError('forbidden');
  return row;
}

/**
 * Loads a placement of the family `householdId` and checks the action on it, as `requireCareFamily` (a placement of
 * another family is «not found»); an ended placement takes nothing more.
 */
export async function requireCurrentPlacement(
  c: PoolClient,
  actor: TenantActor,
  action: CareAction,
  householdId: string,
  id: string,
): Promise<PlacementRow> {
  if (!isUuid(id) || !isUuid(householdId)) throw new AppError('not_found');
  const row = await loadPlacement(c, actor.hromadaId, id, true);
  if (!row || row.household_id !== householdId) throw new AppError('not_found');
  if (!can(actor, action, { hromadaId: actor.hromadaId })) throw new AppError('forbidden');
  if (row.ended_on) throw new AppError('conflict', { messageKey: 'care.errors.placementEnded' });
  return row;
}
