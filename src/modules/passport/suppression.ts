/**
 * Small-number suppression of published counts of persons (decision 0033): a count of 1 to MIN−1 is not shown
 * (primary suppression), and so that no total gives it away, every sum that a table shows — a row with its total, a
 * column with its total, the row totals with the grand total — has either none or at least two hidden entries
 * (secondary suppression: the smallest other count in that sum is hidden too, a non-zero one when there is one).
 * Zero is shown: it reveals no one.
 */
export const MIN_COUNT = 5;

export interface CountTable {
  /** Counts by row and column, all of one kind (persons). */
  cells: number[][];
  /** Whether the row totals are shown (they are the sums of the rows; meaningless for a one-column table). */
  rowTotals: boolean;
  /** Whether the column totals and the grand total are shown (only when the rows do not overlap). */
  colTotals: boolean;
}

export interface ShownTable {
  cells: (number | null)[][];
  rowTotals: (number | null)[] | null;
  colTotals: (number | null)[] | null;
  total: number | null;
}

type Ref = { v: number; hidden: boolean; inner: boolean };

const small = (v: number, min: number) => v > 0 && v < min;

/** The table as it may be published: hidden counts are null. */
export function suppressTable(t: CountTable, min = MIN_COUNT): ShownTable {
  const nRows = t.cells.length;
  const nCols = nRows ? t.cells[0].length : 0;
  const ref = (v: number, inner: boolean): Ref => ({ v, hidden: small(v, min), inner });
  const cells = t.cells.map((r) => r.map((v) => ref(v, true)));
  const rowSum = t.cells.map((r) => r.reduce((s, v) => s + v, 0));
  const colSum = Array.from({ length: nCols }, (_, j) => t.cells.reduce((s, r) => s + r[j], 0));
  const withRowTotals = t.rowTotals && nCols > 1;
  const rowTotals = withRowTotals ? rowSum.map((v) => ref(v, false)) : null;
  const colTotals = t.colTotals ? colSum.map((v) => ref(v, false)) : null;
  const total =
    t.colTotals && withRowTotals
      ? ref(
          rowSum.reduce((s, v) => s + v, 0),
          false,
        )
      : null;
  // Each shown sum: its parts and its total.
  const sums: { parts: Ref[]; total: Ref }[] = [];
  if (rowTotals) cells.forEach((r, i) => sums.push({ parts: r, total: rowTotals[i] }));
  if (colTotals) colTotals.forEach((c, j) => sums.push({ parts: cells.map((r) => r[j]), total: c }));
  if (total && rowTotals) sums.push({ parts: rowTotals, total });
  if (total && colTotals) sums.push({ parts: colTotals, total });
  for (let changed = true; changed;) {
    changed = false;
    for (const s of sums) {
      const all = [...s.parts, s.total];
      if (all.filter((x) => x.hidden).length !== 1) continue;
      const open = s.parts.filter((x) => !x.hidden);
      const pick =
        [...open.filter((x) => x.v > 0)].sort((a, b) => a.v - b.v)[0] ??
        [...open].sort((a, b) => a.v - b.v)[0] ??
        (s.total.hidden ? undefined : s.total);
      if (pick) {
        pick.hidden = true;
        changed = true;
      }
    }
  }
  const out = (x: Ref) => (x.hidden ? null : x.v);
  return {
    cells: cells.map((r) => r.map(out)),
    rowTotals: rowTotals ? rowTotals.map(out) : null,
    colTotals: colTotals ? colTotals.map(out) : null,
    total: total ? out(total) : null,
  };
}
