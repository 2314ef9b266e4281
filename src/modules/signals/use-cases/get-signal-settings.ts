import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { TriageHours } from '../signal-rules.js';
import { triageHours } from '../signals.queries.js';

/** The hromada's triage hours per urgency (the defaults when it has set none). No personal data: not audited. */
export async function getSignalSettings(o: UseCase): Promise<TriageHours> {
  return inTenant(o, 'signals.manage', ({ c, hromadaId }) => triageHours(c, hromadaId));
}
