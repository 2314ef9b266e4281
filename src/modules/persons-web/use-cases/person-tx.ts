import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import type { Actor } from '../../../platform/policy.js';
import type { AuditEntry, RequestMeta } from '../../../platform/audit.js';
import { inTenant } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';

/**
 * Not a use-case: the consents module's prologue, kept until its use-cases start with `inTenant` and
 * `requirePerson` like the registry's own (which no longer use it); then this file goes.
 */
export interface PersonOptions { services: Services; actor: Actor | null; personId: string; meta?: RequestMeta }

export interface PersonTx { c: PoolClient; hromadaId: number; actor: Actor;
  /** An audit entry about this person. */
  audit(action: string, operation: 'read' | 'write', fields: string[]): AuditEntry }

/** A transaction in the actor's hromada after checking `action` on the person (404 elsewhere, 403 out of reach). */
export function withPerson<T>(o: PersonOptions, action: 'registry.read' | 'registry.write', fn: (x: PersonTx) => Promise<T>)
  : Promise<T> {
  return inTenant(o, action, async ({ c, actor, hromadaId }) => {
    await requirePerson(c, actor, action, o.personId);
    return fn({ c, hromadaId, actor, audit: (a, operation, fields) => ({
      hromadaId, actorId: actor.userId, actorLabel: actor.displayName, action: a, operation, entityType: 'person',
      entityId: o.personId, fields, ip: o.meta?.ip, requestId: o.meta?.requestId,
    }) });
  });
}
