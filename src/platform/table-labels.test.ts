import { describe, expect, it } from 'vitest';
import { labelTableCells } from './table-labels.js';

describe('labelTableCells', () => {
  it('gives each body cell its column header as data-label', () => {
    const html = `<p>x</p><table class="govuk-table"><caption>К</caption><thead class="govuk-table__head"><tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Номер</th><th scope="col" class="govuk-table__header"><span>Строк</span> "рішення"</th></tr></thead>
      <tbody><tr class="govuk-table__row"><th scope="row" class="govuk-table__header">СП-1</th><td class="govuk-table__cell">01.02.2026</td></tr>
      <tr><td>СП-2</td><td data-label="Своє">—</td></tr></tbody></table>`;
    const out = labelTableCells(html);
    expect(out).toContain('<th scope="row" class="govuk-table__header" data-label="Номер">СП-1</th>');
    expect(out).toContain('<td class="govuk-table__cell" data-label="Строк &quot;рішення&quot;">01.02.2026</td>');
    expect(out).toContain('<td data-label="Номер">СП-2</td>');
    expect(out).toContain('<td data-label="Своє">—</td>');
    expect(out).toContain('<th scope="col" class="govuk-table__header">Номер</th>');
  });

  it('leaves pages without tables and tables without headers alone', () => {
    expect(labelTableCells('<p>нічого</p>')).toBe('<p>нічого</p>');
    const bare = '<table class="govuk-table"><tbody><tr><td>1</td></tr></tbody></table>';
    expect(labelTableCells(bare)).toBe(bare);
  });
});
