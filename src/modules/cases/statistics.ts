/**
 * Statistics of cases with small cells suppressed (issue 11 item 7, decision 0023): a count of 1–4 cases of a
 * restricted type could point at a person, so it is shown as «<5»; and a total that includes a suppressed cell is not
 * shown either, or the cell could be worked out by subtraction.
 */
export const SMALL_CELL = 5;

/** A shown figure: a number, or suppressed. */
export type Figure = number | 'suppressed';

export interface CountTable {
  rows: { key: string; restricted: boolean; cells: Figure[]; total: Figure }[];
  totals: Figure[];
  total: Figure;
}

/** Builds the table of counts (`counts[row][column]`), suppressing the small cells of restricted rows. */
export function suppressSmallCells(
  rows: { key: string; restricted: boolean; counts: number[] }[],
  columns: number,
): CountTable {
  const hiddenInColumn = new Array<boolean>(columns).fill(false);
  let anyHidden = false;
  const out: CountTable['rows'] = rows.map((r) => {
    let hidden = false;
    const cells = r.counts.map((n, i): Figure => {
      if (r.restricted && n > 0 && n < SMALL_CELL) {
        hidden = true;
        hiddenInColumn[i] = true;
        return 'suppressed';
      }
      return n;
    });
    anyHidden ||= hidden;
    return { key: r.key, restricted: r.restricted, cells, total: hidden ? 'suppressed' : sum(r.counts) };
  });
  const totals = Array.from({ length: columns }, (_, i): Figure =>
    hiddenInColumn[i] ? 'suppressed' : sum(rows.map((r) => r.counts[i] ?? 0)),
  );
  return { rows: out, totals, total: anyHidden ? 'suppressed' : sum(rows.flatMap((r) => r.counts)) };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
