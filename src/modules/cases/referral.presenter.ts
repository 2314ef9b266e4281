import type { TFunction } from 'i18next';
import { displayDate } from '../../platform/dates.js';
import { formatDateTime } from '../../platform/i18n.js';
import type { ReferralRow } from './referral.queries.js';

const STATUS_TAG = { sent: 'govuk-tag--yellow', accepted: 'govuk-tag--green', declined: 'govuk-tag--red' } as const;

/** A referral in a list: kind, recipient, status, when sent. */
export function presentReferralItem(r: ReferralRow, t: TFunction) {
  return {
    id: r.id,
    href: `/referrals/${r.id}`,
    kind: t(`cases.referral.kind.${r.kind}`),
    recipient: r.recipient,
    purpose: r.purpose,
    caseNumber: r.case_number,
    status: { text: t(`cases.referral.status.${r.status}`), classes: STATUS_TAG[r.status] },
    sent: formatDateTime(r.sent_at),
    sentBy: r.sent_label,
    declined: r.status === 'declined',
    resendHref: r.status === 'declined' ? `/cases/${r.case_id}/referrals/new?from=${r.id}` : null,
  };
}

/** A referral's page: what it shares (only the chosen sections), its basis and its answer. */
export function presentReferral(r: ReferralRow, t: TFunction) {
  const s = r.shared;
  return {
    ...presentReferralItem(r, t),
    caseHref: `/cases/${r.case_id}`,
    basis:
      r.basis === 'consent'
        ? t('cases.referral.basisConsent', { purpose: r.consent_purpose ?? '' })
        : r.basis === 'law'
          ? t('cases.referral.basisLaw', { ground: t(`cases.referral.lawGround.${r.law_ground ?? 'threat_to_life'}`) })
          : t('cases.referral.basisOverride'),
    basisReason: r.basis_reason,
    shared: {
      identity: s.identity && { name: s.identity.name, birthDate: displayDate(s.identity.birthDate) || '—' },
      contacts: s.contacts && { phone: s.contacts.phone ?? '—', email: s.contacts.email ?? '—' },
      hasAddress: s.address !== undefined,
      address: s.address ?? '—',
      caseInfo: s.caseInfo && {
        ...s.caseInfo,
        priority: t(`cases.priority.${s.caseInfo.priority}`),
      },
    },
    decided: r.decided_at ? formatDateTime(r.decided_at) : null,
    decidedBy: r.decided_label,
    decisionReason: r.decision_reason,
    resultCaseHref: r.result_case_id ? `/cases/${r.result_case_id}` : null,
    waiting: r.status === 'sent',
  };
}
