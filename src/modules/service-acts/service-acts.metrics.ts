import { PERSON_BREAKDOWNS, type Metric } from '../metrics/metric.js';

/** True when the period is of whole months (every period a plan or a report uses): the monthly sums answer it. */
const WHOLE_MONTHS = `$2::date = date_trunc('month', $2::date)::date
  AND $3::date = (date_trunc('month', $3::date) + interval '1 month - 1 day')::date`;
/** True when it is of whole years (a plan's yearly values, an annual report): the yearly sums answer it. */
const WHOLE_YEARS = `$2::date = date_trunc('year', $2::date)::date
  AND $3::date = (date_trunc('year', $3::date) + interval '1 year - 1 day')::date`;
/**
 * The period's acts (not cancelled) as rows of a person, service and place with the number of acts and minutes: the
 * sums kept by the database (decision 0035) — yearly for a period of whole years, monthly for one of whole months —
 * else the acts themselves.
 */
const ACT_ROWS = `SELECT y.person_id, y.service_id, y.place, y.acts, y.minutes FROM service_act_years y
    WHERE y.hromada_id = $1 AND y.year BETWEEN extract(year FROM $2::date)::int AND extract(year FROM $3::date)::int
      AND ${WHOLE_YEARS}
  UNION ALL
  SELECT m.person_id, m.service_id, m.place, m.acts, m.minutes FROM service_act_months m
    WHERE m.hromada_id = $1 AND m.month BETWEEN $2::date AND $3::date AND ${WHOLE_MONTHS} AND NOT (${WHOLE_YEARS})
  UNION ALL
  SELECT a.person_id, a.service_id, a.place, 1, a.minutes FROM service_acts a
    WHERE a.hromada_id = $1 AND a.act_date BETWEEN $2::date AND $3::date AND a.cancelled_at IS NULL
      AND NOT (${WHOLE_MONTHS})`;
const acts = (v: string) =>
  `SELECT r.person_id, ${v} AS v, r.service_id AS service, r.place AS kind FROM (${ACT_ROWS}) r`;
const breakdowns = [...PERSON_BREAKDOWNS, 'service', 'kind'] as const;

/** Persons served (a service act in the period), acts and hours delivered; families covered and the children in them. */
export const SERVICE_ACT_METRICS: Metric[] = [
  {
    key: 'delivery.personsServed',
    module: 'service-acts',
    unit: 'persons',
    aggregate: 'persons',
    personBased: true,
    breakdowns,
    baseSql: acts('1'),
  },
  {
    key: 'delivery.acts',
    module: 'service-acts',
    unit: 'acts',
    aggregate: 'sum',
    personBased: false,
    breakdowns,
    baseSql: acts('r.acts'),
  },
  {
    key: 'delivery.hours',
    module: 'service-acts',
    unit: 'hours',
    aggregate: 'sum',
    personBased: false,
    breakdowns,
    baseSql: acts('r.minutes / 60.0'),
  },
  {
    key: 'delivery.familiesServed',
    module: 'service-acts',
    unit: 'families',
    aggregate: 'count',
    personBased: false,
    breakdowns: ['district'],
    // A household counts once when any of its members received a service act in the period. Membership is the household
    // as recorded (joined_on is the day it was recorded, not moved in), less those who left before the period.
    baseSql: `SELECT (SELECT hm.person_id FROM household_members hm WHERE hm.hromada_id = $1 AND hm.household_id = h.household_id
        AND hm.relation = 'head' LIMIT 1) AS person_id, 1 AS v
      FROM (SELECT DISTINCT m.household_id FROM (${ACT_ROWS}) a JOIN household_members m ON m.hromada_id = $1
        AND m.person_id = a.person_id AND (m.left_on IS NULL OR m.left_on >= $2::date)) h`,
  },
  {
    key: 'delivery.childrenInFamiliesServed',
    module: 'service-acts',
    unit: 'children',
    aggregate: 'persons',
    personBased: true,
    breakdowns: PERSON_BREAKDOWNS,
    // The children (under 18 at the period's end) living in the households counted above.
    baseSql: `SELECT c.person_id, 1 AS v FROM household_members c JOIN persons p ON p.hromada_id = c.hromada_id AND p.id = c.person_id
      WHERE c.hromada_id = $1 AND (c.left_on IS NULL OR c.left_on >= $2::date)
      AND p.birth_date > ($3::date - interval '18 years') AND c.household_id IN (
        SELECT m.household_id FROM (${ACT_ROWS}) a JOIN household_members m ON m.hromada_id = $1
          AND m.person_id = a.person_id AND (m.left_on IS NULL OR m.left_on >= $2::date))`,
  },
];
