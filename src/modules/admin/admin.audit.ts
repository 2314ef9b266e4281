/**
 * Kept for modules not yet moved to the one audit writer (`auditWriter` in platform/audit.ts);
 * the admin module itself no longer uses it. The lead deletes it after issue 10's merge.
 */
import type { Queryable } from '../../platform/db.js';
import type { Actor } from '../../platform/policy.js';
import { auditWriter, type RequestMeta } from '../../platform/audit.js';

export type { RequestMeta } from '../../platform/audit.js';
export { requireSuperadmin } from './admin.policy.js';
export { temporaryPassword } from './temporary-password.js';
export { isUniqueViolation } from './hromadas.queries.js';

/** Appends one administrative entry (operation 'admin') in the caller's transaction. */
export function auditAdmin(c: Queryable, o: {
  actor: Actor; meta: RequestMeta; hromadaId: number; action: string; entityType: string; entityId: string | number;
  fields: string[]; reason?: string;
}) {
  return auditWriter(c, o.actor, o.meta, { hromadaId: o.hromadaId })({
    action: o.action, operation: 'admin', entityType: o.entityType, entityId: String(o.entityId), fields: o.fields,
    reason: o.reason ?? null,
  });
}

