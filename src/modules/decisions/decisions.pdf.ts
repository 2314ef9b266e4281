import { PdfWriter } from '../../platform/pdf.js';
import { formatDate, formatDateTime, translator } from '../../platform/i18n.js';
import type { DecisionKind, HromadaDetails } from './decisions.queries.js';
import { code128, qrCode } from './decisions.barcodes.js';

/** Decisions and receipts are official documents handed to the person: always in Ukrainian. */
const t = translator('uk');
const k = (key: string, o?: Record<string, unknown>) => t(`decisions.pdf.${key}`, o ?? {});

export interface DecisionPdfData {
  hromada: HromadaDetails;
  number: string;
  kind: DecisionKind;
  issuedAt: Date;
  registrationNumber: string;
  registeredOn: string | null;
  deadline: string | null;
  personName: string;
  serviceName: string;
  note: string | null;
  refusalReason: string | null;
  decidedBy: string | null;
  verifyUrl: string;
}

export interface ReceiptPdfData {
  hromada: HromadaDetails;
  registrationNumber: string;
  serviceName: string;
  registeredOn: string | null;
  deadline: string | null;
  processingDays: number | null;
  printedAt: Date;
  /** The check code and the public page where the number and the code show the application's status. */
  statusCode: string;
  statusUrl: string;
}

function writer(title: string, d: { hromada: HromadaDetails }, footerNote: string, compress?: boolean) {
  return new PdfWriter({
    title,
    hromadaName: d.hromada.name,
    compress,
    footerNote,
    pageLabel: (page, total) => k('page', { page, total }),
  });
}

/** The issuing body at the top of the document: the council (else the hromada's name), its department, where, and details. */
function letterhead(w: PdfWriter, h: HromadaDetails) {
  w.heading(h.council ?? h.name, 2);
  if (h.department) w.paragraph(h.department);
  w.paragraph(k('location', { raion: h.raion, oblast: h.oblast }));
  const details = [
    k('code', { code: h.code }),
    h.edrpou ? k('edrpou', { code: h.edrpou }) : null,
    h.address,
    h.phone ? k('phone', { phone: h.phone }) : null,
    h.email,
  ]
    .filter(Boolean)
    .join(' · ');
  w.paragraph(details, { muted: true, size: 9 });
}

/** Places a PNG image at the current line; its height follows from the PNG header (IHDR width, height). */
function image(w: PdfWriter, png: Buffer, width: number, x = 50) {
  w.ensureSpace(width + 20);
  const y = w.doc.y;
  const height = (png.readUInt32BE(20) / png.readUInt32BE(16)) * width;
  w.doc.image(png, x, y, { width });
  return { y, height };
}

export async function drawDecision(d: DecisionPdfData, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const [bar, qr] = await Promise.all([code128(d.registrationNumber), qrCode(d.verifyUrl)]);
  const w = writer(k(`title.${d.kind}`), d, k('footer', { number: d.number }), opts.compress);
  letterhead(w, d.hromada);
  w.heading(k(`title.${d.kind}`), 1);
  w.paragraph(k('numberDate', { number: d.number, date: formatDate(d.issuedAt) }));
  w.fields([
    { label: k('applicant'), value: d.personName },
    { label: k('service'), value: d.serviceName },
    {
      label: k('application'),
      value: k('applicationValue', { number: d.registrationNumber, date: formatDate(d.registeredOn) }),
    },
    { label: k('deadline'), value: formatDate(d.deadline) },
    { label: k('decidedOn'), value: formatDate(d.issuedAt) },
  ]);
  w.heading(k('decisionHeading'), 2);
  w.paragraph(k(`decision.${d.kind}`, { service: d.serviceName }));
  if (d.kind === 'refused') w.paragraph(k('reason', { reason: d.refusalReason ?? '' }));
  if (d.note) w.paragraph(k('note', { note: d.note }));
  w.paragraph(k(`after.${d.kind}`), { muted: true });
  w.heading(d.hromada.officialPosition ?? k('signature'), 3);
  w.paragraph(k('signedBy', { name: d.decidedBy ?? '' }));
  w.paragraph(k('signatureLine'));
  // The QR code to the public verification page, with the barcode of the application beside it.
  const size = 110;
  const { y, height } = image(w, qr, size);
  w.doc.image(bar, 50 + size + 30, y + 10, { width: 220 });
  w.doc
    .font('regular')
    .fontSize(8)
    .fillColor('#505a5f')
    .text(k('verifyHint'), 50 + size + 30, y + 75, { width: 300 })
    .fillColor('black');
  w.doc.y = y + Math.max(height, 110) + 10;
  w.doc.x = 50;
  // The address as text under the QR code, on one line of its own (to type in, or to copy).
  w.paragraph(k('verifyAt', { url: d.verifyUrl }), { size: 9 });
  return w.finish();
}

export async function drawReceipt(d: ReceiptPdfData, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const bar = await code128(d.registrationNumber);
  const w = writer(k('receipt.title'), d, k('receipt.printed', { date: formatDateTime(d.printedAt) }), opts.compress);
  letterhead(w, d.hromada);
  w.heading(k('receipt.title'), 1);
  w.paragraph(k('receipt.lead'));
  w.fields([
    { label: k('receipt.number'), value: d.registrationNumber },
    { label: k('service'), value: d.serviceName },
    { label: k('receipt.registeredOn'), value: formatDate(d.registeredOn) },
    { label: k('deadline'), value: formatDate(d.deadline) },
    { label: k('receipt.code'), value: d.statusCode },
  ]);
  if (d.processingDays !== null) w.paragraph(k('receipt.days', { count: d.processingDays }));
  w.paragraph(k('receipt.keep'), { muted: true });
  w.paragraph(k('receipt.checkAt', { url: d.statusUrl }), { size: 9 });
  const { y, height } = image(w, bar, 240);
  w.doc.y = y + height + 4;
  w.doc.x = 50;
  w.paragraph(d.registrationNumber, { size: 14 });
  return w.finish();
}
