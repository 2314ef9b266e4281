/**
 * What this module adds to other pages: on the case page (`caseSections`) «Відкрито за сигналом С-…» with a link to
 * the signal; on the person card (`personCardSections`) the signals about the person — for the roles that read
 * signals only — and «Повідомити сигнал» for those who may register one.
 */
import { can } from '../../platform/policy.js';
import type { CaseSection } from '../cases/cases.hooks.js';
import type { PersonCardSection } from '../persons-web/persons-web.hooks.js';
import { presentSignalItem } from './signals.presenter.js';
import { personSignals, signalNumberOf } from './signals.queries.js';

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

/** The person's signals (`personSignals`: null for a role that does not read signals) and the link to report one. */
export const personSignalsSection: PersonCardSection = {
  template: 'signals/views/person-signals.njk',
  read: async ({ c, actor, hromadaId, audit, person, t }) => {
    const canRead = can(actor, 'signals.read');
    const rows = canRead ? await personSignals(c, hromadaId, person.id) : null;
    if (rows) {
      await audit({
        action: 'signal.list',
        operation: 'read',
        entityType: 'person',
        entityId: person.id,
        fields: ['source', 'urgency', 'status'],
        reason: `person;results:${rows.length}`,
      });
    }
    const now = new Date();
    return {
      personSignals: rows?.map((s) => presentSignalItem(s, t, now)) ?? null,
      canReportSignal: can(actor, 'signals.register') && !person.merged_into,
    };
  },
};
