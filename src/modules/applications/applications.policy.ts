import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { can, roleReach, type Action, type Actor, type RecordScope } from '../../platform/policy.js';
import { loadApplication, type ApplicationRow } from './applications.queries.js';
import { TRANSITIONS, commandsFrom, type Command } from './status-machine.js';

export const scopeOf = (hromadaId: number, a: { district_id: number | null }): RecordScope => ({
  hromadaId,
  districtId: a.district_id,
});

/**
 * Loads an application and checks the action on it. Another hromada's (or no such) id is
 * "not found", never "forbidden"; an application outside the actor's district is forbidden.
 */
export async function requireApplication(
  c: PoolClient,
  actor: Actor,
  action: Action,
  id: string,
  forUpdate = false,
): Promise<ApplicationRow> {
  const hromadaId = actor.hromadaId;
  if (hromadaId === null || !isUuid(id)) throw new AppError('not_found');
  const row = await loadApplication(c, hromadaId, id, forUpdate);
  if (!row) throw new AppError('not_found');
  if (!can(actor, 'applications.read', scopeOf(hromadaId, row))) throw new AppError('forbidden');
  if (!can(actor, action, scopeOf(hromadaId, row))) throw new AppError('forbidden');
  return row;
}

/** The district the actor's queue is limited to: none for hromada-wide grants, else the starosta's district. */
export function queueReach(actor: Actor): { districtId?: number } | null {
  const grants = actor.grants.filter((g) => can({ ...actor, grants: [g] }, 'applications.read'));
  if (grants.length === 0) return null;
  if (grants.some((g) => roleReach(g.role, 'applications.read') === 'hromada')) return {};
  // can() above kept only district grants that name their district.
  const districtId = grants[0].districtId;
  return districtId === null ? null : { districtId };
}

/** A decision is taken about a registry person: an application whose person is not confirmed yet waits for the link. */
export const needsPerson = (a: Pick<ApplicationRow, 'person_id'>, command: Command) =>
  a.person_id === null && TRANSITIONS[command].action === 'applications.decide';

/** Commands the actor may use on this application now (status allows it, the role may, the person is known when needed). */
export function commandsFor(actor: Actor, hromadaId: number, a: ApplicationRow): Command[] {
  return commandsFrom(a.status).filter(
    (c) => can(actor, TRANSITIONS[c].action, scopeOf(hromadaId, a)) && !needsPerson(a, c),
  );
}

/** Assignment is part of processing and possible until the application is final. */
export const canAssign = (actor: Actor, hromadaId: number, a: ApplicationRow) =>
  !['refused', 'completed', 'withdrawn'].includes(a.status) &&
  can(actor, 'applications.process', scopeOf(hromadaId, a));
