import type { Queryable } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { authorize, can, type Actor, type TenantActor } from '../../platform/policy.js';
import { requireHromada, type HromadaRow } from './hromadas.queries.js';
import { requireStaff, type StaffRow } from './users.queries.js';

/** Only a platform superadmin may act on hromadas (tenants) as a whole. */
export function requireSuperadmin(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.kind !== 'staff' || !actor.isSuperadmin) throw new AppError('forbidden');
}

/** `users.manage` in the actor's current hromada (checked by a page before it reads or parses anything). */
export function authorizeUsers(actor: Actor | null): asserts actor is TenantActor {
  authorize(actor, 'users.manage');
}

/**
 * Setting up a tenant (districts, settlements, agencies): a platform superadmin for any
 * hromada, or an administrator of that very hromada (`districts.manage`).
 */
export function authorizeTenantSetup(actor: Actor | null, hromadaId: number): Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.kind === 'staff' && actor.isSuperadmin) return actor;
  if (actor.hromadaId === hromadaId && can(actor, 'districts.manage', { hromadaId })) return actor;
  throw new AppError('forbidden');
}

/** The hromada must already be a tenant before its districts and agencies are set up. */
export async function requireActiveHromada(c: Queryable, hromadaId: number): Promise<HromadaRow> {
  const h = await requireHromada(c, hromadaId);
  if (!h.active) throw new AppError('conflict', { messageKey: 'admin.errors.hromadaInactive' });
  return h;
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
