import { PERSON_BREAKDOWNS, type Metric } from '../metrics/metric.js';

const ACTS = `SELECT a.person_id, a.minutes / 60.0 AS v, a.service_id AS service, a.place AS kind FROM service_acts a
  WHERE a.hromada_id = $1 AND a.act_date BETWEEN $2::date AND $3::date AND a.cancelled_at IS NULL`;
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
    baseSql: ACTS,
  },
  {
    key: 'delivery.acts',
    module: 'service-acts',
    unit: 'acts',
    aggregate: 'count',
    personBased: false,
    breakdowns,
    baseSql: ACTS,
  },
  {
    key: 'delivery.hours',
    module: 'service-acts',
    unit: 'hours',
    aggregate: 'sum',
    personBased: false,
    breakdowns,
    baseSql: ACTS,
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
      FROM (SELECT DISTINCT m.household_id FROM service_acts a JOIN household_members m ON m.hromada_id = a.hromada_id
        AND m.person_id = a.person_id AND (m.left_on IS NULL OR m.left_on >= $2::date)
        WHERE a.hromada_id = $1 AND a.act_date BETWEEN $2::date AND $3::date AND a.cancelled_at IS NULL) h`,
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
        SELECT m.household_id FROM service_acts a JOIN household_members m ON m.hromada_id = a.hromada_id
          AND m.person_id = a.person_id AND (m.left_on IS NULL OR m.left_on >= $2::date)
        WHERE a.hromada_id = $1 AND a.act_date BETWEEN $2::date AND $3::date AND a.cancelled_at IS NULL)`,
  },
];
