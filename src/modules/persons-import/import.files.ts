import crypto from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { problem, ValidationError } from '../../platform/errors.js';
import type { Cell } from './import.values.js';

export type FileFormat = 'csv' | 'xlsx';
export type Encoding = 'utf8' | 'cp1251';

/** What the upload learned about a file: how to read it, its header and how many data rows it has. */
export interface FileInfo {
  format: FileFormat;
  encoding: Encoding | null;
  delimiter: string | null;
  header: string[];
  totalRows: number;
}

/** A data row: its number as a spreadsheet shows it (the header is row 1) and its cells. */
export interface FileRow {
  rowNo: number;
  cells: Cell[];
}

/** A file that cannot be read as a table: a problem of the form's `file` field (an i18n key and its parameters). */
const fileProblem = (key: string, params?: Record<string, unknown>) => problem('file', key, params);

/** The i18n key of a file's problem, when `e` is one (a run that stops on a broken file records it). */
export const fileProblemKey = (e: unknown): string | null =>
  e instanceof ValidationError && e.problems[0]?.field === 'file' ? e.problems[0].key : null;

async function head(filePath: string, bytes: number): Promise<Buffer> {
  const fh = await fs.promises.open(filePath, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** XLSX by its ZIP signature; the old binary XLS and other binary files are refused with a clear message. */
export async function detectFormat(filePath: string): Promise<FileFormat> {
  const b = await head(filePath, 8192);
  if (b.length === 0) throw fileProblem('personsImport.file.empty');
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'xlsx';
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) throw fileProblem('personsImport.file.xls');
  if (b.includes(0)) throw fileProblem('personsImport.file.notTable');
  return 'csv';
}

/** UTF-8 (with or without BOM) when every byte sequence is valid UTF-8, otherwise Windows-1251. */
export async function detectEncoding(filePath: string): Promise<Encoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 })) {
      decoder.decode(chunk as Buffer, { stream: true });
    }
    decoder.decode();
    return 'utf8';
  } catch {
    return 'cp1251';
  }
}

/** `;` (Excel in Ukraine), `,` or tab: whichever occurs most in the first line, outside quotes. */
export function detectDelimiter(firstLine: string): string {
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return best[1] > 0 ? best[0] : ';';
}

function decode(buf: Buffer, encoding: Encoding): string {
  return encoding === 'cp1251' ? iconv.decode(buf, 'win1251') : buf.toString('utf8').replace(/^\uFEFF/, '');
}

function csvError(e: unknown, recordsRead: number): ValidationError {
  const code = (e as { code?: string }).code ?? '';
  const row = recordsRead + 1;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return fileProblem('personsImport.file.quoteNotClosed', { row });
  if (code.startsWith('CSV_INVALID_CLOSING_QUOTE') || code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE') {
    return fileProblem('personsImport.file.badQuote', { row });
  }
  return fileProblem('personsImport.file.csvBroken', { row });
}

async function* csvRecords(filePath: string, encoding: Encoding, delimiter: string): AsyncGenerator<FileRow> {
  const source = fs.createReadStream(filePath, { highWaterMark: 1 << 20 });
  const decoded = encoding === 'cp1251' ? source.pipe(iconv.decodeStream('win1251')) : source;
  const parser = decoded.pipe(
    parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }),
  );
  let n = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      n++;
      yield { rowNo: n, cells: record };
    }
  } catch (e) {
    throw csvError(e, n);
  } finally {
    source.destroy();
  }
}

type XlsxValue = ExcelJS.CellValue;

function xlsxCell(v: XlsxValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : null;
  if ('result' in v) return xlsxCell(v.result ?? null);
  return null;
}

/** How many times the first sheet is read before the file is called damaged (see `xlsxRecords`). */
const XLSX_READS = 3;

/**
 * Reads the first sheet's non-empty rows, all of them, into `out` (one JSON line each, dates as `{"d": iso}`), with
 * no wait of our own between rows: written synchronously, beside the upload and as private as it.
 */
async function drainFirstSheet(filePath: string, out: string): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const fd = fs.openSync(out, 'w', 0o600);
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as XlsxValue[]).slice(1).map(xlsxCell);
        if (!values.some((c) => c !== null && c !== '')) continue;
        const cells = values.map((c) => (c instanceof Date ? { d: c.toISOString() } : (c ?? null)));
        fs.writeSync(fd, `${JSON.stringify([row.number, cells])}\n`);
      }
      break; // the first sheet only
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The rows of an XLSX file's first sheet. exceljs's streaming reader pauses the archive while its consumer waits, and
 * an entry that arrives meanwhile can be lost (exceljs issue #3064: most often `xl/workbook.xml`, which exceljs itself
 * writes last; the reader then fails on its missing model). So the sheet is read whole first, without the import's
 * database work between rows, into a file beside the upload, and read again if the reader failed that way; then the
 * rows come from that file. A file that still cannot be read is damaged.
 */
async function* xlsxRecords(filePath: string): AsyncGenerator<FileRow> {
  const rows = `${filePath}.rows-${crypto.randomUUID()}`;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await drainFirstSheet(filePath, rows);
        break;
      } catch (e) {
        if (e instanceof ValidationError) throw e;
        if (attempt >= XLSX_READS) throw fileProblem('personsImport.file.xlsxBroken');
      }
    }
    const lines = readline.createInterface({ input: fs.createReadStream(rows), crlfDelay: Infinity });
    for await (const line of lines) {
      const [rowNo, cells] = JSON.parse(line) as [number, (string | number | boolean | null | { d: string })[]];
      yield {
        rowNo,
        cells: cells.map((c) => (c !== null && typeof c === 'object' ? new Date(c.d) : c)),
      };
    }
  } finally {
    fs.rmSync(rows, { force: true });
  }
}

/** Every row of the file (header first), streamed. */
export function readRecords(
  filePath: string,
  info: Pick<FileInfo, 'format' | 'encoding' | 'delimiter'>,
): AsyncGenerator<FileRow> {
  return info.format === 'xlsx'
    ? xlsxRecords(filePath)
    : csvRecords(filePath, info.encoding ?? 'utf8', info.delimiter ?? ';');
}

const headerText = (c: Cell) => (c === null || c === undefined ? '' : String(c).trim());

/**
 * Reads the whole file once: format, encoding, delimiter, header row and the number of data rows.
 * A file that is not a readable table throws a `ValidationError` of the `file` field (nothing is stored for it).
 */
export async function scanFile(filePath: string): Promise<FileInfo> {
  const format = await detectFormat(filePath);
  let encoding: Encoding | null = null;
  let delimiter: string | null = null;
  if (format === 'csv') {
    encoding = await detectEncoding(filePath);
    const firstLine =
      decode(await head(filePath, 65536), encoding)
        .split(/\r?\n/)
        .find((l) => l.trim() !== '') ?? '';
    delimiter = detectDelimiter(firstLine);
  }
  let header: string[] | null = null;
  let totalRows = 0;
  for await (const row of readRecords(filePath, { format, encoding, delimiter })) {
    if (!header) header = row.cells.map(headerText);
    else totalRows++;
  }
  if (!header) throw fileProblem('personsImport.file.empty');
  if (header.filter((h) => h !== '').length < 2) throw fileProblem('personsImport.file.noColumns');
  if (totalRows === 0) throw fileProblem('personsImport.file.noRows');
  return { format, encoding, delimiter, header, totalRows };
}
