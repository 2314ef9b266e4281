import type { PoolClient } from 'pg';
import {
  OWN_BREAKDOWNS,
  type Aggregate,
  type Breakdown,
  type Metric,
  type MetricResult,
  type Period,
} from './metric.js';
import { narrowingGroup } from './metrics.registry.js';

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
  // A need found by an assessment: a question of the form, named by its label (the shared forms' or the hromada's).
  cause: {
    key: `coalesce(b.cause, 'unknown')`,
    join: '',
    label: `(SELECT q->'label'->>'uk' FROM assessment_form_versions fv
      CROSS JOIN LATERAL jsonb_array_elements(fv.definition->'sections') sec
      CROSS JOIN LATERAL jsonb_array_elements(sec->'questions') q
      WHERE (fv.hromada_id IS NULL OR fv.hromada_id = $1) AND q->>'id' = g.k
      ORDER BY fv.hromada_id NULLS LAST, fv.version DESC LIMIT 1)`,
  },
};

const AGG: Record<Aggregate, string> = {
  // (A persons figure is counted as the rows of its distinct persons — see `totalSql` and `breakdownRows` — which
  // hashes where count(DISTINCT …) would sort; this form is for the reductions.)
  persons: 'count(DISTINCT b.person_id)',
  count: 'count(*)',
  sum: 'coalesce(sum(b.v), 0)',
  median: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY b.v)',
  share: 'CASE WHEN count(*) = 0 THEN NULL ELSE 100.0 * sum(CASE WHEN b.v = 1 THEN 1 ELSE 0 END) / count(*) END',
};

/** The person of a base row: from the registry, or from `metric_people` (the persons of one figure, taken once). */
const personJoin = (people: People) =>
  people === 'persons'
    ? 'LEFT JOIN persons p ON p.hromada_id = $1 AND p.id = b.person_id'
    : 'LEFT JOIN metric_people p ON p.person_id = b.person_id';
/** The categories in force in the period of the person in `col`. */
const categoryJoin = (col: string) => `
  LEFT JOIN person_categories pc ON pc.hromada_id = $1 AND pc.person_id = ${col} AND pc.ended_at IS NULL
    AND (pc.valid_from IS NULL OR pc.valid_from <= $3::date) AND (pc.valid_to IS NULL OR pc.valid_to >= $2::date)`;
type People = 'persons' | 'metric_people';

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
  const totalRow = await c.query<{ v: string | null }>(totalSql(metric, base, AGG[metric.aggregate]), params);
  const total = round(Number(totalRow.rows[0]?.v ?? 0));
  if (!breakdown) return { key: metric.key, period, breakdown, total, rows: [] };
  return {
    ...(await breakdownRows(c, metric, params, base, AGG[metric.aggregate], breakdown, 'persons')),
    total,
    period,
  };
}

/** The total over the base rows `b` defined by `base`: distinct persons counted as rows (hashed), else by `agg`. */
const totalSql = (metric: Metric, base: string, agg: string) =>
  metric.aggregate === 'persons'
    ? `${base} SELECT count(*) AS v FROM (SELECT DISTINCT person_id FROM b WHERE person_id IS NOT NULL) d`
    : `${base} SELECT ${agg} AS v FROM b`;

/** A breakdown's grouped rows over the base rows `b` defined by `base`, aggregated by `agg`. */
async function breakdownRows(
  c: PoolClient,
  metric: Metric,
  params: unknown[],
  base: string,
  agg: string,
  breakdown: Breakdown,
  people: 'persons' | 'metric_people',
): Promise<Omit<MetricResult, 'total' | 'period'>> {
  const dim = DIMENSIONS[breakdown];
  const persons = metric.aggregate === 'persons';
  let grouped: string;
  if (people === 'metric_people' && persons && dim.join !== '') {
    // One row per person already: grouped as it is (a person with several categories once under each).
    grouped =
      dim.join === 'category'
        ? `SELECT d.k, count(*) AS v FROM (SELECT DISTINCT ${dim.key} AS k, p.person_id
            FROM metric_people p ${categoryJoin('p.person_id')}) d GROUP BY 1`
        : `SELECT ${dim.key} AS k, count(*) AS v FROM metric_people p GROUP BY 1`;
  } else {
    const join =
      dim.join === '' ? '' : `${personJoin(people)}${dim.join === 'category' ? categoryJoin('b.person_id') : ''}`;
    // Counting persons by a trait of the person: each person once, before the join (a person with a hundred acts
    // is joined once, not a hundred times); then each (group, person) once, counted — hashed, where
    // count(DISTINCT …) would sort.
    const rows = persons && dim.join !== '' ? '(SELECT DISTINCT person_id FROM b) b' : 'b';
    grouped = persons
      ? `SELECT d.k, count(*) AS v FROM (SELECT DISTINCT ${dim.key} AS k, b.person_id FROM ${rows} ${join}
          WHERE b.person_id IS NOT NULL) d GROUP BY 1`
      : `SELECT ${dim.key} AS k, ${agg} AS v FROM ${rows} ${join} GROUP BY 1`;
  }
  const r = await c.query<{ k: string; label: string | null; v: string | null }>(
    `${base}, g AS (${grouped})
     SELECT g.k, ${dim.label ?? 'NULL::text'} AS label, g.v FROM g ORDER BY g.v DESC NULLS LAST, g.k`,
    params,
  );
  return {
    key: metric.key,
    breakdown,
    rows: r.rows.map((x) => ({ key: x.k, label: x.label, value: round(Number(x.v ?? 0)) })),
  };
}

/**
 * How the base rows reduce before several breakdowns are taken of them: a `persons` figure needs each person once
 * per own dimension, `count` and `sum` their count or sum per person and own dimension; a median or a share needs
 * every row. The reduced rows have the base rows' columns (own dimensions as text), `n` and `v`, and `AGG_REDUCED`
 * aggregates them to the same figure as `AGG` the base rows.
 */
const REDUCE: Record<Aggregate, { select: string; grouped: boolean }> = {
  persons: { select: 'NULL::bigint AS n, NULL::numeric AS v', grouped: true },
  count: { select: 'count(*) AS n, NULL::numeric AS v', grouped: true },
  sum: { select: 'NULL::bigint AS n, sum(b.v) AS v', grouped: true },
  median: { select: 'NULL::bigint AS n, b.v', grouped: false },
  share: { select: 'NULL::bigint AS n, b.v', grouped: false },
};
const AGG_REDUCED: Record<Aggregate, string> = { ...AGG, count: 'coalesce(sum(b.n), 0)' };

/**
 * A metric's figure for a period with its rows by each of several breakdowns, reading the base rows once: they are
 * reduced (see `REDUCE`) into a temporary table that every breakdown then groups — a year of a million acts becomes
 * the hundred thousand persons who received them. The same figures as `computeMetricWith` for each breakdown.
 */
export async function computeMetricBreakdowns(
  c: PoolClient,
  metric: Metric,
  hromadaId: number,
  period: Period,
  breakdowns: readonly Breakdown[],
): Promise<MetricResult[]> {
  for (const b of breakdowns)
    if (!metric.breakdowns.includes(b)) throw new Error(`${metric.key} has no ${b} breakdown`);
  const own = metric.breakdowns.filter((b) => (OWN_BREAKDOWNS as readonly string[]).includes(b));
  const ownCols = own.map((b) => `"${b}"`);
  const reduce = REDUCE[metric.aggregate];
  await c.query(
    `CREATE TEMP TABLE metric_base (person_id uuid, ${ownCols.map((col) => `${col} text`).join(', ')}${own.length ? ',' : ''}
      n bigint, v numeric) ON COMMIT DROP`,
  );
  const params = [hromadaId, period.from, period.to];
  // Grouping a hundred thousand persons in memory, not in files.
  await c.query(`SET LOCAL work_mem = '64MB'`);
  // Grouped by the base rows' own values, turned to text after (a million casts fewer).
  const keys = ['b.person_id', ...ownCols.map((col) => `b.${col}`)];
  await c.query(
    `INSERT INTO metric_base WITH b AS (${metric.baseSql})
     SELECT r.person_id, ${ownCols.map((col) => `r.${col}::text`).join(', ')}${own.length ? ',' : ''} r.n, r.v
     FROM (SELECT ${keys.join(', ')}, ${reduce.select} FROM b
       ${reduce.grouped ? `GROUP BY ${keys.map((_, i) => i + 1).join(', ')}` : ''}) r`,
    params,
  );
  // The persons of the figure with what the person breakdowns read, taken from the registry once for all of them.
  const byPerson = breakdowns.some((b) => DIMENSIONS[b].join !== '');
  if (byPerson) {
    await c.query(
      `CREATE TEMP TABLE metric_people ON COMMIT DROP AS SELECT id AS person_id, sex, birth_date, act_settlement_code,
         reg_settlement_code, district_id FROM persons WITH NO DATA`,
    );
    // Read from the registry's covering index in id order (persons_traits_idx, a merge join); the planner, left to
    // itself, hashes the whole registry — five times slower at a million persons (decision 0035).
    await c.query('SET LOCAL enable_hashjoin = off; SET LOCAL enable_seqscan = off');
    await c.query(
      `INSERT INTO metric_people SELECT b.person_id, p.sex, p.birth_date, p.act_settlement_code, p.reg_settlement_code,
         p.district_id
       FROM (SELECT DISTINCT person_id FROM metric_base WHERE person_id IS NOT NULL ORDER BY person_id) b
       LEFT JOIN persons p ON p.hromada_id = $1 AND p.id = b.person_id`,
      [hromadaId],
    );
    await c.query('SET LOCAL enable_hashjoin TO DEFAULT; SET LOCAL enable_seqscan TO DEFAULT');
    // Its size known, the category breakdown hashes the categories rather than looking each person up (the size is all
    // it needs: one column's statistics, a quarter of the time of all six).
    await c.query('ANALYZE metric_people (person_id)');
  }
  // The parameters typed once, as the breakdowns use some of them (an age at the period's end, a hromada's labels).
  const base = 'WITH params AS (SELECT $1::int, $2::date, $3::date), b AS (SELECT * FROM metric_base)';
  const agg = AGG_REDUCED[metric.aggregate];
  const totalRow = await c.query<{ v: string | null }>(totalSql(metric, base, agg), params);
  const total = round(Number(totalRow.rows[0]?.v ?? 0));
  const out: MetricResult[] = [];
  for (const breakdown of breakdowns)
    out.push({ ...(await breakdownRows(c, metric, params, base, agg, breakdown, 'metric_people')), total, period });
  if (byPerson) await c.query('DROP TABLE metric_people');
  // Dropped now, not only at commit, so a second figure in the same transaction can make its own.
  await c.query('DROP TABLE metric_base');
  return out;
}

/** A metric's figure for a period, as kept (decision 0035). */
export interface FigureKey {
  key: string;
  from: string;
  to: string;
}
export interface KeptFigure extends FigureKey {
  /** Null while it is being computed for the first time. */
  total: number | null;
  computed_at: Date;
  refresh_requested_at: Date | null;
}

/** The kept figures among those asked for. */
export async function keptFigures(c: PoolClient, hromadaId: number, wanted: FigureKey[]): Promise<KeptFigure[]> {
  if (wanted.length === 0) return [];
  const r = await c.query<KeptFigure & { total: string | null }>(
    `SELECT f.metric_key AS key, to_char(f.period_from, 'YYYY-MM-DD') AS "from", to_char(f.period_to, 'YYYY-MM-DD') AS "to",
       f.total, f.computed_at, f.refresh_requested_at
     FROM metric_figures f JOIN jsonb_to_recordset($2::jsonb) w(key text, "from" date, "to" date)
       ON f.metric_key = w.key AND f.period_from = w."from" AND f.period_to = w."to"
     WHERE f.hromada_id = $1`,
    [hromadaId, JSON.stringify(wanted)],
  );
  return r.rows.map((x) => ({ ...x, total: x.total === null ? null : Number(x.total) }));
}

/** Keeps a figure computed now (replacing the one kept, and any refresh asked for it). */
export async function keepFigure(c: PoolClient, hromadaId: number, f: FigureKey, total: number): Promise<Date> {
  const r = await c.query<{ computed_at: Date }>(
    `INSERT INTO metric_figures (hromada_id, metric_key, period_from, period_to, total) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (hromada_id, metric_key, period_from, period_to)
     DO UPDATE SET total = EXCLUDED.total, computed_at = now(), refresh_requested_at = NULL
     RETURNING computed_at`,
    [hromadaId, f.key, f.from, f.to, total],
  );
  return r.rows[0].computed_at;
}

/** Marks figures never computed as asked for (total null); returns those marked now (not already asked for). */
export async function askFirstFigures(c: PoolClient, hromadaId: number, figures: FigureKey[]): Promise<FigureKey[]> {
  if (figures.length === 0) return [];
  const r = await c.query<FigureKey>(
    `INSERT INTO metric_figures (hromada_id, metric_key, period_from, period_to, total, refresh_requested_at)
     SELECT $1, w.key, w."from", w."to", NULL, now() FROM jsonb_to_recordset($2::jsonb) w(key text, "from" date, "to" date)
     ON CONFLICT DO NOTHING
     RETURNING metric_key AS key, to_char(period_from, 'YYYY-MM-DD') AS "from", to_char(period_to, 'YYYY-MM-DD') AS "to"`,
    [hromadaId, JSON.stringify(figures)],
  );
  return r.rows;
}

/**
 * Marks kept figures as to be recomputed, except those asked for in the last `againAfterMs` (a refresh under way);
 * returns the ones marked now.
 */
export async function askFigureRefresh(
  c: PoolClient,
  hromadaId: number,
  figures: FigureKey[],
  againAfterMs: number,
): Promise<FigureKey[]> {
  if (figures.length === 0) return [];
  const r = await c.query<FigureKey>(
    `UPDATE metric_figures f SET refresh_requested_at = now()
     FROM jsonb_to_recordset($2::jsonb) w(key text, "from" date, "to" date)
     WHERE f.hromada_id = $1 AND f.metric_key = w.key AND f.period_from = w."from" AND f.period_to = w."to"
       AND (f.refresh_requested_at IS NULL OR f.refresh_requested_at < now() - make_interval(secs => $3::int / 1000.0))
     RETURNING f.metric_key AS key, to_char(f.period_from, 'YYYY-MM-DD') AS "from", to_char(f.period_to, 'YYYY-MM-DD') AS "to"`,
    [hromadaId, JSON.stringify(figures), againAfterMs],
  );
  return r.rows;
}

/**
 * What a narrowing names in the hromada: a service's name, or a classifier group's code with the names of the
 * hromada's services in it; null when the hromada has no such service or no service in the group.
 */
export async function narrowingNameOf(
  c: PoolClient,
  hromadaId: number,
  narrowing: string,
): Promise<{ group: string | null; name: string } | null> {
  const group = narrowingGroup(narrowing);
  if (group === null) {
    const r = await c.query<{ name: string }>('SELECT name FROM services WHERE hromada_id = $1 AND id = $2', [
      hromadaId,
      narrowing,
    ]);
    return r.rows[0] ? { group: null, name: r.rows[0].name } : null;
  }
  const g = (await serviceGroups(c, hromadaId)).find((x) => x.group === group);
  return g ? { group: g.group, name: g.services.join(', ') } : null;
}

/** The classifier groups of the hromada's services (the codes' first part), each with its services' names. */
export async function serviceGroups(
  c: PoolClient,
  hromadaId: number,
): Promise<{ group: string; services: string[] }[]> {
  const r = await c.query<{ group: string; services: string[] }>(
    `SELECT split_part(code, '.', 1) AS "group", array_agg(name ORDER BY code) AS services FROM services
     WHERE hromada_id = $1 AND code ~ '^[0-9]{3}[.]' GROUP BY 1 ORDER BY 1`,
    [hromadaId],
  );
  return r.rows;
}
