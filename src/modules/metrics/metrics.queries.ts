import type { PoolClient } from 'pg';
import type { Aggregate, Breakdown, Metric, MetricResult, Period } from './metric.js';

const AGE_BAND = `CASE WHEN p.birth_date IS NULL THEN 'unknown'
  WHEN date_part('year', age($3::date, p.birth_date)) < 18 THEN '0-17'
  WHEN date_part('year', age($3::date, p.birth_date)) < 35 THEN '18-34'
  WHEN date_part('year', age($3::date, p.birth_date)) < 60 THEN '35-59'
  WHEN date_part('year', age($3::date, p.birth_date)) < 80 THEN '60-79' ELSE '80+' END`;

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
  // Counting persons by a trait of the person: each person once, before the join (a person with a hundred acts is
  // joined once, not a hundred times).
  const rows = metric.aggregate === 'persons' && dim.join !== '' ? '(SELECT DISTINCT person_id FROM b) b' : 'b';
  const r = await c.query<{ k: string; label: string | null; v: string | null }>(
    `${base}, g AS (SELECT ${dim.key} AS k, ${AGG[metric.aggregate]} AS v FROM ${rows} ${join} GROUP BY 1)
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
