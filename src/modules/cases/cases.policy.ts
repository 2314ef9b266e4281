import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { can, type Action, type RecordScope, type TenantActor } from '../../platform/policy.js';
import { isOnTeam, loadCase, type CaseRow } from './cases.queries.js';
import { teamSupervisors } from './plan.queries.js';

/** Where a case sits for the permission rules: its hromada and the district it was opened in. */
export const caseScope = (hromadaId: number, k: Pick<CaseRow, 'district_id'>): RecordScope => ({
  hromadaId,
  districtId: k.district_id,
});

/**
 * Loads a case and checks the action on it. An unknown id, another hromada's case, and a restricted
 * case (violence, child protection) of a team the actor is not on are all «not found»: outside the
 * team nobody learns that a restricted case exists. A case out of the actor's reach is «forbidden».
 */
export async function requireCase(
  c: PoolClient,
  actor: TenantActor,
  action: Extract<Action, `cases.${string}`>,
  id: string,
  lock = false,
): Promise<{ row: CaseRow; onTeam: boolean }> {
  if (!isUuid(id)) throw new AppError('not_found');
  const row = await loadCase(c, actor.hromadaId, id, lock);
  if (!row) throw new AppError('not_found');
  const onTeam = await isOnTeam(c, actor.hromadaId, id, actor.userId);
  if (row.restricted && !onTeam) throw new AppError('not_found');
  if (!can(actor, action, caseScope(actor.hromadaId, row))) throw new AppError('forbidden');
  return { row, onTeam };
}

/** A change to a closed case is refused; only reopening it is allowed. */
export function requireOpen(row: Pick<CaseRow, 'status'>): void {
  if (row.status === 'closed') throw new AppError('conflict', { messageKey: 'cases.errors.closed' });
}

/**
 * Whether the actor may approve or return the case's plan and its closure: a supervisor named on the case's team,
 * or a manager of the hromada (`cases.supervise`).
 */
export async function maySupervise(c: PoolClient, actor: TenantActor, row: CaseRow): Promise<boolean> {
  if (can(actor, 'cases.supervise', caseScope(actor.hromadaId, row))) return true;
  return (await teamSupervisors(c, actor.hromadaId, row.id)).includes(actor.userId);
}

/** Refuses (403, in words) an approval by someone who does not supervise the case. */
export async function requireSupervisor(c: PoolClient, actor: TenantActor, row: CaseRow): Promise<void> {
  if (!(await maySupervise(c, actor, row)))
    throw new AppError('forbidden', { messageKey: 'cases.plan.errors.notSupervisor' });
}
