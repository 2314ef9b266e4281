import type { PoolClient } from 'pg';
import { AppError } from '../../../platform/errors.js';
import { can, type Actor } from '../../../platform/policy.js';
import type { AuditEntry } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { householdScope, loadHousehold, type HouseholdRow } from '../households.queries.js';

/** Loads a household and checks the action on it: another hromada's or unknown id → 404, out of reach → 403. */
export async function requireHousehold(c: PoolClient, actor: Actor, action: 'registry.read' | 'registry.write', id: string)
  : Promise<{ household: HouseholdRow; canWrite: boolean }> {
  const household = await loadHousehold(c, actor.hromadaId!, id);
  if (!household) throw new AppError('not_found');
  const scope = await householdScope(c, actor.hromadaId!, household);
  if (!can(actor, action, scope)) throw new AppError('forbidden');
  return { household, canWrite: can(actor, 'registry.write', scope) };
}

export function householdAudit(actor: Actor, id: string, action: string, operation: 'read' | 'write', fields: string[],
  meta?: RequestMeta, reason?: string): AuditEntry {
  return { hromadaId: actor.hromadaId, actorId: actor.userId, actorLabel: actor.displayName, action, operation,
    entityType: 'household', entityId: id, fields, reason, ip: meta?.ip, requestId: meta?.requestId };
}
