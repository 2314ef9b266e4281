/**
 * This module's side of opening a case from a signal (the cases module's `caseSignalLink` extension point): the
 * signal is checked and locked before the case is written, and closed with the outcome «case» after, in the
 * opening's transaction — whether the case is opened from the signal page or by `POST /api/v1/cases` with `signalId`.
 */
import { AppError } from '../../platform/errors.js';
import type { CaseSignalLink } from '../cases/cases.hooks.js';
import { requireOpenSignal, requireSignal } from './signals.policy.js';
import { addSignalEvent, caseOfSignal, closeSignalRow } from './signals.queries.js';

export const signalCaseLink: CaseSignalLink = {
  check: async ({ c, actor, hromadaId, signalId }) => {
    const row = await requireSignal(c, actor, 'signals.write', signalId, true);
    requireOpenSignal(row);
    if (await caseOfSignal(c, hromadaId, row.id))
      throw new AppError('conflict', { messageKey: 'signals.errors.closed' });
    return { number: row.number };
  },
  opened: async ({ c, actor, hromadaId, audit, signalId, caseId }) => {
    await closeSignalRow(c, hromadaId, signalId, { outcome: 'case', reason: null, agencyId: null });
    // The case's number is not written into the signal's history: a restricted case is named to its team only.
    await addSignalEvent(c, { hromadaId, signalId, by: actor, event: 'case' });
    await audit({
      action: 'signal.openCase',
      operation: 'write',
      entityType: 'signal',
      entityId: signalId,
      fields: ['status', 'outcome', 'case'],
      reason: `case:${caseId}`,
    });
  },
};
