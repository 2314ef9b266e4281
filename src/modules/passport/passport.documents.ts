import { displayDate } from '../../platform/dates.js';
import { formatDateTime, translator } from '../../platform/i18n.js';
import { PdfWriter } from '../../platform/pdf.js';
import { sheetsToXlsx } from '../../platform/spreadsheet.js';
import type { Passport, PassportTable } from './passport.js';

/** The passport's files are official documents of the hromada: in Ukrainian. */
const t = translator('uk');
const shown = (v: number | null) => (v === null ? t('passport.hidden') : v.toLocaleString('uk-UA'));

export const colHeader = (table: PassportTable, col: string) => t(`passport.col.${col}`);

function grid(table: PassportTable) {
  const withTotal = table.persons && table.cols.length > 1;
  const header = [
    t(`passport.t.${table.key}.row`),
    ...table.cols.map((c) => colHeader(table, c)),
    ...(withTotal ? [t('passport.total')] : []),
  ];
  const rows: [string, ...(number | null)[]][] = table.rows.map((r) => [
    r.label,
    ...r.cells,
    ...(withTotal ? [r.total] : []),
  ]);
  if (table.colTotals) rows.push([t('passport.total'), ...table.colTotals, ...(withTotal ? [table.total] : [])]);
  return { header, rows };
}

/** The passport as PDF: one table per section, with the note on hidden counts and when the figures were computed. */
export async function passportPdf(p: Passport, hromada: string): Promise<Buffer> {
  const title = t('passport.title', { hromada });
  const w = new PdfWriter({
    title,
    hromadaName: hromada,
    pageLabel: (page, total) => t('plans.report.page', { page, total }),
    footerNote: t('passport.computedAt', { at: formatDateTime(p.computedAt) }),
  });
  w.heading(title, 1);
  w.paragraph(t('passport.lead'));
  w.paragraph(t('passport.suppressionNote'), { muted: true, size: 9 });
  for (const table of p.tables) {
    w.heading(t(`passport.t.${table.key}.title`), 2);
    if (table.key === 'persons-served-by-service-sex')
      w.paragraph(t('passport.servedWindow', { from: displayDate(p.servedFrom), to: displayDate(p.servedTo) }));
    if (!table.rows.length) {
      w.paragraph(t('passport.empty'));
      continue;
    }
    const g = grid(table);
    const first = 0.4;
    const rest = (1 - first) / (g.header.length - 1);
    w.table(
      g.header.map((h, i) => ({ header: h, width: i === 0 ? first : rest })),
      g.rows.map(([label, ...values]) => [label, ...values.map(shown)]),
    );
    if (table.overlapping && table.persons) w.paragraph(t('passport.overlapNote'), { muted: true, size: 8 });
  }
  return w.finish();
}

/** The passport as XLSX: a sheet per table; hidden counts as «<5», numbers as numbers. */
export function passportXlsx(p: Passport, hromada: string): Promise<Buffer> {
  return sheetsToXlsx(
    p.tables.map((table) => {
      const g = grid(table);
      return {
        name: t(`passport.t.${table.key}.sheet`),
        title: [
          t(`passport.t.${table.key}.title`),
          hromada,
          t('passport.computedAt', { at: formatDateTime(p.computedAt) }),
        ],
        header: g.header,
        rows: g.rows.map(([label, ...values]) => [label, ...values.map((v) => v ?? t('passport.hidden'))]),
        widths: [40, ...g.header.slice(1).map(() => 14)],
      };
    }),
  );
}
