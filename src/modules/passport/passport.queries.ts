import type { PoolClient } from 'pg';

/** A count by a row key (with the data's own label, if it names it) and sex (`female`, `male`, `unknown`). */
export interface SexCountRow {
  k: string;
  label: string | null;
  sex: 'female' | 'male' | 'unknown';
  n: number;
}

/** Persons of the registry today: alive and not merged into another record. */
const LIVING = `FROM persons p WHERE p.hromada_id = $1 AND p.merged_into IS NULL AND p.death_date IS NULL`;
const SEX = `coalesce(p.sex, 'unknown')`;

async function sexRows(c: PoolClient, sql: string, params: unknown[]): Promise<SexCountRow[]> {
  return (await c.query<SexCountRow>(sql, params)).rows;
}

/** Persons by age band (on `today`) and sex. */
export const personsByAge = (c: PoolClient, hromadaId: number, today: string) =>
  sexRows(
    c,
    `SELECT CASE WHEN p.birth_date IS NULL THEN 'unknown'
       WHEN date_part('year', age($2::date, p.birth_date)) < 18 THEN '0-17'
       WHEN date_part('year', age($2::date, p.birth_date)) < 35 THEN '18-34'
       WHEN date_part('year', age($2::date, p.birth_date)) < 60 THEN '35-59'
       WHEN date_part('year', age($2::date, p.birth_date)) < 80 THEN '60-79' ELSE '80+' END AS k,
       NULL AS label, ${SEX} AS sex, count(*)::int AS n ${LIVING} GROUP BY 1, 3`,
    [hromadaId, today],
  );

/** Persons by settlement (where they live, else where registered) and sex. */
export const personsBySettlement = (c: PoolClient, hromadaId: number) =>
  sexRows(
    c,
    `WITH g AS (SELECT coalesce(p.act_settlement_code, p.reg_settlement_code, 'unknown') AS k, ${SEX} AS sex,
       count(*)::int AS n ${LIVING} GROUP BY 1, 2)
     SELECT g.k, (SELECT s.name FROM settlements s WHERE s.code = g.k) AS label, g.sex, g.n FROM g`,
    [hromadaId],
  );

/** Persons by category in force on `today` and sex (a person with two categories counts under both). */
export const personsByCategory = (c: PoolClient, hromadaId: number, today: string) =>
  sexRows(
    c,
    `WITH g AS (SELECT pc.code AS k, ${SEX} AS sex, count(DISTINCT p.id)::int AS n
       FROM person_categories pc JOIN persons p ON p.hromada_id = pc.hromada_id AND p.id = pc.person_id
       WHERE pc.hromada_id = $1 AND p.merged_into IS NULL AND p.death_date IS NULL AND pc.ended_at IS NULL
         AND (pc.valid_from IS NULL OR pc.valid_from <= $2::date) AND (pc.valid_to IS NULL OR pc.valid_to >= $2::date)
       GROUP BY 1, 2)
     SELECT g.k, (SELECT ct.name_uk FROM category_types ct WHERE ct.code = g.k
         AND (ct.hromada_id IS NULL OR ct.hromada_id = $1) ORDER BY ct.hromada_id NULLS LAST LIMIT 1) AS label, g.sex, g.n
     FROM g`,
    [hromadaId, today],
  );

/** Persons who received a service (an act not cancelled) between `from` and `to`, by service and sex. */
export const personsServed = (c: PoolClient, hromadaId: number, from: string, to: string) =>
  sexRows(
    c,
    `WITH g AS (SELECT a.service_id AS k, ${SEX} AS sex, count(DISTINCT a.person_id)::int AS n
       FROM service_acts a JOIN persons p ON p.hromada_id = a.hromada_id AND p.id = a.person_id
       WHERE a.hromada_id = $1 AND a.act_date BETWEEN $2::date AND $3::date AND a.cancelled_at IS NULL
       GROUP BY 1, 2)
     SELECT g.k::text AS k, (SELECT sv.name FROM services sv WHERE sv.hromada_id = $1 AND sv.id = g.k) AS label, g.sex, g.n
     FROM g`,
    [hromadaId, from, to],
  );

/** Households with a member today: all, with a child under 18, with three or more children (large families). */
export async function householdCounts(c: PoolClient, hromadaId: number, today: string) {
  const r = await c.query<{ all: number; with_children: number; large: number }>(
    `WITH m AS (
       SELECT hm.household_id, count(*) FILTER (WHERE p.birth_date > ($2::date - interval '18 years')) AS children
       FROM household_members hm JOIN persons p ON p.id = hm.person_id AND p.merged_into IS NULL AND p.death_date IS NULL
       WHERE hm.hromada_id = $1 AND (hm.left_on IS NULL OR hm.left_on > $2::date) GROUP BY 1)
     SELECT count(*)::int AS all, count(*) FILTER (WHERE children > 0)::int AS with_children,
       count(*) FILTER (WHERE children >= 3)::int AS large FROM m`,
    [hromadaId, today],
  );
  return r.rows[0];
}

export interface ProviderCapacityRow {
  ownership: string;
  providers: number;
  places: number;
  hours: number;
  staff: number;
}

/** Active providers by form of ownership, with their capacity (places, hours a month, staff). */
export async function providerCapacity(c: PoolClient, hromadaId: number): Promise<ProviderCapacityRow[]> {
  const r = await c.query<ProviderCapacityRow>(
    `SELECT ownership, count(*)::int AS providers, coalesce(sum(places), 0)::int AS places,
       coalesce(sum(hours_per_month), 0)::int AS hours, coalesce(sum(staff_count), 0)::int AS staff
     FROM agencies WHERE hromada_id = $1 AND kind = 'provider' AND active GROUP BY 1`,
    [hromadaId],
  );
  return r.rows;
}
