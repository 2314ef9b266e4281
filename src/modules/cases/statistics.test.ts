import { describe, expect, it } from 'vitest';
import { suppressSmallCells } from './statistics.js';

describe('small cells of restricted case types', () => {
  it('hides 1–4 of a restricted type, and every total that would give them away', () => {
    const t = suppressSmallCells(
      [
        { key: 'other', restricted: false, counts: [3, 7, 0] },
        { key: 'violence', restricted: true, counts: [2, 9, 0] },
        { key: 'child_at_risk', restricted: true, counts: [5, 0, 12] },
      ],
      3,
    );
    expect(t.rows.map((r) => r.cells)).toEqual([
      [3, 7, 0],
      ['suppressed', 9, 0],
      [5, 0, 12],
    ]);
    expect(t.rows.map((r) => r.total)).toEqual([10, 'suppressed', 17]);
    expect(t.totals).toEqual(['suppressed', 16, 12]);
    expect(t.total).toBe('suppressed');
  });

  it('shows everything when no restricted cell is small (zero is not small: it points at nobody)', () => {
    const t = suppressSmallCells(
      [
        { key: 'other', restricted: false, counts: [1, 2] },
        { key: 'violence', restricted: true, counts: [0, 5] },
      ],
      2,
    );
    expect(t.rows.map((r) => r.cells)).toEqual([
      [1, 2],
      [0, 5],
    ]);
    expect(t.totals).toEqual([1, 7]);
    expect(t.total).toBe(8);
  });
});
