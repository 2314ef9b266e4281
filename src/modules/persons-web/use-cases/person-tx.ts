import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import type { AuditEntry } from '../../../platform/audit.js';
import { requirePerson } from '../../persons/persons.policy.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';

export interface PersonOptions { services: Services; actor: Actor | null; personId: string; meta?: RequestMeta }

export interface PersonTx { c: PoolClient; hromadaId: number; actor: Actor;
  /** An audit entry about this person. */
  audit(action: string, operation: 'read' | 'write', fields: string[]): AuditEntry }

/** A transaction in the actor's hromada after checking `action` on the person (404 elsewhere, 403 out of reach). */
export function withPerson<T>(o: PersonOptions, action: 'registry.read' | 'registry.write', fn: (x: PersonTx) => Promise<T>): Promise<T> {
  authorize(o.actor, action);
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    await requirePerson(c, actor, action, o.personId);
    return fn({ c, hromadaId, actor, audit: (a, operation, fields) => ({
      hromadaId, actorId: actor.userId, actorLabel: actor.displayName, action: a, operation, entityType: 'person',
      entityId: o.personId, fields, ip: o.meta?.ip, requestId: o.meta?.requestId,
    }) });
  });
}
