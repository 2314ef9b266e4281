import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { can, roleReach, type Action, type Actor } from '../../platform/policy.js';
import { isUuid } from '../../platform/ids.js';
import { loadActAssignment, loadAgency, type ActAssignmentRow, type AgencyRow } from './service-acts.queries.js';

/** Where an act, a schedule or an assignment sits for these rules: the hromada and the provider. */
export const agencyScope = (hromadaId: number, agencyId: number) => ({ hromadaId, agencyIds: [agencyId] });

/**
 * Which providers' acts the actor reaches for an action: all of the hromada's (null), or the agencies of its provider
 * grants (possibly none).
 */
export function agencyReach(actor: Actor, action: Action): number[] | null {
  const grants = actor.grants.filter((g) => can({ ...actor, grants: [g] }, action));
  if (grants.some((g) => roleReach(g.role, action) === 'hromada')) return null;
  return [...new Set(grants.flatMap((g) => (g.agencyId !== null ? [g.agencyId] : [])))];
}

/** A provider the actor may do `action` for: another hromada's, unknown or out of reach — 404; readable only — 403. */
export async function requireAgency(c: PoolClient, actor: Actor, action: Action, id: number): Promise<AgencyRow> {
  const hromadaId = actor.hromadaId;
  if (hromadaId === null) throw new AppError('not_found');
  const row = await loadAgency(c, hromadaId, id);
  if (!row || !can(actor, 'acts.read', agencyScope(hromadaId, id))) throw new AppError('not_found');
  if (!can(actor, action, agencyScope(hromadaId, id))) throw new AppError('forbidden');
  return row;
}

/** An assignment the actor may do `action` on (same answers as `requireAgency`). */
export async function requireActAssignment(
  c: PoolClient,
  actor: Actor,
  action: Action,
  id: string,
): Promise<ActAssignmentRow> {
  const hromadaId = actor.hromadaId;
  if (hromadaId === null || !isUuid(id)) throw new AppError('not_found');
  const row = await loadActAssignment(c, hromadaId, id);
  if (!row || !can(actor, 'acts.read', agencyScope(hromadaId, row.agency_id))) throw new AppError('not_found');
  if (!can(actor, action, agencyScope(hromadaId, row.agency_id))) throw new AppError('forbidden');
  return row;
}
