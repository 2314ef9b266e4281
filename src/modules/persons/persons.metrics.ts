import { PERSON_BREAKDOWNS, type Metric } from '../metrics/metric.js';

/** Persons by category: those with a category in force at some time in the period (each category counts its persons). */
export const PERSON_METRICS: Metric[] = [
  {
    key: 'registry.personsWithCategory',
    module: 'persons',
    unit: 'persons',
    aggregate: 'persons',
    personBased: true,
    breakdowns: PERSON_BREAKDOWNS,
    baseSql: `SELECT DISTINCT pc.person_id, 1 AS v FROM person_categories pc JOIN persons p ON p.hromada_id = pc.hromada_id
      AND p.id = pc.person_id AND p.merged_into IS NULL
      WHERE pc.hromada_id = $1 AND pc.ended_at IS NULL AND (pc.valid_from IS NULL OR pc.valid_from <= $3::date)
      AND (pc.valid_to IS NULL OR pc.valid_to >= $2::date)`,
  },
];
