import type { Queryable } from '../../platform/db.js';
import { authorize, type Actor } from '../../platform/policy.js';
import { AppError } from '../../platform/errors.js';
import { requireStaff, type StaffRow } from './users.queries.js';

/** Checks `users.manage` in the actor's current hromada before any transaction; returns that hromada. */
export function authorizeUsers(actor: Actor | null): { actor: Actor; hromadaId: number } {
  authorize(actor, 'users.manage');
  if (actor.hromadaId === null) throw new AppError('forbidden');
  return { actor, hromadaId: actor.hromadaId };
}

/**
 * The staff member an administrator may change: they must belong to the administrator's
 * hromada (else `not_found`, so other tenants' ids reveal nothing), and a platform
 * superadmin's account can be changed only by a superadmin.
 */
export async function manageableUser(c: Queryable, actor: Actor, hromadaId: number, userId: string): Promise<StaffRow> {
  const target = await requireStaff(c, hromadaId, userId);
  if (target.is_superadmin && !actor.isSuperadmin) throw new AppError('forbidden');
  return target;
}
