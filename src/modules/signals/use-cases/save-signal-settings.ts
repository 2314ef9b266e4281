import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { TriageHours } from '../signal-rules.js';
import { saveTriageHours, triageHours } from '../signals.queries.js';

/**
 * Sets the hromada's triage hours per urgency. They apply to signals registered from now on; a registered signal
 * keeps the deadline it got. Audited (an administrative change, with the hours before and after).
 */
export async function saveSignalSettings(o: UseCase<{ hours: TriageHours }>): Promise<void> {
  return inTenant(o, 'signals.manage', async ({ c, hromadaId, audit }) => {
    const before = await triageHours(c, hromadaId);
    await saveTriageHours(c, hromadaId, o.hours);
    const text = (h: TriageHours) => `${h.urgent}/${h.high}/${h.normal}`;
    await audit({
      action: 'signal.settings',
      operation: 'write',
      entityType: 'hromada',
      entityId: String(hromadaId),
      fields: ['triageHours'],
      reason: `${text(before)} -> ${text(o.hours)}`,
    });
  });
}
