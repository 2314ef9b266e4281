import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { householdCases, type CaseRow } from '../cases.queries.js';

/**
 * The household card's «Випадки»: the cases opened for the household, restricted ones only for their team.
 * Null when the actor's role does not read cases; audited when something is shown.
 */
export async function listHouseholdCases(o: UseCase<{ householdId: string }>): Promise<CaseRow[] | null> {
  if (!can(o.actor, 'cases.read')) return null;
  return inTenant(o, 'cases.read', async ({ c, actor, hromadaId, audit }) => {
    const rows = await householdCases(c, hromadaId, o.householdId, actor.userId);
    if (rows.length) {
      await audit({
        action: 'household.cases.view',
        operation: 'read',
        entityType: 'household',
        entityId: o.householdId,
        fields: ['cases'],
        reason: `results:${rows.length}`,
      });
    }
    return rows;
  });
}
