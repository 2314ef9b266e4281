import type { Metric } from '../metrics/metric.js';

/** Social-taxi rides done in the period, and the registry persons carried (by settlement, sex, age …). */
export const TAXI_METRICS: Metric[] = [
  {
    key: 'taxi.rides',
    module: 'taxi',
    unit: 'rides',
    aggregate: 'count',
    personBased: false,
    breakdowns: ['channel'],
    baseSql: `SELECT r.person_id, 1 AS v, r.channel FROM taxi_rides r
      WHERE r.hromada_id = $1 AND r.status = 'done'
        AND r.pickup_at >= ($2::date::timestamp AT TIME ZONE 'Europe/Kyiv')
        AND r.pickup_at < (($3::date + 1)::timestamp AT TIME ZONE 'Europe/Kyiv')`,
  },
  {
    key: 'taxi.passengers',
    module: 'taxi',
    unit: 'persons',
    aggregate: 'persons',
    personBased: true,
    breakdowns: ['sex', 'age', 'category', 'settlement', 'district'],
    baseSql: `SELECT r.person_id, 1 AS v FROM taxi_rides r
      WHERE r.hromada_id = $1 AND r.status = 'done' AND r.person_id IS NOT NULL
        AND r.pickup_at >= ($2::date::timestamp AT TIME ZONE 'Europe/Kyiv')
        AND r.pickup_at < (($3::date + 1)::timestamp AT TIME ZONE 'Europe/Kyiv')`,
  },
];
