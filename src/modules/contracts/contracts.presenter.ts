import type { TFunction } from 'i18next';
import { displayDate } from '../../platform/dates.js';
import { money, reassessmentDue, UNITS, volume, type Unit } from './contract-rules.js';
import type { ContractRow, ContractServiceRow } from './contracts.queries.js';
import type { BidRow, OrderLineRow, OrderRow } from './social-orders.queries.js';

const TAG: Record<string, string> = {
  active: 'govuk-tag--green',
  terminated: 'govuk-tag--grey',
  draft: 'govuk-tag--grey',
  procurement: 'govuk-tag--yellow',
  awarded: 'govuk-tag--green',
  closed: 'govuk-tag--grey',
};

export const unitOptions = (t: TFunction) => UNITS.map((u) => ({ value: u, text: t(`contracts.unit.${u}`) }));
const amountOf = (t: TFunction, v: string, unit: Unit) => `${volume(v)} ${t(`contracts.unitShort.${unit}`)}`;

/** A contract in a list or on its page. */
export function presentContract(k: ContractRow, t: TFunction, o: { today: string; reassessmentDays: number }) {
  return {
    id: k.id,
    href: `/contracts/${k.id}`,
    number: k.number,
    person: k.person_name,
    personHref: `/persons/${k.person_id}`,
    agency: k.agency_name,
    form: t(`contracts.form.${k.form}`),
    signedOn: displayDate(k.signed_on),
    startsOn: displayDate(k.starts_on),
    endsOn: displayDate(k.ends_on),
    term: t('contracts.term', { from: displayDate(k.starts_on), to: displayDate(k.ends_on) }),
    monthlyCost: money(k.monthly_cost),
    status: { text: t(`contracts.status.${k.status}`), classes: TAG[k.status] ?? '' },
    terminated: k.terminated_on ? { on: displayDate(k.terminated_on), reason: k.termination_reason ?? '' } : null,
    reassessment: k.status === 'active' && reassessmentDue(k.ends_on, o.reassessmentDays, o.today, k.last_assessed_on),
  };
}

export function presentContractService(s: ContractServiceRow, t: TFunction) {
  return {
    name: s.name,
    volume: amountOf(t, s.volume_per_month, s.volume_unit),
    cost: money(s.monthly_cost),
  };
}

/** A social order with its lines (planned, used, the share used) for its page, the list and the manager's view. */
export function presentOrder(o: OrderRow, lines: OrderLineRow[], t: TFunction) {
  return {
    id: o.id,
    href: `/social-orders/${o.id}`,
    number: o.number,
    title: o.title,
    period: t('contracts.term', { from: displayDate(o.starts_on), to: displayDate(o.ends_on) }),
    budget: money(o.budget),
    total: money(o.total),
    status: { text: t(`contracts.orderStatus.${o.status}`), classes: TAG[o.status] ?? '' },
    provider: o.agency_name,
    announcement: o.announced_on
      ? {
          on: displayDate(o.announced_on),
          number: o.announcement_number ?? '',
          place: o.announcement_place ?? '',
        }
      : null,
    decision: o.decided_on
      ? {
          on: displayDate(o.decided_on),
          number: o.decision_number ?? '',
          note: o.evaluation_note ?? '',
        }
      : null,
    closedOn: o.closed_on ? displayDate(o.closed_on) : null,
    lines: lines.map((l) => {
      const share = Number(l.volume) > 0 ? Math.round((Number(l.used) / Number(l.volume)) * 100) : 0;
      return {
        service: l.name,
        volume: amountOf(t, l.volume, l.volume_unit),
        unitPrice: money(l.unit_price),
        lineTotal: money(l.line_total),
        used: amountOf(t, l.used, l.volume_unit),
        share: `${share} %`,
        over: Number(l.used) > Number(l.volume),
      };
    }),
  };
}

export function presentBid(b: BidRow, winnerId: string | null) {
  return {
    id: b.id,
    name: b.bidder_name,
    code: b.bidder_code,
    price: money(b.price),
    score: b.score === null ? '—' : volume(b.score),
    winner: b.id === winnerId,
  };
}
