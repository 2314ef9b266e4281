/** What this module adds to the case page (`caseSections`): «Відкрито за сигналом С-…» with a link to the signal. */
import { can } from '../../platform/policy.js';
import type { CaseSection } from '../cases/cases.hooks.js';
import { signalNumberOf } from './signals.queries.js';

export const caseSignalSection: CaseSection = {
  template: 'signals/views/case-signal.njk',
  fields: ['signal'],
  read: async ({ c, actor, hromadaId, kase }) => {
    if (!kase.signal_id) return { caseSignal: null };
    const number = await signalNumberOf(c, hromadaId, kase.signal_id);
    return {
      caseSignal: number && {
        number,
        href: can(actor, 'signals.read') ? `/signals/${kase.signal_id}` : null,
      },
    };
  },
};
