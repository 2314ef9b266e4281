import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { SignalStatus, Urgency } from '../signal-rules.js';
import { signalsPage, type SignalRow } from '../signals.queries.js';

export const SIGNALS_PAGE_SIZE = 25;

/**
 * The signals of the hromada: overdue first, then open ones by deadline, then closed ones; by status, urgency,
 * or overdue only. The read is audited (names and observations are shown).
 */
export async function listSignals(
  o: UseCase<{ status: SignalStatus | null; urgency: Urgency | null; overdueOnly: boolean; page: number }>,
): Promise<{ rows: SignalRow[]; total: number }> {
  return inTenant(o, 'signals.read', async ({ c, hromadaId, audit }) => {
    const page = await signalsPage(
      c,
      hromadaId,
      { status: o.status, urgency: o.urgency, overdueOnly: o.overdueOnly },
      SIGNALS_PAGE_SIZE,
      (o.page - 1) * SIGNALS_PAGE_SIZE,
    );
    const filters = [o.status, o.urgency, o.overdueOnly ? 'overdue' : null].filter(Boolean).join(',');
    await audit({
      action: 'signal.list',
      operation: 'read',
      entityType: 'signal',
      fields: ['subject', 'source', 'urgency', 'status'],
      reason: `${filters ? `${filters};` : ''}results:${page.rows.length}`,
    });
    return page;
  });
}
