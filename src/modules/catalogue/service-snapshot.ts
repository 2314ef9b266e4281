import type { TFunction } from 'i18next';
import { formatDateTime } from '../../platform/i18n.js';
import type { HistoryRow, ServiceCard } from './catalogue.queries.js';
import { serviceToJson } from './catalogue.presenter.js';

/** The card as kept in service_history: everything an editor can change. */
export function snapshotOf(card: ServiceCard) {
  const { id: _id, version: _v, updatedAt: _u, ...rest } = serviceToJson(card);
  return { ...rest, active: card.service.active };
}
export type Snapshot = ReturnType<typeof snapshotOf>;
export type SnapshotField = keyof Snapshot;

export const SNAPSHOT_FIELDS: SnapshotField[] = [
  'code',
  'name',
  'nameEn',
  'description',
  'recipients',
  'conditions',
  'eligibleCategories',
  'minAge',
  'maxAge',
  'paid',
  'tariff',
  'maxProcessingDays',
  'crisis',
  'channels',
  'legalBasis',
  'providers',
  'requiredDocuments',
  'steps',
  'active',
];

/** Fields whose value differs between two cards (old snapshots may lack newer fields). */
export function changedFields(before: Partial<Snapshot>, after: Partial<Snapshot>): SnapshotField[] {
  return SNAPSHOT_FIELDS.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null));
}

/** A field's value in words, for the history page. */
export function fieldText(t: TFunction, field: SnapshotField, s: Partial<Snapshot>): string {
  const none = t('catalogue.history.empty');
  switch (field) {
    case 'paid':
      return s.paid ? t(`catalogue.cost.${s.paid}`) : none;
    case 'crisis':
    case 'active':
      return t(s[field] ? 'catalogue.history.yes' : 'catalogue.history.no');
    case 'channels':
      return (s.channels ?? []).map((c) => t(`catalogue.channel.${c}`)).join('; ') || none;
    case 'eligibleCategories':
      return (s.eligibleCategories ?? []).join(', ') || t('catalogue.card.everyone');
    case 'providers':
      return (s.providers ?? []).map((p) => p.name).join('; ') || none;
    case 'requiredDocuments':
      return (
        (s.requiredDocuments ?? [])
          .map(
            (d) =>
              `${d.name}${d.obtainedByOffice ? ` (${t('catalogue.history.byOffice')})` : ''}` +
              (d.kind && d.kind !== 'required' ? ` (${t(`catalogue.documentKind.${d.kind}`)})` : ''),
          )
          .join('; ') || none
      );
    case 'steps':
      return (
        (s.steps ?? [])
          .map(
            (st) =>
              `${st.position}. ${st.title}${st.responsibleRole ? ` — ${st.responsibleRole}` : ''}` +
              (st.timeLimitDays !== null
                ? ` (${t('catalogue.deadline.workingDays', { count: st.timeLimitDays })})`
                : ''),
          )
          .join('; ') || none
      );
    default: {
      const v = s[field];
      return v === null || v === undefined || v === '' ? none : String(v);
    }
  }
}

/**
 * The versions of a card for the history page, newest first: who changed it, when, why, and which
 * fields (each version compared with the next, the newest with the current card), with old values.
 */
export function historyChanges(t: TFunction, card: ServiceCard, rows: HistoryRow<Partial<Snapshot>>[]) {
  const current = snapshotOf(card);
  return rows.map((row, i) => {
    const after = i === 0 ? current : rows[i - 1].snapshot;
    const fields = changedFields(row.snapshot, after);
    return {
      from: row.version,
      to: row.version + 1,
      at: formatDateTime(row.changed_at),
      by: row.display_name ?? t('catalogue.history.unknownUser'),
      reason: row.reason,
      fields: fields.map((f) => ({
        label: t(`catalogue.field.${f}`),
        before: fieldText(t, f, row.snapshot),
        after: fieldText(t, f, after),
      })),
    };
  });
}
