/**
 * The library of computed metrics (decision 0032): figures over the platform's own data for a period, with
 * breakdowns. A module adds its metrics in its own `<module>.metrics.ts` and contributes them to the `metrics`
 * extension point; this module computes any of them the same way: the metric gives the SQL of its base rows for the
 * period (one row per counted thing: the person it concerns, a value, and the metric's own dimensions), and
 * `computeMetric` groups them — one statement for the total, one per breakdown, no loops in Node.
 */
import type { PoolClient } from 'pg';

export const PERSON_BREAKDOWNS = ['sex', 'age', 'category', 'settlement', 'district'] as const;
export const OWN_BREAKDOWNS = ['channel', 'service', 'caseType', 'outcome', 'kind'] as const;
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
  | 'staff';

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
   * own breakdown it supports, named as the breakdown (`channel`, `service`, `caseType`, `outcome`, `kind`).
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

const AGE_BAND = `CASE WHEN p.birth_date IS NULL THEN 'unknown'
  WHEN date_part('year', age($3::date, p.birth_date)) < 18 THEN '0-17'
  WHEN date_part('year', age($3::date, p.birth_date)) < 35 THEN '18-34'
  WHEN date_part('year', age($3::date, p.birth_date)) < 60 THEN '35-59'
  WHEN date_part('year', age($3::date, p.birth_date)) < 80 THEN '60-79' ELSE '80+' END`;

export const AGE_BANDS = ['0-17', '18-34', '35-59', '60-79', '80+', 'unknown'] as const;

/** The grouping key of a breakdown (SQL over the base row `b`, its person `p`, its category `pc`), what it joins, and
 * the label of a group's key `g.k` where the data names it (others are labelled by the page's texts). */
const DIMENSIONS: Record<Breakdown, { key: string; join: 'person' | 'category' | ''; label?: string }> = {
  sex: { key: `coalesce(p.sex, 'unknown')`, join: 'person' },
  age: { key: AGE_BAND, join: 'person' },
  settlement: {
    key: `coalesce(p.act_settlement_code, p.reg_settlement_code, 'unknown')`,
    join: 'person',
    label: `(SELECT s.name FROM settlements s WHERE s.code = g.k)`,
  },
  district: {
    key: `coalesce(p.district_id::text, 'unknown')`,
    join: 'person',
    label: `(SELECT d.name FROM districts d WHERE d.hromada_id = $1 AND d.id::text = g.k)`,
  },
  category: {
    key: `coalesce(pc.code, 'none')`,
    join: 'category',
    label: `(SELECT ct.name_uk FROM category_types ct WHERE ct.code = g.k
      AND (ct.hromada_id IS NULL OR ct.hromada_id = $1) ORDER BY ct.hromada_id NULLS LAST LIMIT 1)`,
  },
  channel: { key: `coalesce(b.channel, 'unknown')`, join: '' },
  service: {
    key: `coalesce(b.service::text, 'unknown')`,
    join: '',
    label: `(SELECT sv.name FROM services sv WHERE sv.hromada_id = $1 AND sv.id::text = g.k)`,
  },
  caseType: {
    key: `coalesce(b."caseType", 'unknown')`,
    join: '',
    label: `(SELECT ct.name_uk FROM case_types ct WHERE ct.code = g.k
      AND (ct.hromada_id IS NULL OR ct.hromada_id = $1) ORDER BY ct.hromada_id NULLS LAST LIMIT 1)`,
  },
  outcome: { key: `coalesce(b.outcome, 'unknown')`, join: '' },
  kind: { key: `coalesce(b.kind, 'unknown')`, join: '' },
};

const AGG: Record<Aggregate, string> = {
  persons: 'count(DISTINCT b.person_id)',
  count: 'count(*)',
  sum: 'coalesce(sum(b.v), 0)',
  median: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY b.v)',
  share: 'CASE WHEN count(*) = 0 THEN NULL ELSE 100.0 * sum(CASE WHEN b.v = 1 THEN 1 ELSE 0 END) / count(*) END',
};

const PERSON_JOIN = 'LEFT JOIN persons p ON p.hromada_id = $1 AND p.id = b.person_id';
const CATEGORY_JOIN = `${PERSON_JOIN}
  LEFT JOIN person_categories pc ON pc.hromada_id = $1 AND pc.person_id = b.person_id AND pc.ended_at IS NULL
    AND (pc.valid_from IS NULL OR pc.valid_from <= $3::date) AND (pc.valid_to IS NULL OR pc.valid_to >= $2::date)`;

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * A metric's figure for a period, and its rows by one breakdown (ordered by value, then label). A person with several
 * categories counts under each, so category rows may add up to more than the total (the page says so).
 */
export async function computeMetricWith(
  c: PoolClient,
  metric: Metric,
  hromadaId: number,
  period: Period,
  breakdown: Breakdown | null,
): Promise<MetricResult> {
  if (breakdown && !metric.breakdowns.includes(breakdown))
    throw new Error(`${metric.key} has no ${breakdown} breakdown`);
  const params = [hromadaId, period.from, period.to];
  const base = `WITH b AS (${metric.baseSql})`;
  const totalRow = await c.query<{ v: string | null }>(`${base} SELECT ${AGG[metric.aggregate]} AS v FROM b`, params);
  const total = round(Number(totalRow.rows[0]?.v ?? 0));
  if (!breakdown) return { key: metric.key, period, breakdown, total, rows: [] };
  const dim = DIMENSIONS[breakdown];
  const join = dim.join === 'person' ? PERSON_JOIN : dim.join === 'category' ? CATEGORY_JOIN : '';
  const r = await c.query<{ k: string; label: string | null; v: string | null }>(
    `${base}, g AS (SELECT ${dim.key} AS k, ${AGG[metric.aggregate]} AS v FROM b ${join} GROUP BY 1)
     SELECT g.k, ${dim.label ?? 'NULL::text'} AS label, g.v FROM g ORDER BY g.v DESC NULLS LAST, g.k`,
    params,
  );
  return {
    key: metric.key,
    period,
    breakdown,
    total,
    rows: r.rows.map((x) => ({ key: x.k, label: x.label, value: round(Number(x.v ?? 0)) })),
  };
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
