import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { CasePriority } from '../../cases/case-machine.js';
import { openCase } from '../../cases/use-cases/open-case.js';
import { signalCaseLink } from '../signals.case-link.js';

/**
 * Triages a signal into a case: the cases module opens it (for the registry person chosen; a restricted type such
 * as a child at risk is allowed, the opener is on its team) with the signal named on it, and the signal is closed
 * with that outcome — one transaction, both audited.
 */
export async function openSignalCase(
  o: UseCase<{ id: string; input: { personId: string; typeCode: string; priority: CasePriority; note?: string } }>,
): Promise<{ id: string; number: string }> {
  return inTenant(o, 'signals.write', async ({ c, audit }) =>
    openCase({
      services: o.services,
      actor: o.actor,
      meta: o.meta,
      tx: c,
      audit,
      input: { ...o.input, signalId: o.id },
      signalLink: signalCaseLink,
    }),
  );
}
