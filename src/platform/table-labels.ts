/**
 * Narrow screens (≤ 640 px) show each row of a data table as a block of «header: value» lines
 * (see `assets/scss/app.scss`, «Tables reflow»). The header of each cell comes from a `data-label`
 * attribute, added here to every body cell of every `govuk-table` of a rendered page from the
 * table's own column headers — so no template has to repeat them and none can forget.
 */
const TABLE = /<table\b[^>]*\bclass="[^"]*\bgovuk-table\b[^"]*"[^>]*>[\s\S]*?<\/table>/g;
const THEAD = /<thead\b[^>]*>([\s\S]*?)<\/thead>/;
const HEADER = /<th\b[^>]*>([\s\S]*?)<\/th>/g;
const BODY_ROW = /<tr\b[^>]*>[\s\S]*?<\/tr>/g;
const CELL = /<(td|th)\b([^>]*)>/g;

const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replaceAll('"', '&quot;');

export function labelTableCells(html: string): string {
  if (!html.includes('govuk-table')) return html;
  return html.replace(TABLE, (table) => {
    const head = THEAD.exec(table);
    if (!head) return table;
    const labels = [...head[1].matchAll(HEADER)].map((m) => textOf(m[1]));
    if (!labels.some(Boolean)) return table;
    const start = head.index + head[0].length;
    const body = table.slice(start).replace(BODY_ROW, (row) => {
      let i = 0;
      return row.replace(CELL, (cell, tag: string, attrs: string) => {
        const label = labels[i++];
        return label && !/\bdata-label=/.test(attrs) ? `<${tag}${attrs} data-label="${label}">` : cell;
      });
    });
    return table.slice(0, start) + body;
  });
}
