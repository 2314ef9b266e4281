import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import type { CaseStatus } from '../case-machine.js';
import { casesPage, personCases, type CaseRow } from '../cases.queries.js';

/**
 * Cases for the API: a person's (their own and their households'), or the hromada's, by status; a
 * restricted case only for its team. The read is audited.
 */
export async function searchCases(
  o: UseCase<{ personId?: string; status?: CaseStatus; limit: number; offset: number }>,
): Promise<{ rows: CaseRow[]; total: number }> {
  return inTenant(o, 'cases.read', async ({ c, actor, hromadaId, audit }) => {
    let result: { rows: CaseRow[]; total: number };
    if (o.personId) {
      await requirePerson(c, actor, 'registry.read', o.personId);
      const all = (await personCases(c, hromadaId, o.personId, actor.userId, 10_000)).filter(
        (k) => !o.status || k.status === o.status,
      );
      result = { rows: all.slice(o.offset, o.offset + o.limit), total: all.length };
    } else {
      const filter = { status: o.status ?? null, managerId: null, viewerId: actor.userId, districtId: null };
      result = await casesPage(c, hromadaId, filter, o.limit, o.offset);
    }
    await audit({
      action: 'case.list',
      operation: 'read',
      entityType: o.personId ? 'person' : 'case',
      entityId: o.personId,
      fields: ['subject', 'type', 'status', 'manager'],
      reason: `results:${result.rows.length}`,
    });
    return result;
  });
}
