import { PERSON_BREAKDOWNS, type Metric } from '../metrics/metric.js';

/** Working days from registration to the decision: weekdays after the day of registration up to the decision's day
 * (the martial-law calendar, decision 0032: only Saturdays and Sundays are days off). */
const WORKING_DAYS = `(SELECT count(*) FROM generate_series(a.registered_on + 1, (a.decided_at AT TIME ZONE 'Europe/Kyiv')::date,
  interval '1 day') d WHERE extract(isodow FROM d) < 6)`;

/** Working days an undecided application has waited by the period's end (weekdays after its registration day). */
const WAITED_DAYS = `(SELECT count(*) FROM generate_series(a.registered_on + 1, $3::date, interval '1 day') d
  WHERE extract(isodow FROM d) < 6)`;
/** Applications registered by the period's end and still undecided at its end (the unmet need). */
const UNDECIDED_AT_END = `a.hromada_id = $1 AND $2::date <= $3::date AND a.registered_on <= $3::date
  AND a.status NOT IN ('draft', 'submitted', 'withdrawn')
  AND (a.decided_at IS NULL OR (a.decided_at AT TIME ZONE 'Europe/Kyiv')::date > $3::date)`;

const REGISTERED = `SELECT a.person_id, 1 AS v, a.channel, a.service_id AS service FROM applications a
  WHERE a.hromada_id = $1 AND a.registered_on BETWEEN $2::date AND $3::date`;
const decided = (refused: boolean) => `SELECT a.person_id, ${WORKING_DAYS} AS v, a.channel, a.service_id AS service,
    a.refusal_ground AS outcome
  FROM applications a WHERE a.hromada_id = $1 AND a.decided_at IS NOT NULL
  AND (a.decided_at AT TIME ZONE 'Europe/Kyiv')::date BETWEEN $2::date AND $3::date
  AND a.refusal_reason IS ${refused ? 'NOT NULL' : 'NULL'}`;

const breakdowns = [...PERSON_BREAKDOWNS, 'channel', 'service'] as const;

/** Applications received, granted, refused, the persons who applied, and the median time to a decision. */
export const APPLICATION_METRICS: Metric[] = [
  {
    key: 'applications.received',
    module: 'applications',
    unit: 'applications',
    aggregate: 'count',
    personBased: false,
    breakdowns,
    baseSql: REGISTERED,
  },
  {
    key: 'applications.applicants',
    module: 'applications',
    unit: 'persons',
    aggregate: 'persons',
    personBased: true,
    breakdowns,
    baseSql: REGISTERED,
  },
  {
    key: 'applications.granted',
    module: 'applications',
    unit: 'applications',
    aggregate: 'count',
    personBased: false,
    breakdowns,
    baseSql: decided(false),
  },
  {
    key: 'applications.refused',
    module: 'applications',
    unit: 'applications',
    aggregate: 'count',
    personBased: false,
    // By the refusal's ground (none for refusals recorded before grounds were).
    breakdowns: [...breakdowns, 'outcome'],
    baseSql: decided(true),
  },
  {
    key: 'applications.refusedNoCapacity',
    module: 'applications',
    unit: 'applications',
    aggregate: 'count',
    personBased: false,
    breakdowns,
    // Unmet need: applications refused in the period because there was no free place or capacity.
    baseSql: `SELECT * FROM (${decided(true)}) r WHERE r.outcome = 'no_capacity'`,
  },
  {
    key: 'applications.decisionDays',
    module: 'applications',
    unit: 'days',
    aggregate: 'median',
    personBased: false,
    breakdowns,
    baseSql: `SELECT a.person_id, ${WORKING_DAYS} AS v, a.channel, a.service_id AS service FROM applications a
      WHERE a.hromada_id = $1 AND a.decided_at IS NOT NULL AND a.registered_on IS NOT NULL
      AND (a.decided_at AT TIME ZONE 'Europe/Kyiv')::date BETWEEN $2::date AND $3::date`,
  },
  {
    key: 'applications.waiting',
    module: 'applications',
    unit: 'persons',
    aggregate: 'persons',
    personBased: true,
    breakdowns,
    // Unmet need: persons whose application was registered by the period's end and is still undecided at its end.
    baseSql: `SELECT a.person_id, 1 AS v, a.channel, a.service_id AS service FROM applications a
      WHERE ${UNDECIDED_AT_END}`,
  },
  {
    key: 'applications.waitingDays',
    module: 'applications',
    unit: 'days',
    aggregate: 'median',
    personBased: false,
    breakdowns,
    // Waiting time: the median working days the undecided applications have waited by the period's end.
    baseSql: `SELECT a.person_id, ${WAITED_DAYS} AS v, a.channel, a.service_id AS service FROM applications a
      WHERE ${UNDECIDED_AT_END}`,
  },
  {
    key: 'applications.onlineShare',
    module: 'applications',
    unit: 'percent',
    aggregate: 'share',
    personBased: false,
    breakdowns: [...PERSON_BREAKDOWNS, 'service'],
    // The growth of online use the plans ask for: the share of the period's applications that came online.
    baseSql: `SELECT a.person_id, CASE WHEN a.channel = 'online' THEN 1 ELSE 0 END AS v, a.service_id AS service
      FROM applications a WHERE a.hromada_id = $1 AND a.registered_on BETWEEN $2::date AND $3::date`,
  },
];
