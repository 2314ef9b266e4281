import ExcelJS from 'exceljs';

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

/** XLSX with one sheet: a bold header row, every cell text (never a formula), neutralised like the CSV. */
export async function toXlsx(sheetName: string, header: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Turbota';
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(header.map(neutralise)).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(neutralise));
  ws.columns.forEach((c) => {
    c.width = 20;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}
