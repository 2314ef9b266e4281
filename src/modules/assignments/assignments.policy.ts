import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { can, roleReach, type Action, type Actor, type RecordScope } from '../../platform/policy.js';
import { isUuid } from '../../platform/ids.js';
import { loadAssignment, type AssignmentRow, type ListReach } from './assignments.queries.js';

/** Where an assignment sits: the application's district (starosta) and the provider's agency. */
export const scopeOf = (hromadaId: number, s: { district_id: number | null; agency_id: number }): RecordScope => ({
  hromadaId,
  districtId: s.district_id,
  agencyIds: [s.agency_id],
});

/**
 * Loads an assignment and checks the action on it. Anything the actor may not read — another
 * hromada's, another provider's, another district's, no such id — is "not found"; a readable
 * one the actor may not act on is "forbidden".
 */
export async function requireAssignment(
  c: PoolClient,
  actor: Actor,
  action: Action,
  id: string,
  forUpdate = false,
): Promise<AssignmentRow> {
  const hromadaId = actor.hromadaId;
  if (hromadaId === null || !isUuid(id)) throw new AppError('not_found');
  const row = await loadAssignment(c, hromadaId, id, forUpdate);
  if (!row || !can(actor, 'assignments.read', scopeOf(hromadaId, row))) throw new AppError('not_found');
  if (!can(actor, action, scopeOf(hromadaId, row))) throw new AppError('forbidden');
  return row;
}

/** How far the actor's list reaches: everything for hromada-wide grants, else districts and agencies of the grants. */
export function listReach(actor: Actor): ListReach | null {
  const grants = actor.grants.filter((g) => can({ ...actor, grants: [g] }, 'assignments.read'));
  if (grants.length === 0) return null;
  const reach = (g: (typeof grants)[number]) => roleReach(g.role, 'assignments.read');
  if (grants.some((g) => reach(g) === 'hromada')) return { all: true, districtIds: [], agencyIds: [] };
  // can() above kept only district and agency grants that name their district or agency.
  return {
    all: false,
    districtIds: grants.flatMap((g) => (reach(g) === 'district' && g.districtId !== null ? [g.districtId] : [])),
    agencyIds: grants.flatMap((g) => (reach(g) === 'agency' && g.agencyId !== null ? [g.agencyId] : [])),
  };
}
