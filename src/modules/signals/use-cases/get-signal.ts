import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { isOnTeam } from '../../cases/cases.queries.js';
import { requireSignal } from '../signals.policy.js';
import { caseOfSignal, signalVisits, type SignalRow, type VisitRow } from '../signals.queries.js';

/** A signal for the API: the row, its visits and the case opened from it (a restricted case: its team only). */
export async function getSignal(
  o: UseCase<{ id: string }>,
): Promise<{ row: SignalRow; visits: VisitRow[]; caseId: string | null }> {
  return inTenant(o, 'signals.read', async ({ c, actor, hromadaId, audit }) => {
    const row = await requireSignal(c, actor, 'signals.read', o.id);
    const linked = await caseOfSignal(c, hromadaId, row.id);
    const caseId =
      linked &&
      can(actor, 'cases.read') &&
      (!linked.restricted || (await isOnTeam(c, hromadaId, linked.id, actor.userId)))
        ? linked.id
        : null;
    await audit({
      action: 'signal.view',
      operation: 'read',
      entityType: 'signal',
      entityId: row.id,
      fields: ['subject', 'source', 'place', 'observed', 'urgency', 'reporter', 'visits', 'outcome'],
    });
    return { row, visits: await signalVisits(c, hromadaId, row.id), caseId };
  });
}
