import type { Metric } from '../metrics/metric.js';

/** Specialists who completed training and who received supervision support in the period (the plans' figures). */
export const STAFF_METRICS: Metric[] = [
  {
    key: 'staff.trained',
    module: 'staff-development',
    unit: 'staff',
    aggregate: 'count',
    personBased: false,
    breakdowns: [],
    baseSql: `SELECT DISTINCT NULL::uuid AS person_id, t.user_id, 1 AS v FROM staff_trainings t
      WHERE t.hromada_id = $1 AND t.trained_on BETWEEN $2::date AND $3::date`,
  },
  {
    key: 'staff.supervised',
    module: 'staff-development',
    unit: 'staff',
    aggregate: 'count',
    personBased: false,
    breakdowns: [],
    baseSql: `SELECT DISTINCT NULL::uuid AS person_id, sp.user_id, 1 AS v FROM staff_supervision_participants sp
      JOIN staff_supervisions s ON s.hromada_id = sp.hromada_id AND s.id = sp.supervision_id
      WHERE sp.hromada_id = $1 AND s.held_on BETWEEN $2::date AND $3::date`,
  },
];
