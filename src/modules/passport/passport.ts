import type { TFunction } from 'i18next';
import { suppressTable } from './suppression.js';
import type { ProviderCapacityRow, SexCountRow } from './passport.queries.js';

/**
 * The hromada's social passport (issue 13 item 6): aggregates of the registry, services and providers, the same for
 * the page, its PDF and XLSX, and the open data. Counts of persons and households are published through
 * `suppressTable` (fewer than 5 hidden, with the complement); capacity figures are not counts of persons.
 */
export interface PassportTable {
  /** Stable key: the open dataset's name (`persons-by-age-sex`). */
  key: (typeof PASSPORT_TABLES)[number];
  /** Column keys: sexes (`female`, `male`, `unknown`), household kinds, or capacity figures. */
  cols: string[];
  rows: { key: string; label: string; cells: (number | null)[]; total: number | null }[];
  colTotals: (number | null)[] | null;
  total: number | null;
  /** Whether the table counts persons (or households) and is suppressed. */
  persons: boolean;
  /** Whether a person may count in several rows (then there are no column totals). */
  overlapping: boolean;
}

export interface Passport {
  computedAt: string;
  /** The window of «persons served»: the last 12 months up to today. */
  servedFrom: string;
  servedTo: string;
  tables: PassportTable[];
}

/** The passport's tables, in order: also the names of their open datasets. */
export const PASSPORT_TABLES = [
  'persons-by-age-sex',
  'persons-by-category-sex',
  'persons-by-settlement-sex',
  'persons-served-by-service-sex',
  'households',
  'providers-capacity',
] as const;

const AGE_ORDER = ['0-17', '18-34', '35-59', '60-79', '80+', 'unknown'];
const collator = new Intl.Collator('uk');

/** A table of persons by a row key and sex, suppressed; the «unknown sex» column only when someone has no sex set. */
export function sexTable(
  key: PassportTable['key'],
  rows: SexCountRow[],
  o: { overlapping: boolean; labelOf: (k: string, label: string | null) => string; order?: string[] },
): PassportTable {
  const cols = ['female', 'male', ...(rows.some((r) => r.sex === 'unknown' && r.n > 0) ? ['unknown'] : [])];
  const keys = [...new Set(rows.map((r) => r.k))];
  const labels = new Map(rows.map((r) => [r.k, o.labelOf(r.k, r.label)]));
  const labelOf = (k: string) => labels.get(k) ?? k;
  const order = o.order;
  if (order) keys.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  else keys.sort((a, b) => (a === 'unknown' ? 1 : b === 'unknown' ? -1 : collator.compare(labelOf(a), labelOf(b))));
  const cells = keys.map((k) => cols.map((s) => rows.find((r) => r.k === k && r.sex === s)?.n ?? 0));
  const shown = suppressTable({ cells, rowTotals: true, colTotals: !o.overlapping });
  return {
    key,
    cols,
    rows: keys.map((k, i) => ({
      key: k,
      label: labelOf(k),
      cells: shown.cells[i],
      total: shown.rowTotals ? shown.rowTotals[i] : shown.cells[i][0],
    })),
    colTotals: shown.colTotals,
    total: shown.total,
    persons: true,
    overlapping: o.overlapping,
  };
}

export function buildPassport(
  d: {
    byAge: SexCountRow[];
    bySettlement: SexCountRow[];
    byCategory: SexCountRow[];
    served: SexCountRow[];
    households: { all: number; with_children: number; large: number };
    providers: ProviderCapacityRow[];
    computedAt: Date;
    servedFrom: string;
    servedTo: string;
  },
  t: TFunction,
): Passport {
  const unknown = (k: string, label: string | null, fallback: string) =>
    k === 'unknown' || k === 'none' ? t('passport.unknown') : (label ?? fallback);
  const households = suppressTable({
    cells: [[d.households.all], [d.households.with_children], [d.households.large]],
    rowTotals: false,
    colTotals: false,
  });
  const ownerships = ['communal', 'ngo', 'charity', 'private', 'fop'];
  const providers = [...d.providers].sort((a, b) => ownerships.indexOf(a.ownership) - ownerships.indexOf(b.ownership));
  const capacityCols = ['providers', 'places', 'hours', 'staff'] as const;
  return {
    computedAt: d.computedAt.toISOString(),
    servedFrom: d.servedFrom,
    servedTo: d.servedTo,
    tables: [
      sexTable('persons-by-age-sex', d.byAge, {
        overlapping: false,
        order: AGE_ORDER,
        labelOf: (k) => (k === 'unknown' ? t('passport.unknown') : t('passport.age', { band: k.replace('-', '–') })),
      }),
      sexTable('persons-by-category-sex', d.byCategory, {
        overlapping: true,
        labelOf: (k, l) => unknown(k, l, k),
      }),
      sexTable('persons-by-settlement-sex', d.bySettlement, {
        overlapping: false,
        labelOf: (k, l) => unknown(k, l, k),
      }),
      sexTable('persons-served-by-service-sex', d.served, {
        overlapping: true,
        labelOf: (k, l) => unknown(k, l, k),
      }),
      {
        key: 'households',
        cols: ['households'],
        rows: ['all', 'withChildren', 'large'].map((k, i) => ({
          key: k,
          label: t(`passport.households.${k}`),
          cells: households.cells[i],
          total: households.cells[i][0],
        })),
        colTotals: null,
        total: null,
        persons: true,
        overlapping: true,
      },
      {
        key: 'providers-capacity',
        cols: [...capacityCols],
        rows: providers.map((p) => ({
          key: p.ownership,
          label: t(`providers.ownership.${p.ownership}`),
          cells: capacityCols.map((c) => p[c]),
          total: null,
        })),
        colTotals: capacityCols.map((c) => providers.reduce((s, p) => s + p[c], 0)),
        total: null,
        persons: false,
        overlapping: false,
      },
    ],
  };
}
