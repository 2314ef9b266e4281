import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireOpenSignal, requireSignal } from '../signals.policy.js';
import { addSignalEvent, setInTriage } from '../signals.queries.js';

/** Takes a new signal into triage (who took it is in its history); a signal already in triage stays so. Audited. */
export async function startSignalTriage(o: UseCase<{ id: string }>): Promise<void> {
  return inTenant(o, 'signals.write', async ({ c, actor, hromadaId, audit }) => {
    const row = await requireSignal(c, actor, 'signals.write', o.id, true);
    requireOpenSignal(row);
    if (row.status !== 'new') return;
    await setInTriage(c, hromadaId, row.id);
    await addSignalEvent(c, { hromadaId, signalId: row.id, by: actor, event: 'triage' });
    await audit({
      action: 'signal.triage',
      operation: 'write',
      entityType: 'signal',
      entityId: row.id,
      fields: ['status'],
    });
  });
}
