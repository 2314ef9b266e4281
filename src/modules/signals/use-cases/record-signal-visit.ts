import { ValidationError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { kyivDateTime } from '../signal-rules.js';
import { requireOpenSignal, requireSignal } from '../signals.policy.js';
import { addSignalEvent, insertVisit, setInTriage } from '../signals.queries.js';

/**
 * Records the mobile brigade's visit for a signal (the day, who went, what they found); the signal is then in
 * triage, and an outcome still has to follow. The day is not in the future nor before the signal was received. Audited.
 */
export async function recordSignalVisit(
  o: UseCase<{ id: string; input: { visitedOn: string; members: string; findings: string }; now?: Date }>,
): Promise<void> {
  return inTenant(o, 'signals.write', async ({ c, actor, hromadaId, audit }) => {
    const row = await requireSignal(c, actor, 'signals.write', o.id, true);
    requireOpenSignal(row);
    const i = o.input;
    const bad = (key: string) => new ValidationError([{ field: 'visitedOn', key, href: '#visitedOn-day' }]);
    if (i.visitedOn > kyivDateTime(o.now ?? new Date()).date) throw bad('signals.v.visitFuture');
    if (i.visitedOn < kyivDateTime(row.received_at).date) throw bad('signals.v.visitBeforeReceived');
    await insertVisit(c, { hromadaId, signalId: row.id, ...i, by: actor.userId });
    await setInTriage(c, hromadaId, row.id);
    await addSignalEvent(c, { hromadaId, signalId: row.id, by: actor, event: 'visit', data: { on: i.visitedOn } });
    await audit({
      action: 'signal.visit',
      operation: 'write',
      entityType: 'signal',
      entityId: row.id,
      fields: ['visits', 'findings'],
    });
  });
}
