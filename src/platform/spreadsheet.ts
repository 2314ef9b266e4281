import ExcelJS from 'exceljs';

/**
 * Tables as files people open in a spreadsheet: CSV and XLSX with every cell text, never a formula (a value that a
 * spreadsheet would run gets a leading apostrophe).
 */

/** A value a spreadsheet would run as a formula gets a leading apostrophe (CSV/formula injection). */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: string): string {
  const v = neutralise(value);
  return /[;"\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV as Excel in Ukraine opens it: UTF-8 with BOM, `;` between fields, CRLF between rows. */
export function toCsv(header: string[], rows: string[][]): Buffer {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(';'));
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}

function openCsvField(value: string): string {
  const v = neutralise(value);
  return /[,"\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV for open data (RFC 4180): UTF-8 without BOM, `,` between fields, CRLF between rows, numbers as `1234.5`. */
export function toOpenCsv(header: string[], rows: (string | number | null)[][]): Buffer {
  const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? String(v) : openCsvField(v));
  const lines = [header.map(openCsvField), ...rows.map((r) => r.map(cell))].map((r) => r.join(','));
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

/** XLSX with one sheet: a bold header row, every cell text (never a formula), neutralised like the CSV. */
export function toXlsx(sheetName: string, header: string[], rows: string[][]): Promise<Buffer> {
  return sheetsToXlsx([{ name: sheetName, header, rows }]);
}

export interface Sheet {
  /** At most 31 characters (Excel's limit); longer names are cut. */
  name: string;
  /** Lines above the table (a title, the period); bold. */
  title?: string[];
  header: string[];
  /** Text cells are neutralised; numbers stay numbers (so the sheet can add them up). */
  rows: (string | number | null)[][];
  /** Column widths in characters (default 20 each). */
  widths?: number[];
}

/** XLSX with several sheets, each with optional title lines, a bold header row frozen under them, then the rows. */
export async function sheetsToXlsx(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Turbota';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.replace(/[*?:\\/[\]]/g, ' ').slice(0, 31));
    for (const line of s.title ?? []) ws.addRow([neutralise(line)]).font = { bold: true };
    ws.addRow(s.header.map(neutralise)).font = { bold: true };
    for (const r of s.rows) ws.addRow(r.map((v) => (typeof v === 'string' ? neutralise(v) : v)));
    s.header.forEach((_, i) => {
      ws.getColumn(i + 1).width = s.widths?.[i] ?? 20;
    });
    ws.views = [{ state: 'frozen', ySplit: (s.title?.length ?? 0) + 1 }];
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}
