import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { personCases, type CaseRow } from '../cases.queries.js';

/**
 * The person card's «Випадки»: the person's own cases and their households', restricted ones only for
 * their team. Null when the actor's role does not read cases; audited when something is shown.
 */
export async function listPersonCases(o: UseCase<{ personId: string }>): Promise<CaseRow[] | null> {
  if (!can(o.actor, 'cases.read')) return null;
  return inTenant(o, 'cases.read', async ({ c, actor, hromadaId, audit }) => {
    const rows = await personCases(c, hromadaId, o.personId, actor.userId);
    if (rows.length) {
      await audit({
        action: 'person.cases.view',
        operation: 'read',
        entityType: 'person',
        entityId: o.personId,
        fields: ['cases'],
        reason: `results:${rows.length}`,
      });
    }
    return rows;
  });
}
