import type { Queryable } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { can, type Actor } from '../../platform/policy.js';
import { requireHromada, type HromadaRow } from './hromadas.queries.js';

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
