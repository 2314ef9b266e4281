import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { CaseStatus } from '../case-machine.js';
import { casesPage, type CaseRow } from '../cases.queries.js';

export const CASES_PAGE_SIZE = 25;

/**
 * The cases list: the actor's own (as manager) or all of the hromada's, by status, newest first;
 * a restricted case is listed only for its team. The read is audited (names are shown).
 */
export async function listCases(
  o: UseCase<{ status: CaseStatus | null; mine: boolean; page: number }>,
): Promise<{ rows: CaseRow[]; total: number }> {
  return inTenant(o, 'cases.read', async ({ c, actor, hromadaId, audit }) => {
    const page = await casesPage(
      c,
      hromadaId,
      { status: o.status, managerId: o.mine ? actor.userId : null, viewerId: actor.userId, districtId: null },
      CASES_PAGE_SIZE,
      (o.page - 1) * CASES_PAGE_SIZE,
    );
    await audit({
      action: 'case.list',
      operation: 'read',
      entityType: 'case',
      fields: ['subject', 'type', 'status', 'manager'],
      reason: `${o.mine ? 'mine' : 'all'}${o.status ? `,${o.status}` : ''};results:${page.rows.length}`,
    });
    return page;
  });
}
