import { describe, expect, it } from 'vitest';
import { suppressTable } from './suppression.js';

/** Checks every shown sum of a published table: none has exactly one hidden entry. */
function everySumSafe(t: ReturnType<typeof suppressTable>) {
  const hidden = (xs: (number | null)[]) => xs.filter((x) => x === null).length;
  t.cells.forEach((r, i) => {
    if (t.rowTotals) expect(hidden([...r, t.rowTotals[i]])).not.toBe(1);
  });
  if (t.colTotals)
    t.colTotals.forEach((c, j) => {
      expect(hidden([...t.cells.map((r) => r[j]), c])).not.toBe(1);
    });
  if (t.total !== undefined && t.rowTotals && t.colTotals) {
    expect(hidden([...t.rowTotals, t.total])).not.toBe(1);
    expect(hidden([...t.colTotals, t.total])).not.toBe(1);
  }
}

describe('small-number suppression with its complement', () => {
  it('hides 1–4, then the smallest other count of every sum that would give it away', () => {
    // Women / men in three settlements: 3 men in A and 2 women in C are too few to show.
    const t = suppressTable({
      cells: [
        [10, 3],
        [7, 8],
        [2, 0],
      ],
      rowTotals: true,
      colTotals: true,
    });
    everySumSafe(t);
    // A: 3 hidden, so its 10 women too (else 13 − 10 = 3).
    expect(t.cells[0]).toEqual([null, null]);
    // C: 2 hidden and its total 2 too; the 0 is shown.
    expect(t.cells[2]).toEqual([null, 0]);
    expect(t.rowTotals![2]).toBeNull();
    // Men: 3 hidden in A, so another count of the column (B's 8) goes, and then B's 7 women.
    expect(t.cells[1]).toEqual([null, null]);
    // The totals by sex are large and shown; the row totals keep two hidden (13 hidden with 2).
    expect(t.colTotals).toEqual([19, 11]);
    expect(t.rowTotals![0]).toBeNull();
    expect(t.total).toBe(30);
  });

  it('shows a table with no small count as it is, and zero is never hidden on its own', () => {
    const t = suppressTable({
      cells: [
        [12, 9],
        [0, 5],
      ],
      rowTotals: true,
      colTotals: true,
    });
    expect(t.cells).toEqual([
      [12, 9],
      [0, 5],
    ]);
    expect(t.rowTotals).toEqual([21, 5]);
    expect(t.colTotals).toEqual([12, 14]);
    expect(t.total).toBe(26);
  });

  it('a one-column list with its total hides a second count when one is small', () => {
    const t = suppressTable({ cells: [[40], [4], [9], [0]], rowTotals: true, colTotals: true });
    expect(t.rowTotals).toBeNull();
    expect(t.cells.map((r) => r[0])).toEqual([40, null, null, 0]);
    expect(t.colTotals).toEqual([53]);
    everySumSafe(t);
  });

  it('rows that overlap (categories) show no column totals, so a row’s own small count is all that hides', () => {
    const t = suppressTable({
      cells: [
        [6, 1],
        [20, 30],
      ],
      rowTotals: true,
      colTotals: false,
    });
    expect(t.cells).toEqual([
      [null, null],
      [20, 30],
    ]);
    expect(t.rowTotals).toEqual([7, 50]);
    expect(t.colTotals).toBeNull();
  });
});
