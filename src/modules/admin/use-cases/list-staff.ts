import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { listStaff, type StaffRow } from '../users.queries.js';

export const PAGE_SIZE = 25;

/** One page of the current hromada's staff, sorted. */
export async function listStaffPage(
  o: UseCase<{ sort: 'name' | 'username'; dir: 'asc' | 'desc'; page: number }>,
): Promise<{ rows: StaffRow[]; total: number }> {
  return inTenant(o, 'users.manage', ({ c, hromadaId }) =>
    listStaff(c, hromadaId, { sort: o.sort, dir: o.dir, limit: PAGE_SIZE, offset: (o.page - 1) * PAGE_SIZE }),
  );
}
