import type { PoolClient } from 'pg';
import { inTenant, type UseCase } from '../../platform/use-case.js';
import { loadStoredCalendar, saveStoredCalendar, type StoredCalendar } from './calendar.queries.js';

/**
 * Changes the hromada's working-day calendar under a lock of the hromada row and audits it.
 * Deadlines computed afterwards use the new calendar; stored deadlines stay as they are.
 */
export async function editCalendar(
  o: UseCase,
  action: string,
  fields: string[],
  reason: string,
  change: (cal: StoredCalendar, c: PoolClient) => void | Promise<void>,
): Promise<void> {
  await inTenant(o, 'calendar.manage', async ({ c, hromadaId, audit }) => {
    const cal = await loadStoredCalendar(c, hromadaId, true);
    await change(cal, c);
    await saveStoredCalendar(c, hromadaId, cal);
    await audit({ action, operation: 'admin', entityType: 'hromada', entityId: String(hromadaId), fields, reason });
  });
}
