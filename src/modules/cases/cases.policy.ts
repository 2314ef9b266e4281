import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { can, type Action, type RecordScope, type TenantActor } from '../../platform/policy.js';
import { isOnTeam, loadCase, type CaseRow, type TeamRow } from './cases.queries.js';
import { loadReferral, type ReferralRow } from './referral.queries.js';
import { accessInForce } from './access.queries.js';
import { teamSupervisors } from './plan.queries.js';

/** Where a case sits for the permission rules: its hromada and the district it was opened in. */
export const caseScope = (hromadaId: number, k: Pick<CaseRow, 'district_id'>): RecordScope => ({
  hromadaId,
  districtId: k.district_id,
});

/**
 * Loads a case and checks the action on it. An unknown id, another hromada's case, and a restricted
 * case (violence, child protection) of a team the actor is not on are all «not found»: outside the
 * team nobody learns that a restricted case exists — except to read it for a manager who broke the glass
 * (with a reason, for a short while). A case out of the actor's reach is «forbidden».
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
  if (row.restricted && !onTeam && !(await brokeTheGlass(c, actor, action, id))) throw new AppError('not_found');
  if (!can(actor, action, caseScope(actor.hromadaId, row))) throw new AppError('forbidden');
  return { row, onTeam };
}

/** A manager outside the team of a restricted case reads it while the glass they broke is in force. */
async function brokeTheGlass(c: PoolClient, actor: TenantActor, action: Action, id: string): Promise<boolean> {
  if (action !== 'cases.read' || !can(actor, 'cases.supervise')) return false;
  return (await accessInForce(c, actor.hromadaId, id, actor.userId))?.kind === 'break_glass';
}

/** A change to a closed case is refused; only reopening it is allowed. */
export function requireOpen(row: Pick<CaseRow, 'status'>): void {
  if (row.status === 'closed') throw new AppError('conflict', { messageKey: 'cases.errors.closed' });
}

/** The agencies an actor answers for: those of its provider grants. */
export const agenciesOf = (actor: Pick<TenantActor, 'grants'>): number[] =>
  actor.grants.flatMap((g) => (g.role === 'provider' && g.agencyId !== null ? [g.agencyId] : []));

/**
 * Loads a referral for its two sides: the recipient (the member of staff it is addressed to, or a provider of
 * the agency) sees what it shares and answers it; the sending side sees it as part of the case (`requireCase`,
 * so a restricted case's referral only within its team). Anyone else: «not found».
 */
export async function requireReferral(
  c: PoolClient,
  actor: TenantActor,
  id: string,
  lock = false,
): Promise<{ row: ReferralRow; asRecipient: boolean }> {
  if (!isUuid(id)) throw new AppError('not_found');
  const row = await loadReferral(c, actor.hromadaId, id, lock);
  if (!row) throw new AppError('not_found');
  const asRecipient =
    can(actor, 'referrals.receive') &&
    (row.to_user_id === actor.userId || (row.to_agency_id !== null && agenciesOf(actor).includes(row.to_agency_id)));
  if (asRecipient) return { row, asRecipient };
  if (!can(actor, 'cases.read')) throw new AppError('not_found');
  await requireCase(c, actor, 'cases.read', row.case_id);
  return { row, asRecipient };
}

/**
 * Whether the actor may approve or return the case's plan and its closure: a supervisor named on the case's team,
 * or a manager of the hromada (`cases.supervise`).
 */
export async function maySupervise(
  c: PoolClient,
  actor: TenantActor,
  row: CaseRow,
  /** The case's present team when the caller has already read it (the case page): no second query. */
  team?: readonly Pick<TeamRow, 'user_id' | 'role'>[],
): Promise<boolean> {
  if (can(actor, 'cases.supervise', caseScope(actor.hromadaId, row))) return true;
  if (team) return team.some((m) => m.role === 'supervisor' && m.user_id === actor.userId);
  return (await teamSupervisors(c, actor.hromadaId, row.id)).includes(actor.userId);
}

/**
 * Who may lift or restore the protection of a restricted case subject's contacts (decision 0023): the case's manager
 * or a supervisor on its present team.
 */
export const mayLiftProtection = (team: readonly Pick<TeamRow, 'user_id' | 'role'>[], userId: string): boolean =>
  team.some((m) => m.user_id === userId && (m.role === 'manager' || m.role === 'supervisor'));

/** Refuses (403, in words) an approval by someone who does not supervise the case. */
export async function requireSupervisor(c: PoolClient, actor: TenantActor, row: CaseRow): Promise<void> {
  if (!(await maySupervise(c, actor, row)))
    throw new AppError('forbidden', { messageKey: 'cases.plan.errors.notSupervisor' });
}
