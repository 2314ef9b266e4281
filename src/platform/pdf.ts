import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { ROOT } from './paths.js';

/**
 * A small PDF writer for official documents (subject reports, decisions): A4, DejaVu fonts
 * for Cyrillic, a header with the hromada's name on every page, a footer with page numbers,
 * headings, label–value lists and tables that break across pages with repeated headers.
 */

const FONT_DIR = path.join(ROOT, 'node_modules/dejavu-fonts-ttf/ttf');
/** Read once at start-up: every document embeds a subset of these. */
const FONTS = {
  regular: fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans.ttf')),
  bold: fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans-Bold.ttf')),
};

export interface PdfOptions {
  /** Document title (metadata and first-page heading); no personal data. */
  title: string;
  hromadaName: string;
  /** Footer text of a page, e.g. «Сторінка 2 з 5». */
  pageLabel: (page: number, total: number) => string;
  /** Left part of the footer (e.g. «Сформовано 05.03.2026 14:20»). */
  footerNote?: string;
  /** Deflate content streams (default true); tests may turn it off. */
  compress?: boolean;
  lang?: string;
}

export interface PdfColumn {
  header: string;
  /** share of the text width, 0..1 */ width: number;
}

const MARGIN = 50;
const TOP = 70;
const BOTTOM = 60;
const PAD = 3;
const GREY = '#505a5f';

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(private readonly o: PdfOptions) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: TOP, bottom: BOTTOM, left: MARGIN, right: MARGIN },
      bufferPages: true,
      compress: o.compress ?? true,
      lang: o.lang ?? 'uk-UA',
      displayTitle: true,
      info: { Title: o.title, Producer: 'Турбота', Creator: 'Турбота' },
    });
    this.doc.registerFont('regular', FONTS.regular);
    this.doc.registerFont('bold', FONTS.bold);
    this.doc.font('regular').fontSize(10);
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => this.chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  private get width() {
    return this.doc.page.width - MARGIN * 2;
  }

  private get bottom() {
    return this.doc.page.height - BOTTOM;
  }

  /** Starts a new page when less than `height` points are left. */
  ensureSpace(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  heading(text: string, level: 1 | 2 | 3 = 2) {
    const size = level === 1 ? 16 : level === 2 ? 13 : 11;
    this.ensureSpace(size * 3);
    if (this.doc.y > TOP) this.doc.moveDown(level === 1 ? 0.2 : 0.6);
    this.doc.font('bold').fontSize(size).fillColor('black').text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3).font('regular').fontSize(10);
  }

  paragraph(text: string, opts: { muted?: boolean; size?: number } = {}) {
    this.doc
      .font('regular')
      .fontSize(opts.size ?? 10)
      .fillColor(opts.muted ? GREY : 'black')
      .text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.fillColor('black').fontSize(10).moveDown(0.3);
  }

  /**
   * A chart drawn as vectors from its SVG (ECharts' server rendering, src/platform/charts.ts), scaled to the text
   * width, on a new page when it does not fit; its text in the document's own font. The caption goes above it.
   */
  chart(svg: string, caption: string) {
    const size = /<svg[^>]*\bwidth="([0-9.]+)"[^>]*\bheight="([0-9.]+)"/.exec(svg);
    const [w, h] = size ? [Number(size[1]), Number(size[2])] : [640, 320];
    const height = (this.width / w) * h;
    this.ensureSpace(height + 30);
    this.paragraph(caption, { muted: true, size: 9 });
    const y = this.doc.y;
    SVGtoPDF(this.doc, svg, MARGIN, y, { width: this.width, height, fontCallback: () => 'regular' });
    this.doc.font('regular').fontSize(10).fillColor('black');
    this.doc.x = MARGIN;
    this.doc.y = y + height + 6;
  }

  /** A two-column list of labels and values (values may be empty: shown as «—»). */
  fields(rows: { label: string; value: string }[]) {
    this.table(
      [
        { header: '', width: 0.35 },
        { header: '', width: 0.65 },
      ],
      rows.map((r) => [r.label, r.value || '—']),
      { headerRow: false, boldFirst: true },
    );
  }

  /** A table with a header row repeated on each page; rows never split across pages. */
  table(
    columns: PdfColumn[],
    rows: string[][],
    opts: { headerRow?: boolean; boldFirst?: boolean; size?: number } = {},
  ) {
    const { doc } = this;
    const size = opts.size ?? 9;
    const widths = columns.map((c) => c.width * this.width);
    const maxCell = this.bottom - TOP - 4 * size;
    // A cell that fits on one line (most of them) is measured and drawn without the line wrapper.
    const fontOf = (i: number, header: boolean) => (header || (opts.boldFirst && i === 0) ? 'bold' : 'regular');
    const layout = (cells: string[], header: boolean) => {
      const fits: boolean[] = [];
      let h = 0;
      cells.forEach((c, i) => {
        doc.font(fontOf(i, header)).fontSize(size);
        const inner = widths[i] - 2 * PAD;
        fits[i] = !c.includes('\n') && doc.widthOfString(c) <= inner;
        h = Math.max(h, fits[i] ? doc.currentLineHeight(true) : doc.heightOfString(c, { width: inner }));
      });
      return { h: Math.min(maxCell, h) + 2 * PAD, fits };
    };
    const drawRow = (cells: string[], header: boolean, row = layout(cells, header)) => {
      const y = doc.y;
      if (header) doc.rect(MARGIN, y, this.width, row.h).fill('#eeeeee');
      doc.fillColor('black');
      let x = MARGIN;
      cells.forEach((c, i) => {
        doc.font(fontOf(i, header));
        if (row.fits[i]) doc.text(c, x + PAD, y + PAD, { lineBreak: false });
        else doc.text(c, x + PAD, y + PAD, { width: widths[i] - 2 * PAD, height: maxCell, ellipsis: true });
        x += widths[i];
      });
      doc
        .moveTo(MARGIN, y + row.h)
        .lineTo(MARGIN + this.width, y + row.h)
        .lineWidth(0.5)
        .strokeColor('#b1b4b6')
        .stroke();
      doc.x = MARGIN;
      doc.y = y + row.h;
    };
    const headerCells = columns.map((c) => c.header);
    const withHeader = opts.headerRow ?? true;
    if (withHeader) {
      this.ensureSpace(layout(headerCells, true).h + 2 * size + 2 * PAD);
      drawRow(headerCells, true);
    }
    for (const cells of rows) {
      const row = layout(cells, false);
      if (doc.y + row.h > this.bottom) {
        doc.addPage();
        if (withHeader) drawRow(headerCells, true);
      }
      drawRow(cells, false, row);
    }
    doc.moveDown(0.5);
  }

  /** Draws headers and footers on every page and returns the finished file. */
  async finish(): Promise<Buffer> {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margins = doc.page.margins;
      const saved = { top: margins.top, bottom: margins.bottom };
      margins.top = 0;
      margins.bottom = 0;
      doc
        .font('bold')
        .fontSize(9)
        .fillColor(GREY)
        .text(this.o.hromadaName, MARGIN, 30, { width: this.width, lineBreak: false });
      doc
        .moveTo(MARGIN, 45)
        .lineTo(MARGIN + this.width, 45)
        .lineWidth(0.5)
        .strokeColor(GREY)
        .stroke();
      const y = doc.page.height - 40;
      doc.font('regular').fontSize(8).fillColor(GREY);
      if (this.o.footerNote) doc.text(this.o.footerNote, MARGIN, y, { width: this.width / 2, lineBreak: false });
      doc.text(this.o.pageLabel(i - range.start + 1, range.count), MARGIN + this.width / 2, y, {
        width: this.width / 2,
        align: 'right',
        lineBreak: false,
      });
      margins.top = saved.top;
      margins.bottom = saved.bottom;
    }
    doc.end();
    return this.done;
  }
}
