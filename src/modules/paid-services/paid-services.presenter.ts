import type { TFunction } from 'i18next';
import { displayDate, kyivToday } from '../../platform/dates.js';
import { formatMoney, formatVolume, invoiceStatus, type InvoiceStatus } from './paid-rules.js';
import type { InvoiceRow, LineRow, PaymentRow, TariffRow } from './paid-services.queries.js';

/**
 * The recipient's personal account on an invoice: the first eight characters of the registry id, upper case — a
 * placeholder until the hromada's accounting assigns accounts (decision 0029).
 */
export const personalAccount = (personId: string) => personId.replace(/-/g, '').slice(0, 8).toUpperCase();

/**
 * The payment purpose, structured as payment systems read it: `*;<code>;<personal account>;<text>` — the code of the
 * kind of payment (101 by default, configurable), the recipient's personal account, the invoice and the month.
 */
export function paymentPurpose(code: string, number: string, personId: string, monthText: string): string {
  return `*;${code};${personalAccount(personId)};Плата за соціальні послуги за ${monthText}, рахунок № ${number}`;
}

const STATUS_CLASSES: Record<InvoiceStatus, string> = {
  paid: 'govuk-tag--green',
  partly: 'govuk-tag--yellow',
  unpaid: 'govuk-tag--grey',
  overdue: 'govuk-tag--red',
};

export const statusOf = (r: InvoiceRow, today = kyivToday()) => invoiceStatus(r.total_kop, r.paid_kop, r.due_on, today);

/** `YYYY-MM` → `мм.рррр`. */
export const monthText = (month: string) => month.split('-').reverse().join('.');

export function presentInvoiceItem(r: InvoiceRow, t: TFunction, href: string) {
  const status = statusOf(r);
  return {
    id: r.id,
    href,
    number: r.number,
    person: r.person_name,
    agency: r.agency_name,
    month: monthText(r.month),
    issuedOn: displayDate(r.issued_on),
    dueOn: displayDate(r.due_on),
    total: formatMoney(r.total_kop),
    paid: formatMoney(r.paid_kop),
    status: { text: t(`paid.status.${status}`), classes: STATUS_CLASSES[status] },
  };
}

export function presentLine(l: LineRow, t: TFunction) {
  return {
    service: l.service_name,
    period: `${displayDate(l.period_from)} – ${displayDate(l.period_to)}`,
    unit: t(`paid.unit.${l.unit}`),
    volume: formatVolume(l.volume_centi),
    price: formatMoney(l.price_kop),
    share: `${formatVolume(l.share_bp)} %`,
    amount: formatMoney(l.amount_kop),
  };
}

export const presentPayment = (p: PaymentRow) => ({
  paidOn: displayDate(p.paid_on),
  amount: formatMoney(p.amount_kop),
});

export function presentTariff(r: TariffRow, t: TFunction) {
  return {
    agency: r.agency_name,
    service: r.service_name,
    unit: t(`paid.unit.${r.unit}`),
    price: formatMoney(r.price_kop),
    period: `${displayDate(r.valid_from)} – ${r.valid_to ? displayDate(r.valid_to) : t('paid.openEnded')}`,
    source: t(`paid.source.${r.source}`),
    limit: r.limit_centi === null ? '' : `${formatVolume(r.limit_centi)} ${t(`paid.unit.${r.unit}`)}`,
  };
}

const money = (kop: number) => (kop / 100).toFixed(2);

/** The invoice as the API gives it: money in hryvnias as text with a dot («123.45»). */
export function invoiceJson(r: InvoiceRow) {
  return {
    id: r.id,
    number: r.number,
    month: r.month,
    providerId: r.agency_id,
    providerName: r.agency_name,
    personId: r.person_id,
    issuedOn: r.issued_on,
    dueOn: r.due_on,
    total: money(r.total_kop),
    paid: money(r.paid_kop),
    status: statusOf(r),
    paymentPurpose: r.purpose,
  };
}

/** An invoice's lines as the API gives them. */
export const invoiceLinesJson = (lines: LineRow[]) =>
  lines.map((l) => ({
    position: l.position,
    service: l.service_name,
    periodFrom: l.period_from,
    periodTo: l.period_to,
    unit: l.unit,
    volume: (l.volume_centi / 100).toFixed(2),
    price: money(l.price_kop),
    sharePercent: (l.share_bp / 100).toFixed(2),
    amount: money(l.amount_kop),
  }));
