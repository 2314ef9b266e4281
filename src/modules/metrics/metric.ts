/**
 * The library of computed metrics (decision 0032): figures over the platform's own data for a period, with
 * breakdowns. A module adds its metrics in its own `<module>.metrics.ts` and contributes them to the `metrics`
 * extension point; this module computes any of them the same way: the metric gives the SQL of its base rows for the
 * period (one row per counted thing: the person it concerns, a value, and the metric's own dimensions), and
 * `computeMetric` groups them — one statement for the total, one per breakdown, no loops in Node.
 */

export const PERSON_BREAKDOWNS = ['sex', 'age', 'category', 'settlement', 'district'] as const;
export const OWN_BREAKDOWNS = ['channel', 'service', 'caseType', 'outcome', 'kind', 'cause'] as const;
export type Breakdown = (typeof PERSON_BREAKDOWNS)[number] | (typeof OWN_BREAKDOWNS)[number];
export const BREAKDOWNS: readonly Breakdown[] = [...PERSON_BREAKDOWNS, ...OWN_BREAKDOWNS];

export type MetricUnit =
  | 'persons'
  | 'families'
  | 'children'
  | 'applications'
  | 'cases'
  | 'referrals'
  | 'signals'
  | 'acts'
  | 'hours'
  | 'days'
  | 'percent'
  | 'staff'
  | 'rides';

/**
 * How base rows make the figure: `persons` counts distinct persons, `count` counts rows, `sum` adds `v`, `median`
 * takes the median of `v`, `share` is the percentage of rows whose `v` is 1.
 */
export type Aggregate = 'persons' | 'count' | 'sum' | 'median' | 'share';

export interface Period {
  /** First day, ISO date. */
  from: string;
  /** Last day, ISO date (inclusive). */
  to: string;
}

export interface Metric {
  /** Stable key: a plan's indicator is bound to it (e.g. `applications.received`). */
  key: string;
  /** The module that owns the data (for grouping on the page). */
  module: string;
  unit: MetricUnit;
  aggregate: Aggregate;
  /** True when the figure counts persons: it then supports the sex breakdown (and the other person breakdowns). */
  personBased: boolean;
  /** Breakdowns this metric supports; person breakdowns need `person_id` in the base rows. */
  breakdowns: readonly Breakdown[];
  /**
   * The base rows for the period. Parameters: $1 hromada id, $2 first day, $3 last day. Columns: `person_id uuid`
   * (null when not about a person), `v numeric` (the value for sum/median/share, else anything), and one column per
   * own breakdown it supports, named as the breakdown (`channel`, `service`, `caseType`, `outcome`, `kind`, `cause`).
   */
  baseSql: string;
}

export interface MetricRow {
  key: string;
  /** The data's own name for the key (a settlement, a service), or null when the page names it. */
  label: string | null;
  value: number;
}

export interface MetricResult {
  key: string;
  period: Period;
  breakdown: Breakdown | null;
  total: number;
  rows: MetricRow[];
}

/** A period key as plans write targets: `2026`, `2026-H2`, `2026-Q3`; its first and last day, or null. */
export function periodOf(key: string): Period | null {
  const m = /^([0-9]{4})(?:-(H|Q)([1-4]))?$/.exec(key);
  if (!m) return null;
  const y = Number(m[1]);
  if (y < 1991 || y > 2100) return null;
  const span = m[2] === 'H' ? 6 : m[2] === 'Q' ? 3 : 12;
  const n = m[2] ? Number(m[3]) : 1;
  if (m[2] === 'H' && n > 2) return null;
  const first = (n - 1) * span + 1;
  const last = n * span;
  const lastDay = new Date(Date.UTC(y, last, 0)).getUTCDate();
  const pad = (x: number) => String(x).padStart(2, '0');
  return { from: `${y}-${pad(first)}-01`, to: `${y}-${pad(last)}-${pad(lastDay)}` };
}
