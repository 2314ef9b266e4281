import type { UseCase } from '../../../platform/use-case.js';
import { authorize } from '../../../platform/policy.js';
import { staffCounters, type Counter } from '../staff.counters.js';
import { scopeNames } from '../staff.queries.js';

export interface StaffHomeData {
  names: Awaited<ReturnType<typeof scopeNames>>;
  counters: Counter[];
}

/**
 * What the staff home reads in the current hromada, in one transaction: the names of the
 * districts and agencies the actor's roles are limited to, and the counters of what waits.
 * A staff member without a current hromada (no grants) gets nothing.
 */
export async function getStaffHome(o: UseCase): Promise<StaffHomeData | null> {
  const actor = o.actor;
  if (!actor || actor.kind !== 'staff' || actor.hromadaId === null) return null;
  authorize(actor, 'staff.home');
  const hromadaId = actor.hromadaId;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => ({
    names: await scopeNames(c),
    counters: await staffCounters(c, actor, hromadaId),
  }));
}
