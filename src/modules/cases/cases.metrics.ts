import { PERSON_BREAKDOWNS, type Metric } from '../metrics/metric.js';

/** The person a case concerns: its person, or the head of its household. */
const CASE_PERSON = `coalesce(k.person_id, (SELECT m.person_id FROM household_members m WHERE m.hromada_id = k.hromada_id
  AND m.household_id = k.household_id AND m.relation = 'head' AND m.left_on IS NULL LIMIT 1))`;
const breakdowns = [...PERSON_BREAKDOWNS, 'caseType'] as const;

/** Cases opened and closed, their median duration; referrals made and accepted; early-detection signals. */
export const CASE_METRICS: Metric[] = [
  {
    key: 'cases.opened',
    module: 'cases',
    unit: 'cases',
    aggregate: 'count',
    personBased: false,
    breakdowns,
    baseSql: `SELECT ${CASE_PERSON} AS person_id, 1 AS v, k.type_code AS "caseType" FROM cases k
      WHERE k.hromada_id = $1 AND k.opened_on BETWEEN $2::date AND $3::date`,
  },
  {
    key: 'cases.closed',
    module: 'cases',
    unit: 'cases',
    aggregate: 'count',
    personBased: false,
    breakdowns,
    baseSql: `SELECT ${CASE_PERSON} AS person_id, 1 AS v, k.type_code AS "caseType" FROM cases k
      WHERE k.hromada_id = $1 AND k.closed_on BETWEEN $2::date AND $3::date`,
  },
  {
    key: 'cases.durationDays',
    module: 'cases',
    unit: 'days',
    aggregate: 'median',
    personBased: false,
    breakdowns,
    baseSql: `SELECT ${CASE_PERSON} AS person_id, (k.closed_on - k.opened_on) AS v, k.type_code AS "caseType" FROM cases k
      WHERE k.hromada_id = $1 AND k.closed_on BETWEEN $2::date AND $3::date`,
  },
  {
    key: 'cases.referralsMade',
    module: 'cases',
    unit: 'referrals',
    aggregate: 'count',
    personBased: false,
    breakdowns: [...breakdowns, 'outcome'],
    baseSql: `SELECT ${CASE_PERSON} AS person_id, 1 AS v, k.type_code AS "caseType", r.status AS outcome
      FROM case_referrals r JOIN cases k ON k.hromada_id = r.hromada_id AND k.id = r.case_id
      WHERE r.hromada_id = $1 AND (r.sent_at AT TIME ZONE 'Europe/Kyiv')::date BETWEEN $2::date AND $3::date`,
  },
  {
    key: 'cases.referralsAccepted',
    module: 'cases',
    unit: 'referrals',
    aggregate: 'count',
    personBased: false,
    breakdowns,
    baseSql: `SELECT ${CASE_PERSON} AS person_id, 1 AS v, k.type_code AS "caseType"
      FROM case_referrals r JOIN cases k ON k.hromada_id = r.hromada_id AND k.id = r.case_id
      WHERE r.hromada_id = $1 AND r.status = 'accepted'
      AND (r.decided_at AT TIME ZONE 'Europe/Kyiv')::date BETWEEN $2::date AND $3::date`,
  },
  {
    key: 'signals.received',
    module: 'signals',
    unit: 'signals',
    aggregate: 'count',
    personBased: false,
    breakdowns: [...PERSON_BREAKDOWNS, 'outcome'],
    baseSql: `SELECT s.person_id, 1 AS v, coalesce(s.outcome, 'open') AS outcome FROM signals s
      WHERE s.hromada_id = $1 AND (s.received_at AT TIME ZONE 'Europe/Kyiv')::date BETWEEN $2::date AND $3::date`,
  },
  {
    key: 'signals.triagedInTime',
    module: 'signals',
    unit: 'percent',
    aggregate: 'share',
    personBased: false,
    breakdowns: ['outcome'],
    // Of the signals received in the period, the share whose triage ended (closed with an outcome) by its due time.
    baseSql: `SELECT s.person_id, CASE WHEN s.closed_at IS NOT NULL AND s.closed_at <= s.triage_due_at THEN 1 ELSE 0 END AS v,
      coalesce(s.outcome, 'open') AS outcome FROM signals s
      WHERE s.hromada_id = $1 AND (s.received_at AT TIME ZONE 'Europe/Kyiv')::date BETWEEN $2::date AND $3::date`,
  },
  {
    key: 'cases.assessedNeeds',
    module: 'cases',
    unit: 'persons',
    aggregate: 'persons',
    personBased: true,
    breakdowns: [...PERSON_BREAKDOWNS, 'cause', 'caseType'],
    // The causes of difficult life circumstances as assessments record them: persons assessed in the period with a
    // significant need — a scale answer in the upper third of its scale (on the 0–3 scales of the family needs form,
    // 2 «помірна» or 3 «значна потреба») — one row per need, so the cause breakdown counts persons by need.
    baseSql: `SELECT ${CASE_PERSON} AS person_id, 1 AS v, q->>'id' AS cause, k.type_code AS "caseType"
      FROM assessments a JOIN cases k ON k.hromada_id = a.hromada_id AND k.id = a.case_id
      JOIN assessment_form_versions fv ON fv.form_id = a.form_id AND fv.version = a.form_version
      CROSS JOIN LATERAL jsonb_array_elements(fv.definition->'sections') sec
      CROSS JOIN LATERAL jsonb_array_elements(sec->'questions') q
      WHERE a.hromada_id = $1 AND a.completed_on BETWEEN $2::date AND $3::date AND q->>'type' = 'scale'
        AND jsonb_typeof(a.answers->(q->>'id')) = 'number'
        AND (a.answers->>(q->>'id'))::numeric
          >= (q->>'min')::numeric + 2 * ((q->>'max')::numeric - (q->>'min')::numeric) / 3`,
  },
];
