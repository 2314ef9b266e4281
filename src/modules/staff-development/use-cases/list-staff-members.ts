import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { staffReach } from '../staff-development.policy.js';
import { staffPage, type StaffListRow } from '../staff-development.queries.js';

export const STAFF_PAGE_SIZE = 50;

/**
 * The staff members within the actor's reach (a provider: its own agency's), by name, with the year's training and
 * supervision hours. Employees' personal data: the reading is audited.
 */
export async function listStaffMembers(
  o: UseCase<{ year: number; page: number }>,
): Promise<{ rows: StaffListRow[]; total: number }> {
  return inTenant(o, 'staffdev.read', async ({ c, actor, hromadaId, audit }) => {
    const r = await staffPage(
      c,
      hromadaId,
      staffReach(actor, 'staffdev.read'),
      o.year,
      STAFF_PAGE_SIZE,
      (o.page - 1) * STAFF_PAGE_SIZE,
    );
    await audit({ action: 'staffdev.list', operation: 'read', entityType: 'user', fields: ['staffDevelopment'] });
    return r;
  });
}
