import { problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireOpenSignal, requireSignal } from '../signals.policy.js';
import { addSignalEvent, closeSignalRow, hromadaAgencies } from '../signals.queries.js';

/** An outcome without a case: passed to an agency of the hromada (with the reason), or no action (with the reason). */
export type CloseSignalInput =
  { outcome: 'agency'; agencyId: number; reason: string } | { outcome: 'no_action'; reason: string };

/** Closes a signal with an outcome other than a case; a closed signal cannot be changed after. Audited. */
export async function closeSignal(o: UseCase<{ id: string; input: CloseSignalInput }>): Promise<void> {
  return inTenant(o, 'signals.write', async ({ c, actor, hromadaId, audit }) => {
    const row = await requireSignal(c, actor, 'signals.write', o.id, true);
    requireOpenSignal(row);
    const i = o.input;
    let agency: { id: number; name: string } | null = null;
    if (i.outcome === 'agency') {
      agency = (await hromadaAgencies(c, hromadaId)).find((a) => a.id === i.agencyId) ?? null;
      if (!agency) throw problem('agencyId', 'signals.v.agency');
    }
    await closeSignalRow(c, hromadaId, row.id, { outcome: i.outcome, reason: i.reason, agencyId: agency?.id ?? null });
    await addSignalEvent(c, {
      hromadaId,
      signalId: row.id,
      by: actor,
      event: i.outcome,
      note: i.reason,
      data: agency ? { agency: agency.name } : {},
    });
    await audit({
      action: i.outcome === 'agency' ? 'signal.pass' : 'signal.dismiss',
      operation: 'write',
      entityType: 'signal',
      entityId: row.id,
      fields: ['status', 'outcome', ...(agency ? ['agency'] : [])],
    });
  });
}
