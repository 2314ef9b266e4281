import { authorize } from '../../../platform/policy.js';
import { ValidationError, type Problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { parseDisplayDate } from '../../../platform/dates.js';
import type { AuditQuery } from '../audit.schema.js';
import { listActors, searchAudit } from '../audit.queries.js';

export const AUDIT_PAGE_SIZE = 50;

/**
 * Searches this hromada's audit trail. The search itself is recorded (operation 'read',
 * with the names of the filters used) in the same transaction.
 */
export async function searchAuditTrail(o: UseCase<{ query: AuditQuery }>) {
  authorize(o.actor, 'audit.search');
  const q = o.query;
  const problems: Problem[] = [];
  const fromDate = q.from ? parseDisplayDate(q.from) : null;
  const toDate = q.to ? parseDisplayDate(q.to) : null;
  if (q.from && !fromDate) problems.push({ field: 'from', key: 'audit.errors.date' });
  if (q.to && !toDate) problems.push({ field: 'to', key: 'audit.errors.date' });
  if (fromDate && toDate && fromDate > toDate) problems.push({ field: 'to', key: 'audit.errors.range' });
  if (problems.length) throw new ValidationError(problems);
  const used = (['from', 'to', 'actor', 'entityType', 'entityId', 'operation'] as const).filter((k) => q[k] !== '');
  return inTenant(o, 'audit.search', async ({ c, hromadaId, audit }) => {
    const result = await searchAudit(
      c,
      {
        hromadaId,
        fromDate,
        toDate,
        actorId: q.actor || null,
        entityType: q.entityType || null,
        entityId: q.entityId || null,
        operation: q.operation || null,
        before: q.before,
        after: q.after,
      },
      AUDIT_PAGE_SIZE,
    );
    const actors = await listActors(c, hromadaId);
    await audit({ action: 'audit.search', operation: 'read', entityType: 'audit_log', fields: used });
    return { ...result, actors };
  });
}
