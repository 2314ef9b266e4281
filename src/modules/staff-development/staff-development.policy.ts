import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { can, roleReach, type Action, type TenantActor } from '../../platform/policy.js';
import {
  loadStaffMember,
  loadSupervision,
  loadTraining,
  qualificationsOf,
  type QualificationRow,
  type RecordKind,
  type StaffMemberRow,
  type SupervisionRow,
  type TrainingRow,
} from './staff-development.queries.js';

type StaffAction = Extract<Action, `staffdev.${string}`>;

/**
 * How far the actor reaches the hromada's staff for an action: null = all of them (a hromada-wide grant), otherwise
 * the agencies whose staff it reaches (a provider's own agency; none for a grant without an agency).
 */
export function staffReach(actor: TenantActor, action: StaffAction): number[] | null {
  if (actor.grants.some((g) => roleReach(g.role, action) === 'hromada')) return null;
  return actor.grants
    .filter((g) => roleReach(g.role, action) === 'agency' && g.agencyId != null)
    .map((g) => g.agencyId as number);
}

/**
 * Loads a staff member of the hromada and checks the action on them. An unknown id, another hromada's user and the
 * staff of another agency (for a provider) are «not found»; a role without the action is «forbidden».
 */
export async function requireStaffMember(
  c: PoolClient,
  actor: TenantActor,
  action: StaffAction,
  userId: string,
): Promise<StaffMemberRow> {
  if (!can(actor, action)) throw new AppError('forbidden');
  if (!isUuid(userId)) throw new AppError('not_found');
  const row = await loadStaffMember(c, actor.hromadaId, staffReach(actor, action), userId);
  if (!row) throw new AppError('not_found');
  const scope = { hromadaId: actor.hromadaId, agencyIds: row.agency_ids };
  if (!can(actor, action, scope)) throw new AppError('not_found');
  return row;
}

export type StaffRecord =
  | { kind: 'qualification'; row: QualificationRow }
  | { kind: 'training'; row: TrainingRow }
  | { kind: 'supervision'; row: SupervisionRow };

/** One record of a staff member already checked with `requireStaffMember` (the member's own; else «not found»). */
export async function requireStaffRecord(
  c: PoolClient,
  hromadaId: number,
  memberId: string,
  kind: RecordKind,
  id: string,
): Promise<StaffRecord> {
  if (!isUuid(id)) throw new AppError('not_found');
  if (kind === 'qualification') {
    const row = (await qualificationsOf(c, hromadaId, memberId)).find((q) => q.id === id);
    if (row) return { kind, row };
  } else if (kind === 'training') {
    const row = await loadTraining(c, hromadaId, memberId, id);
    if (row) return { kind, row };
  } else {
    const row = await loadSupervision(c, hromadaId, memberId, id);
    if (row) return { kind, row };
  }
  throw new AppError('not_found');
}
