import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { can, roleReach, type Action, type Actor, type RecordScope } from '../../platform/policy.js';
import type { SearchReach } from './persons.search.js';
import { personScopeRow, type SimilarRow } from './persons.queries.js';
import { isUuid } from '../../platform/ids.js';

/** Where a person sits for access checks: hromada, district, agencies that serve them. */
export async function personScope(
  client: PoolClient,
  hromadaId: number,
  personId: string,
): Promise<(RecordScope & { mergedInto: string | null }) | null> {
  if (!isUuid(personId)) return null;
  const r = await personScopeRow(client, hromadaId, personId);
  return r ? { hromadaId, districtId: r.district_id, agencyIds: r.agencies, mergedInto: r.merged_into } : null;
}

/**
 * Loads the person's scope and checks the action on it. A person of another hromada (or no
 * such id) is "not found", never "forbidden", so ids of other tenants reveal nothing.
 */
export async function requirePerson(client: PoolClient, actor: Actor, action: Action, personId: string) {
  const scope = actor.hromadaId === null ? null : await personScope(client, actor.hromadaId, personId);
  if (!scope) throw new AppError('not_found');
  if (!can(actor, action, scope)) throw new AppError('forbidden');
  return scope;
}

/**
 * The narrowest reach the actor's grants allow for reading the registry: no limit when a
 * hromada-wide grant exists; else the district (starosta) or agency (provider) of the grant.
 */
export function searchReach(actor: Actor): SearchReach | null {
  const grants = actor.grants.filter((g) => can({ ...actor, grants: [g] }, 'registry.read'));
  if (grants.length === 0) return null;
  if (grants.some((g) => roleReach(g.role, 'registry.read') === 'hromada')) return {};
  // can() above kept only grants that name their district or agency.
  const g = grants[0];
  return roleReach(g.role, 'registry.read') === 'district' ? { districtId: g.districtId } : { agencyId: g.agencyId };
}

/**
 * The refusal of a duplicate identifier as the actor may hear it: within the actor's reach the
 * existing record's id (the form links to its card); beyond it (a starosta and another district's
 * person) only that the number is already registered in the hromada — no name, no link, no id.
 */
export async function duplicateIdentifier(
  client: PoolClient,
  actor: Actor,
  existingId: string,
  messageKey: string,
): Promise<AppError> {
  const scope = actor.hromadaId === null ? null : await personScope(client, actor.hromadaId, existingId);
  if (scope && can(actor, 'registry.read', scope))
    return new AppError('conflict', { messageKey, details: { existingId } });
  return new AppError('conflict', { messageKey: 'persons.v.registeredBeyondReach' });
}

/** Similar persons the actor may be shown, and whether there are others beyond the actor's reach (shown as a count-free note). */
export async function similarWithinReach(
  client: PoolClient,
  actor: Actor,
  rows: SimilarRow[],
): Promise<{ similar: SimilarRow[]; similarBeyondReach: boolean }> {
  const similar: SimilarRow[] = [];
  let beyond = false;
  for (const r of rows) {
    const scope = actor.hromadaId === null ? null : await personScope(client, actor.hromadaId, r.id);
    if (scope && can(actor, 'registry.read', scope)) similar.push(r);
    else beyond = true;
  }
  return { similar, similarBeyondReach: beyond };
}
