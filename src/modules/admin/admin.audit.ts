import crypto from 'node:crypto';
import type { Queryable } from '../../platform/db.js';
import type { Actor } from '../../platform/policy.js';
import { writeAudit, type RequestMeta } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';

export type { RequestMeta } from '../../platform/audit.js';

/** Appends one administrative entry (operation 'admin') in the caller's transaction. */
export function auditAdmin(c: Queryable, o: {
  actor: Actor; meta: RequestMeta; hromadaId: number; action: string; entityType: string; entityId: string | number;
  fields: string[]; reason?: string;
}) {
  return writeAudit(c, {
    hromadaId: o.hromadaId, actorId: o.actor.userId, actorLabel: o.actor.displayName, action: o.action,
    operation: 'admin', entityType: o.entityType, entityId: String(o.entityId), fields: o.fields,
    reason: o.reason ?? null, ip: o.meta.ip, requestId: o.meta.requestId,
  });
}

/** Only a platform superadmin may act on hromadas (tenants) as a whole. */
export function requireSuperadmin(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.kind !== 'staff' || !actor.isSuperadmin) throw new AppError('forbidden');
}

/** The actor's current hromada, or `forbidden` for an actor without one. */
export function currentHromada(actor: Actor): number {
  if (actor.hromadaId === null) throw new AppError('forbidden');
  return actor.hromadaId;
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A temporary password, easy to read out and type: four groups of five characters. */
export function temporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = '';
    for (let i = 0; i < 5; i++) s += ALPHABET[crypto.randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

export const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';
