import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { serviceHistory, type HistoryRow, type ServiceCard } from '../catalogue.queries.js';
import { requireServiceCard } from '../catalogue.policy.js';
import type { Snapshot } from '../service-snapshot.js';

/** A service card and its kept versions, newest first (the presenter compares each with the next). */
export async function viewServiceHistory(
  o: UseCase<{ id: string }>,
): Promise<{ card: ServiceCard; rows: HistoryRow<Partial<Snapshot>>[] }> {
  return inTenant(o, 'catalogue.manage', async ({ c }) => {
    const card = await requireServiceCard(c, o.id);
    return { card, rows: await serviceHistory<Partial<Snapshot>>(c, o.id) };
  });
}
