import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { can, roleReach, type Action, type TenantActor } from '../../platform/policy.js';
import { loadContract, type ContractRow } from './contracts.queries.js';
import { loadOrder, type OrderRow } from './social-orders.queries.js';

type ContractAction = Extract<Action, `contracts.${string}`>;

/**
 * The agencies whose contracts the actor reaches for the action: null for the whole hromada (managers, workers), the
 * agencies of its grants for a provider, nothing for a role without the action.
 */
export function contractReach(actor: TenantActor, action: ContractAction): number[] | null {
  const grants = actor.grants.filter((g) => g.hromadaId === actor.hromadaId);
  if (grants.some((g) => roleReach(g.role, action) === 'hromada')) return null;
  return grants.flatMap((g) => (roleReach(g.role, action) === 'agency' && g.agencyId !== null ? [g.agencyId] : []));
}

/**
 * Loads a contract and checks the action on it. An unknown id, another hromada's contract and another provider's
 * contract (for a provider's staff) are «not found»: a provider does not learn whom another serves.
 */
export async function requireContract(
  c: PoolClient,
  actor: TenantActor,
  action: ContractAction,
  id: string,
  lock = false,
): Promise<ContractRow> {
  if (!isUuid(id)) throw new AppError('not_found');
  const row = await loadContract(c, actor.hromadaId, id, lock);
  if (!row) throw new AppError('not_found');
  if (!can(actor, action, { hromadaId: actor.hromadaId, agencyIds: [row.agency_id] })) throw new AppError('not_found');
  return row;
}

/** Loads a social order of the actor's hromada (another hromada's or an unknown one: «not found»). */
export async function requireOrder(c: PoolClient, actor: TenantActor, id: string, lock = false): Promise<OrderRow> {
  if (!isUuid(id)) throw new AppError('not_found');
  const row = await loadOrder(c, actor.hromadaId, id, lock);
  if (!row) throw new AppError('not_found');
  return row;
}
