import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { assignmentsPage, type AssignmentRow } from '../assignments.queries.js';
import { scopeOf } from '../assignments.policy.js';

/**
 * The person card's "services received": the person's assignments the actor may see; null when
 * the actor's role does not see assignments at all. Audited when something is shown.
 */
export async function listPersonAssignments(o: UseCase<{ personId: string }>): Promise<AssignmentRow[] | null> {
  if (!can(o.actor, 'assignments.read')) return null;
  return inTenant(o, 'assignments.read', async ({ c, actor, hromadaId, audit }) => {
    await requirePerson(c, actor, 'registry.read', o.personId);
    const all = await assignmentsPage(
      c,
      hromadaId,
      { all: true, districtIds: [], agencyIds: [] },
      { personIds: [o.personId] },
      200,
      0,
    );
    const rows = all.rows.filter((r) => can(actor, 'assignments.read', scopeOf(hromadaId, r)));
    if (rows.length) {
      await audit({
        operation: 'read',
        action: 'person.services.view',
        entityType: 'person',
        entityId: o.personId,
        fields: ['assignments'],
        reason: `results:${rows.length}`,
      });
    }
    return rows;
  });
}
