import { PdfWriter } from '../../platform/pdf.js';
import { displayDate } from '../../platform/dates.js';
import { together, type Queryable } from '../../platform/db.js';
import { translator } from '../../platform/i18n.js';
import { toXlsx } from '../../platform/spreadsheet.js';
import { formatMoney } from './paid-rules.js';
import { monthText, personalAccount, presentLine, statusOf } from './paid-services.presenter.js';
import {
  hromadaDetails,
  invoiceLines,
  payeeSettings,
  type InvoiceRow,
  type LineRow,
  type PayeeSettings,
} from './paid-services.queries.js';

/** Invoices and registers are handed to people and accountants: always in Ukrainian. */
const t = translator('uk');
const k = (key: string, o?: Record<string, unknown>) => t(`paid.pdf.${key}`, o ?? {});

/** The invoice PDF: the hromada and payee's details, the recipient, the lines, the total and the payment purpose. */
export async function invoicePdf(
  inv: InvoiceRow,
  lines: LineRow[],
  hromada: { name: string; code: string },
  payee: PayeeSettings,
): Promise<Buffer> {
  const w = new PdfWriter({
    title: k('title', { number: inv.number }),
    hromadaName: hromada.name,
    pageLabel: (page, total) => k('page', { page, total }),
  });
  w.heading(k('title', { number: inv.number }), 1);
  w.paragraph(k('forMonth', { month: monthText(inv.month) }));
  w.heading(k('payee'), 3);
  w.fields([
    { label: k('payeeName'), value: payee.payeeName ?? hromada.name },
    { label: k('hromadaCode'), value: hromada.code },
    { label: k('edrpou'), value: payee.edrpou ?? '' },
    { label: k('iban'), value: payee.iban ?? '' },
    { label: k('bank'), value: payee.bankName ?? '' },
    { label: k('provider'), value: inv.agency_name },
  ]);
  w.heading(k('recipient'), 3);
  w.fields([
    { label: k('recipientName'), value: inv.person_name },
    { label: k('account'), value: personalAccount(inv.person_id) },
    { label: k('issuedOn'), value: displayDate(inv.issued_on) },
    { label: k('dueOn'), value: displayDate(inv.due_on) },
  ]);
  w.heading(k('lines'), 3);
  w.table(
    [
      { header: k('service'), width: 0.27 },
      { header: k('period'), width: 0.2 },
      { header: k('volume'), width: 0.13 },
      { header: k('price'), width: 0.13 },
      { header: k('share'), width: 0.1 },
      { header: k('amount'), width: 0.17 },
    ],
    lines.map((l) => {
      const p = presentLine(l, t);
      return [p.service, p.period, `${p.volume} ${p.unit}`, p.price, p.share, p.amount];
    }),
  );
  w.heading(k('total', { total: formatMoney(inv.total_kop) }), 2);
  w.fields([{ label: k('purpose'), value: inv.purpose }]);
  w.paragraph(k('rounding'), { muted: true, size: 8 });
  return w.finish();
}

/** An invoice's PDF, for staff and for the resident: its lines and the hromada's and payee's details read together. */
export async function invoicePdfOf(c: Queryable, hromadaId: number, inv: InvoiceRow): Promise<Buffer> {
  const [lines, hromada, payee] = await together(
    c,
    () => [invoiceLines(c, hromadaId, inv.id), hromadaDetails(c, hromadaId), payeeSettings(c, hromadaId)] as const,
  );
  return invoicePdf(inv, lines, hromada, payee);
}

/** The provider's monthly register (XLSX): one row per invoice, with what was paid and the status. */
export function invoiceRegister(invoices: InvoiceRow[]): Promise<Buffer> {
  return toXlsx(
    k('registerSheet'),
    ['number', 'provider', 'recipient', 'account', 'month', 'issuedOn', 'dueOn', 'total', 'paid', 'status'].map((h) =>
      k(`register.${h}`),
    ),
    invoices.map((r) => [
      r.number,
      r.agency_name,
      r.person_name,
      personalAccount(r.person_id),
      monthText(r.month),
      displayDate(r.issued_on),
      displayDate(r.due_on),
      formatMoney(r.total_kop),
      formatMoney(r.paid_kop),
      t(`paid.status.${statusOf(r)}`),
    ]),
  );
}
