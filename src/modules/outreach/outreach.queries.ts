import type { PoolClient } from 'pg';
import { hiddenForMe, unlessHidden } from '../../platform/hidden-contacts.js';

export interface TripRow {
  id: string;
  trip_date: string;
  title: string;
  vehicle_id: string | null;
  vehicle_name: string | null;
  status: 'planned' | 'done' | 'cancelled';
  report: string | null;
  created_at: Date;
  stops: number;
}

const TRIP_COLS = `t.id, to_char(t.trip_date, 'YYYY-MM-DD') AS trip_date, t.title, t.vehicle_id, v.name AS vehicle_name,
  t.status, t.report, t.created_at,
  (SELECT count(*)::int FROM outreach_stops s WHERE s.hromada_id = t.hromada_id AND s.trip_id = t.id) AS stops`;
const TRIP_FROM = `outreach_trips t LEFT JOIN taxi_vehicles v ON v.hromada_id = t.hromada_id AND v.id = t.vehicle_id`;

/** Trips, newest date first; `userId`: only those the user is on. */
export async function listTrips(
  c: PoolClient,
  hromadaId: number,
  o: { userId: string | null; limit: number; offset: number },
): Promise<{ rows: TripRow[]; total: number }> {
  const mine = `($2::uuid IS NULL OR EXISTS (SELECT 1 FROM outreach_trip_staff st
    WHERE st.hromada_id = t.hromada_id AND st.trip_id = t.id AND st.user_id = $2))`;
  const { rows } = await c.query<TripRow>(
    `SELECT ${TRIP_COLS} FROM ${TRIP_FROM} WHERE t.hromada_id = $1 AND ${mine}
     ORDER BY t.trip_date DESC, t.created_at DESC LIMIT $3 OFFSET $4`,
    [hromadaId, o.userId, o.limit, o.offset],
  );
  const total = await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM outreach_trips t WHERE t.hromada_id = $1 AND ${mine}`,
    [hromadaId, o.userId],
  );
  return { rows, total: total.rows[0].n };
}

export async function loadTrip(c: PoolClient, hromadaId: number, id: string, forUpdate = false) {
  const { rows } = await c.query<TripRow>(
    `SELECT ${TRIP_COLS} FROM ${TRIP_FROM} WHERE t.hromada_id = $1 AND t.id = $2${forUpdate ? ' FOR UPDATE OF t' : ''}`,
    [hromadaId, id],
  );
  return rows[0] ?? null;
}

export async function tripSettlements(c: PoolClient, hromadaId: number, tripId: string) {
  const { rows } = await c.query<{ code: string; name: string }>(
    `SELECT ts.settlement_code AS code, s.name FROM outreach_trip_settlements ts JOIN settlements s ON s.code = ts.settlement_code
     WHERE ts.hromada_id = $1 AND ts.trip_id = $2 ORDER BY ts.position`,
    [hromadaId, tripId],
  );
  return rows;
}

export async function tripStaff(c: PoolClient, hromadaId: number, tripId: string) {
  const { rows } = await c.query<{ id: string; name: string }>(
    `SELECT u.id, u.display_name AS name FROM outreach_trip_staff st JOIN users u ON u.id = st.user_id
     WHERE st.hromada_id = $1 AND st.trip_id = $2 ORDER BY u.display_name COLLATE "uk-UA-x-icu"`,
    [hromadaId, tripId],
  );
  return rows;
}

export async function isTripStaff(c: PoolClient, hromadaId: number, tripId: string, userId: string) {
  const { rows } = await c.query(
    'SELECT 1 FROM outreach_trip_staff WHERE hromada_id = $1 AND trip_id = $2 AND user_id = $3',
    [hromadaId, tripId, userId],
  );
  return rows.length > 0;
}

/** Staff members who can go on a trip: those with a role of social work in the hromada, and providers' workers. */
export async function staffChoices(c: PoolClient, hromadaId: number) {
  const { rows } = await c.query<{ id: string; name: string }>(
    // A provider's worker is named with their provider.
    `SELECT u.id, u.display_name || coalesce(' (' || (SELECT string_agg(a.name, ', ' ORDER BY a.name) FROM grants g
         JOIN agencies a ON a.hromada_id = g.hromada_id AND a.id = g.agency_id
         WHERE g.user_id = u.id AND g.hromada_id = $1 AND g.role = 'provider') || ')', '') AS name
     FROM users u
     WHERE u.kind = 'staff' AND u.active AND EXISTS (SELECT 1 FROM grants g WHERE g.user_id = u.id AND g.hromada_id = $1
       AND g.role IN ('manager', 'worker', 'starosta', 'provider'))
     ORDER BY u.display_name COLLATE "uk-UA-x-icu", u.id`,
    [hromadaId],
  );
  return rows;
}

export async function vehicleChoices(c: PoolClient, hromadaId: number) {
  const { rows } = await c.query<{ id: string; name: string }>(
    `SELECT id, name FROM taxi_vehicles WHERE hromada_id = $1 AND active ORDER BY name COLLATE "uk-UA-x-icu"`,
    [hromadaId],
  );
  return rows;
}

export interface TripInput {
  date: string;
  title: string;
  vehicleId: string | null;
  settlements: string[];
  staff: string[];
}

export async function insertTrip(c: PoolClient, hromadaId: number, t: TripInput, by: string) {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO outreach_trips (hromada_id, trip_date, title, vehicle_id, created_by) VALUES ($1, $2, $3, $4, $5)
     RETURNING id`,
    [hromadaId, t.date, t.title, t.vehicleId, by],
  );
  return rows[0].id;
}

export async function updateTrip(c: PoolClient, hromadaId: number, id: string, t: TripInput) {
  await c.query(
    'UPDATE outreach_trips SET trip_date = $3, title = $4, vehicle_id = $5 WHERE hromada_id = $1 AND id = $2',
    [hromadaId, id, t.date, t.title, t.vehicleId],
  );
}

/** Replaces the trip's settlements (in the given order) and staff. */
export async function setTripPlaces(c: PoolClient, hromadaId: number, id: string, t: TripInput) {
  await c.query('DELETE FROM outreach_trip_settlements WHERE hromada_id = $1 AND trip_id = $2', [hromadaId, id]);
  await c.query(
    `INSERT INTO outreach_trip_settlements (hromada_id, trip_id, settlement_code, position)
     SELECT $1, $2, code, n FROM unnest($3::text[]) WITH ORDINALITY AS x(code, n)`,
    [hromadaId, id, t.settlements],
  );
  await c.query('DELETE FROM outreach_trip_staff WHERE hromada_id = $1 AND trip_id = $2', [hromadaId, id]);
  await c.query(
    `INSERT INTO outreach_trip_staff (hromada_id, trip_id, user_id) SELECT $1, $2, u FROM unnest($3::uuid[]) AS u`,
    [hromadaId, id, t.staff],
  );
}

/** Of the given settlement codes, those of the hromada. */
export async function hromadaSettlementCodes(c: PoolClient, hromadaId: number, codes: string[]) {
  const { rows } = await c.query<{ code: string }>(
    `SELECT s.code FROM settlements s JOIN hromadas h ON h.code = s.hromada_code WHERE h.id = $1 AND s.code = ANY($2)`,
    [hromadaId, codes],
  );
  return new Set(rows.map((r) => r.code));
}

export async function finishTrip(c: PoolClient, hromadaId: number, id: string, report: string | null) {
  await c.query(
    `UPDATE outreach_trips SET status = 'done', done_at = now(), report = $3 WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id, report],
  );
  await c.query(
    `UPDATE outreach_packages SET closed_at = now(), closed_reason = 'finished'
     WHERE hromada_id = $1 AND trip_id = $2 AND closed_at IS NULL`,
    [hromadaId, id],
  );
}

export interface StopRow {
  id: string;
  position: number;
  person_id: string;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string | null;
  settlement_name: string | null;
  address: string | null;
  source: 'booking' | 'case' | 'application' | 'manual' | 'device';
  reason: string | null;
  outcome: 'served' | 'not_home' | 'refused' | null;
  note: string | null;
  district_id: number | null;
  /** The providers serving the person (or delivering them a service now): a provider's worker reaches them. */
  agencies: number[];
}

/** The agencies that serve a person `p`: those recorded for them and those delivering an assignment now. */
const AGENCIES = `ARRAY(SELECT pa.agency_id FROM person_agencies pa WHERE pa.person_id = p.id
  UNION SELECT sa.agency_id FROM service_assignments sa
  WHERE sa.hromada_id = p.hromada_id AND sa.person_id = p.id AND sa.status IN ('accepted', 'in_progress')) AS agencies`;

const ADDRESS = `NULLIF(concat_ws(', ', p.act_street, NULLIF(concat_ws('/', p.act_house, p.act_apartment), '')), '')`;

/** The trip's stops in route order (`only`: just that stop). */
export async function tripStops(c: PoolClient, hromadaId: number, tripId: string, only: string | null = null) {
  const { rows } = await c.query<StopRow>(
    `SELECT s.id, s.position, s.person_id, p.last_name, p.first_name, p.patronymic,
       to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, ${unlessHidden('st.name')} AS settlement_name,
       ${unlessHidden(ADDRESS)} AS address, s.source, s.reason, s.outcome, s.note, p.district_id, ${AGENCIES}
     FROM outreach_stops s JOIN persons p ON p.hromada_id = s.hromada_id AND p.id = s.person_id
     ${hiddenForMe('p.id')}
     LEFT JOIN settlements st ON st.code = p.act_settlement_code
     WHERE s.hromada_id = $1 AND s.trip_id = $2 AND ($3::uuid IS NULL OR s.id = $3) ORDER BY s.position`,
    [hromadaId, tripId, only],
  );
  return rows;
}

/** A stop of the trip, with where its resident sits for the member's reach (district, the providers serving them). */
export async function loadStop(c: PoolClient, hromadaId: number, tripId: string, stopId: string) {
  const { rows } = await c.query<{
    id: string;
    position: number;
    person_id: string;
    district_id: number | null;
    agencies: number[];
  }>(
    `SELECT s.id, s.position, s.person_id, p.district_id, ${AGENCIES}
     FROM outreach_stops s JOIN persons p ON p.hromada_id = s.hromada_id AND p.id = s.person_id
     WHERE s.hromada_id = $1 AND s.trip_id = $2 AND s.id = $3`,
    [hromadaId, tripId, stopId],
  );
  return rows[0] ?? null;
}

/** Adds a stop at the end of the route; false when the person is already a stop of the trip. */
export async function insertStop(
  c: PoolClient,
  hromadaId: number,
  s: { tripId: string; personId: string; source: StopRow['source']; reason: string | null },
) {
  const { rowCount } = await c.query(
    `INSERT INTO outreach_stops (hromada_id, trip_id, person_id, position, source, reason)
     SELECT $1, $2, $3, coalesce(max(position), 0) + 1, $4, $5 FROM outreach_stops WHERE hromada_id = $1 AND trip_id = $2
     ON CONFLICT (hromada_id, trip_id, person_id) DO NOTHING`,
    [hromadaId, s.tripId, s.personId, s.source, s.reason],
  );
  return rowCount === 1;
}

/** Swaps a stop with its neighbour before (-1) or after (+1) it in the route. */
export async function moveStop(c: PoolClient, hromadaId: number, tripId: string, stopId: string, by: -1 | 1) {
  await c.query(
    `WITH me AS (SELECT id, position FROM outreach_stops WHERE hromada_id = $1 AND trip_id = $2 AND id = $3),
     other AS (SELECT s.id, s.position FROM outreach_stops s, me WHERE s.hromada_id = $1 AND s.trip_id = $2
       AND (CASE WHEN $4 < 0 THEN s.position < me.position ELSE s.position > me.position END)
       ORDER BY CASE WHEN $4 < 0 THEN -s.position ELSE s.position END LIMIT 1)
     UPDATE outreach_stops s SET position = CASE WHEN s.id = me.id THEN other.position ELSE me.position END
     FROM me, other WHERE s.hromada_id = $1 AND s.trip_id = $2 AND s.id IN (me.id, other.id)`,
    [hromadaId, tripId, stopId, by],
  );
}

export async function deleteStop(c: PoolClient, hromadaId: number, tripId: string, stopId: string) {
  await c.query('DELETE FROM outreach_stops WHERE hromada_id = $1 AND trip_id = $2 AND id = $3', [
    hromadaId,
    tripId,
    stopId,
  ]);
}

export async function recordStopOutcome(
  c: PoolClient,
  hromadaId: number,
  s: { tripId: string; stopId: string; outcome: string; note: string | null; by: string },
) {
  const { rowCount } = await c.query(
    `UPDATE outreach_stops SET outcome = $4, note = $5, recorded_by = $6, recorded_at = now()
     WHERE hromada_id = $1 AND trip_id = $2 AND id = $3`,
    [hromadaId, s.tripId, s.stopId, s.outcome, s.note, s.by],
  );
  return rowCount === 1;
}

export interface CandidateRow {
  person_id: string;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  settlement_name: string | null;
  source: 'booking' | 'case' | 'application';
  detail: string;
}

/**
 * Residents the trip could visit and are not on it yet: visits booked at an outreach point on the trip's day; open cases
 * and applications under way of persons living in the trip's settlements. At most 100 of each kind: the day's
 * bookings by time, the newest cases, the applications nearest their deadline.
 */
export async function tripCandidates(c: PoolClient, hromadaId: number, tripId: string) {
  const { rows } = await c.query<CandidateRow>(
    `WITH trip AS (SELECT trip_date FROM outreach_trips WHERE hromada_id = $1 AND id = $2),
     places AS (SELECT settlement_code FROM outreach_trip_settlements WHERE hromada_id = $1 AND trip_id = $2),
     taken AS (SELECT person_id FROM outreach_stops WHERE hromada_id = $1 AND trip_id = $2),
     found AS (
       (SELECT a.person_id, 'booking' AS source, o.name || ', ' || to_char(a.starts_at AT TIME ZONE 'Europe/Kyiv', 'HH24:MI') AS detail
        FROM appointments a JOIN offices o ON o.hromada_id = a.hromada_id AND o.id = a.office_id, trip
        WHERE a.hromada_id = $1 AND o.kind = 'outreach' AND a.status = 'booked' AND a.person_id IS NOT NULL
          AND (a.starts_at AT TIME ZONE 'Europe/Kyiv')::date = trip.trip_date ORDER BY a.starts_at LIMIT 100)
       UNION ALL
       (SELECT cs.person_id, 'case', cs.number FROM cases cs JOIN persons p ON p.hromada_id = cs.hromada_id AND p.id = cs.person_id
        WHERE cs.hromada_id = $1 AND cs.status <> 'closed' AND p.merged_into IS NULL
          AND p.act_settlement_code IN (SELECT settlement_code FROM places) ORDER BY cs.opened_on DESC, cs.number DESC LIMIT 100)
       UNION ALL
       (SELECT ap.person_id, 'application', ap.registration_number FROM applications ap
        JOIN persons p ON p.hromada_id = ap.hromada_id AND p.id = ap.person_id
        WHERE ap.hromada_id = $1 AND ap.status IN ('registered', 'in_review', 'needs_documents') AND p.merged_into IS NULL
          AND p.act_settlement_code IN (SELECT settlement_code FROM places) ORDER BY ap.deadline NULLS LAST LIMIT 100))
     SELECT f.person_id, p.last_name, p.first_name, p.patronymic, st.name AS settlement_name, f.source, f.detail
     FROM found f JOIN persons p ON p.hromada_id = $1 AND p.id = f.person_id
     LEFT JOIN settlements st ON st.code = p.act_settlement_code
     WHERE f.person_id NOT IN (SELECT person_id FROM taken)
     ORDER BY f.source, p.last_name COLLATE "uk-UA-x-icu", p.first_name COLLATE "uk-UA-x-icu"`,
    [hromadaId, tripId],
  );
  return rows;
}

/** What was taken in on the trip: applications that name it, by service. */
export async function tripApplications(c: PoolClient, hromadaId: number, tripId: string) {
  const { rows } = await c.query<{ id: string; registration_number: string | null; service: string; status: string }>(
    `SELECT a.id, a.registration_number, s.name AS service, a.status FROM applications a
     JOIN services s ON s.id = a.service_id WHERE a.hromada_id = $1 AND a.outreach_trip_id = $2
     ORDER BY a.created_at`,
    [hromadaId, tripId],
  );
  return rows;
}

/** Counts of what the trip's packages brought back: operations applied and conflicts by state. */
export async function tripSyncCounts(c: PoolClient, hromadaId: number, tripId: string) {
  const { rows } = await c.query<{ kind: string; n: number }>(
    `SELECT o.kind, count(*)::int AS n FROM outreach_ops o JOIN outreach_packages p ON p.hromada_id = o.hromada_id
       AND p.id = o.package_id WHERE o.hromada_id = $1 AND p.trip_id = $2 AND o.status = 'applied' GROUP BY o.kind
     UNION ALL
     SELECT 'conflict.' || status, count(*)::int FROM outreach_conflicts WHERE hromada_id = $1 AND trip_id = $2 GROUP BY status`,
    [hromadaId, tripId],
  );
  return Object.fromEntries(rows.map((r) => [r.kind, r.n])) as Record<string, number>;
}

// ---- packages and sync ----

export async function userPasswordHash(c: PoolClient, userId: string) {
  const { rows } = await c.query<{ password_hash: string | null }>('SELECT password_hash FROM users WHERE id = $1', [
    userId,
  ]);
  return rows[0]?.password_hash ?? null;
}

/** Closes the worker's open packages of the trip (a new one replaces them) and opens a new one. */
export async function insertPackage(
  c: PoolClient,
  hromadaId: number,
  p: { tripId: string; userId: string; salt: string; expiresAt: Date; persons: number },
) {
  await c.query(
    `UPDATE outreach_packages SET closed_at = now(), closed_reason = 'replaced'
     WHERE hromada_id = $1 AND trip_id = $2 AND user_id = $3 AND closed_at IS NULL`,
    [hromadaId, p.tripId, p.userId],
  );
  const { rows } = await c.query<{ id: string; issued_at: Date }>(
    `INSERT INTO outreach_packages (hromada_id, trip_id, user_id, salt, expires_at, persons)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, issued_at`,
    [hromadaId, p.tripId, p.userId, p.salt, p.expiresAt, p.persons],
  );
  return rows[0];
}

export interface PackageRow {
  id: string;
  trip_id: string;
  user_id: string;
  expires_at: Date;
  closed_at: Date | null;
  closed_reason: 'replaced' | 'finished' | null;
}

export async function loadPackage(c: PoolClient, hromadaId: number, id: string) {
  const { rows } = await c.query<PackageRow>(
    `SELECT id, trip_id, user_id, expires_at, closed_at, closed_reason FROM outreach_packages
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id],
  );
  return rows[0] ?? null;
}

export interface PackagePersonRow {
  id: string;
  version: number;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string | null;
  sex: 'female' | 'male' | null;
  phone: string | null;
  email: string | null;
  settlement_code: string | null;
  settlement_name: string | null;
  street: string | null;
  house: string | null;
  apartment: string | null;
  rnokpp_mask: string | null;
  contacts_hidden: boolean;
  cases: { id: string; number: string; type: string }[];
  district_id: number | null;
  agencies: number[];
  /** The services being delivered to the person now (accepted or started), with their provider. */
  assignments: { id: string; service: string; agencyId: number; agency: string; fromDay: string }[];
}

/** The trip's residents with the minimum the workstation needs and their open cases (`only`: just these of them). */
export async function packagePersons(c: PoolClient, hromadaId: number, tripId: string, only: string[] | null = null) {
  const { rows } = await c.query<PackagePersonRow>(
    `SELECT p.id, p.version, p.last_name, p.first_name, p.patronymic, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
       p.sex, ${unlessHidden('p.phone')} AS phone, ${unlessHidden('p.email')} AS email,
       ${unlessHidden('p.reg_settlement_code')} AS settlement_code, ${unlessHidden('st.name')} AS settlement_name,
       ${unlessHidden('p.reg_street')} AS street, ${unlessHidden('p.reg_house')} AS house,
       ${unlessHidden('p.reg_apartment')} AS apartment,
       p.rnokpp_mask, x.hidden AS contacts_hidden,
       coalesce((SELECT json_agg(json_build_object('id', cs.id, 'number', cs.number, 'type', ct.name_uk) ORDER BY cs.opened_on)
         FROM cases cs JOIN case_types ct ON ct.code = cs.type_code AND (ct.hromada_id IS NULL OR ct.hromada_id = cs.hromada_id)
         WHERE cs.hromada_id = p.hromada_id AND cs.person_id = p.id AND cs.status <> 'closed' AND NOT ct.restricted), '[]')
         AS cases,
       p.district_id, ${AGENCIES},
       coalesce((SELECT json_agg(json_build_object('id', sa.id, 'service', sv.name, 'agencyId', sa.agency_id, 'agency', ag.name,
           'fromDay', to_char(coalesce(sa.started_on, (sa.assigned_at AT TIME ZONE 'Europe/Kyiv')::date), 'YYYY-MM-DD'))
           ORDER BY sv.name)
         FROM service_assignments sa JOIN services sv ON sv.hromada_id = sa.hromada_id AND sv.id = sa.service_id
         JOIN agencies ag ON ag.hromada_id = sa.hromada_id AND ag.id = sa.agency_id
         WHERE sa.hromada_id = p.hromada_id AND sa.person_id = p.id AND sa.status IN ('accepted', 'in_progress')), '[]')
         AS assignments
     FROM outreach_stops s JOIN persons p ON p.hromada_id = s.hromada_id AND p.id = s.person_id
     ${hiddenForMe('p.id')}
     LEFT JOIN settlements st ON st.code = p.reg_settlement_code
     WHERE s.hromada_id = $1 AND s.trip_id = $2 AND p.merged_into IS NULL AND ($3::uuid[] IS NULL OR p.id = ANY($3))
     ORDER BY s.position`,
    [hromadaId, tripId, only],
  );
  return rows;
}

/** The active catalogue with the documents each service asks for. */
export async function packageServices(c: PoolClient, hromadaId: number) {
  const { rows } = await c.query<{
    id: string;
    name: string;
    documents: { id: string; name: string; required: boolean }[];
  }>(
    `SELECT s.id, s.name, coalesce((SELECT json_agg(json_build_object('id', d.id, 'name', d.name, 'required', d.kind = 'required')
         ORDER BY d.position) FROM service_documents d WHERE d.service_id = s.id AND d.kind <> 'office_fills'), '[]') AS documents
     FROM services s WHERE s.hromada_id = $1 AND s.active ORDER BY s.name COLLATE "uk-UA-x-icu"`,
    [hromadaId],
  );
  return rows;
}

/** Active offices with the services they book (for the next visit). */
export async function packageOffices(c: PoolClient, hromadaId: number) {
  const { rows } = await c.query<{
    id: string;
    name: string;
    services: { id: string; name: string; slotMinutes: number }[];
  }>(
    `SELECT o.id, o.name, coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name,
         'slotMinutes', os.slot_minutes) ORDER BY s.name) FROM office_services os JOIN services s ON s.id = os.service_id
         WHERE os.hromada_id = o.hromada_id AND os.office_id = o.id), '[]') AS services
     FROM offices o WHERE o.hromada_id = $1 AND o.active AND o.kind <> 'remote' ORDER BY o.name COLLATE "uk-UA-x-icu"`,
    [hromadaId],
  );
  return rows;
}

export async function appliedOp(c: PoolClient, hromadaId: number, opId: string) {
  const { rows } = await c.query<{ package_id: string; kind: string; status: 'applied' | 'conflict'; result: unknown }>(
    'SELECT package_id, kind, status, result FROM outreach_ops WHERE hromada_id = $1 AND op_id = $2',
    [hromadaId, opId],
  );
  return rows[0] ?? null;
}

export async function insertOp(
  c: PoolClient,
  hromadaId: number,
  o: {
    opId: string;
    packageId: string;
    kind: string;
    personRef: string | null;
    status: 'applied' | 'conflict';
    result: unknown;
    madeAt: string;
  },
) {
  await c.query(
    `INSERT INTO outreach_ops (hromada_id, op_id, package_id, kind, person_ref, status, result, made_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [hromadaId, o.opId, o.packageId, o.kind, o.personRef, o.status, JSON.stringify(o.result), o.madeAt],
  );
}

/** The person a device-made reference stands for: the one its `person.create` made (same trip, same worker). */
export async function personOfRef(
  c: PoolClient,
  hromadaId: number,
  o: { tripId: string; userId: string; ref: string },
) {
  const { rows } = await c.query<{ person_id: string }>(
    `SELECT op.result->>'personId' AS person_id FROM outreach_ops op JOIN outreach_packages p
       ON p.hromada_id = op.hromada_id AND p.id = op.package_id
     WHERE op.hromada_id = $1 AND p.trip_id = $2 AND p.user_id = $3 AND op.person_ref = $4 AND op.kind = 'person.create'`,
    [hromadaId, o.tripId, o.userId, o.ref],
  );
  return rows[0]?.person_id ?? null;
}

export async function markApplicationOutreach(c: PoolClient, hromadaId: number, applicationId: string, tripId: string) {
  await c.query('UPDATE applications SET outreach_trip_id = $3 WHERE hromada_id = $1 AND id = $2', [
    hromadaId,
    applicationId,
    tripId,
  ]);
}

export interface PersonValuesRow {
  version: number;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string | null;
  phone: string | null;
  email: string | null;
  settlement_code: string | null;
  street: string | null;
  house: string | null;
  apartment: string | null;
}

/** The workstation's field of a person → the column of `personValues`. */
export const PATCH_COLUMN = {
  lastName: 'last_name',
  firstName: 'first_name',
  patronymic: 'patronymic',
  birthDate: 'birth_date',
  phone: 'phone',
  email: 'email',
  settlementCode: 'settlement_code',
  street: 'street',
  house: 'house',
  apartment: 'apartment',
} as const satisfies Record<string, keyof PersonValuesRow>;

/** A person's editable values as the workstation names them, and the version. */
export async function personValues(c: PoolClient, hromadaId: number, personId: string) {
  const { rows } = await c.query<PersonValuesRow>(
    `SELECT version, last_name, first_name, patronymic, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, phone, email,
       reg_settlement_code AS settlement_code, reg_street AS street, reg_house AS house, reg_apartment AS apartment
     FROM persons WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, personId],
  );
  return rows[0] ?? null;
}

export async function insertConflict(
  c: PoolClient,
  hromadaId: number,
  x: {
    opId: string;
    tripId: string;
    userId: string;
    personId: string;
    baseVersion: number;
    serverVersion: number;
    device: Record<string, unknown>;
    server: Record<string, unknown>;
  },
) {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO outreach_conflicts (hromada_id, op_id, trip_id, user_id, person_id, base_version, server_version, device, server)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      hromadaId,
      x.opId,
      x.tripId,
      x.userId,
      x.personId,
      x.baseVersion,
      x.serverVersion,
      JSON.stringify(x.device),
      JSON.stringify(x.server),
    ],
  );
  return rows[0].id;
}

export interface ConflictRow {
  id: string;
  trip_id: string;
  trip_title: string;
  trip_date: string;
  user_id: string;
  worker: string;
  person_id: string;
  person_name: string;
  base_version: number;
  server_version: number;
  device: Record<string, string | null>;
  server: Record<string, string | null>;
  status: 'open' | 'resolved';
  resolution: { choices: Record<string, 'device' | 'server'>; applied: Record<string, string | null> } | null;
  resolver: string | null;
  resolved_at: Date | null;
  created_at: Date;
}

const CONFLICT_COLS = `k.id, k.trip_id, t.title AS trip_title, to_char(t.trip_date, 'YYYY-MM-DD') AS trip_date, k.user_id,
  u.display_name AS worker, k.person_id, concat_ws(' ', p.last_name, p.first_name, p.patronymic) AS person_name,
  k.base_version, k.server_version, k.device, k.server, k.status, k.resolution, r.display_name AS resolver, k.resolved_at,
  k.created_at`;
const CONFLICT_FROM = `outreach_conflicts k JOIN outreach_trips t ON t.hromada_id = k.hromada_id AND t.id = k.trip_id
  JOIN users u ON u.id = k.user_id JOIN persons p ON p.hromada_id = k.hromada_id AND p.id = k.person_id
  LEFT JOIN users r ON r.id = k.resolved_by`;

/** Of these conflicts, the ones of this worker's trip: open or resolved, and whose. */
export async function workerConflicts(
  c: PoolClient,
  hromadaId: number,
  o: { ids: string[]; userId: string; tripId: string },
) {
  const { rows } = await c.query<{ id: string; status: 'open' | 'resolved'; person_id: string }>(
    `SELECT id, status, person_id FROM outreach_conflicts
     WHERE hromada_id = $1 AND id = ANY($2::uuid[]) AND user_id = $3 AND trip_id = $4`,
    [hromadaId, o.ids, o.userId, o.tripId],
  );
  return rows;
}

/** Conflicts, open first; `userId`: only the worker's own. */
export async function listConflicts(c: PoolClient, hromadaId: number, o: { userId: string | null; status: string }) {
  const { rows } = await c.query<ConflictRow>(
    `SELECT ${CONFLICT_COLS} FROM ${CONFLICT_FROM}
     WHERE k.hromada_id = $1 AND ($2::uuid IS NULL OR k.user_id = $2) AND k.status = $3
     ORDER BY k.created_at DESC LIMIT 200`,
    [hromadaId, o.userId, o.status],
  );
  return rows;
}

export async function loadConflict(c: PoolClient, hromadaId: number, id: string, forUpdate = false) {
  const { rows } = await c.query<ConflictRow>(
    `SELECT ${CONFLICT_COLS} FROM ${CONFLICT_FROM} WHERE k.hromada_id = $1 AND k.id = $2${forUpdate ? ' FOR UPDATE OF k' : ''}`,
    [hromadaId, id],
  );
  return rows[0] ?? null;
}

export async function personConflicts(c: PoolClient, hromadaId: number, personId: string) {
  const { rows } = await c.query<ConflictRow>(
    `SELECT ${CONFLICT_COLS} FROM ${CONFLICT_FROM} WHERE k.hromada_id = $1 AND k.person_id = $2 ORDER BY k.created_at DESC`,
    [hromadaId, personId],
  );
  return rows;
}

export async function resolveConflict(
  c: PoolClient,
  hromadaId: number,
  x: { id: string; resolution: unknown; by: string },
) {
  await c.query(
    `UPDATE outreach_conflicts SET status = 'resolved', resolution = $3, resolved_by = $4, resolved_at = now()
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, x.id, JSON.stringify(x.resolution), x.by],
  );
}

/** Whether the person is one of the trip's stops (what a package may touch). */
export async function isStopPerson(c: PoolClient, hromadaId: number, tripId: string, personId: string) {
  const { rows } = await c.query(
    'SELECT 1 FROM outreach_stops WHERE hromada_id = $1 AND trip_id = $2 AND person_id = $3',
    [hromadaId, tripId, personId],
  );
  return rows.length > 0;
}

/** Whether the case is of a person the trip visits. */
export async function isStopCase(c: PoolClient, hromadaId: number, tripId: string, caseId: string) {
  const { rows } = await c.query(
    `SELECT 1 FROM cases cs JOIN outreach_stops s ON s.hromada_id = cs.hromada_id AND s.person_id = cs.person_id
     WHERE cs.hromada_id = $1 AND s.trip_id = $2 AND cs.id = $3`,
    [hromadaId, tripId, caseId],
  );
  return rows.length > 0;
}

/** One operation at a time per operation id: a resumed sync waits for the request still applying it. */
export async function lockOp(c: PoolClient, opId: string) {
  await c.query("SELECT pg_advisory_xact_lock(hashtext('outreach-op'), hashtext($1))", [opId]);
}

/** The trips that visited (or are to visit) a person, latest first. */
export async function personStops(c: PoolClient, hromadaId: number, personId: string) {
  const { rows } = await c.query<{
    trip_id: string;
    trip_date: string;
    title: string;
    outcome: StopRow['outcome'];
    note: string | null;
  }>(
    `SELECT t.id AS trip_id, to_char(t.trip_date, 'YYYY-MM-DD') AS trip_date, t.title, s.outcome, s.note
     FROM outreach_stops s JOIN outreach_trips t ON t.hromada_id = s.hromada_id AND t.id = s.trip_id
     WHERE s.hromada_id = $1 AND s.person_id = $2 ORDER BY t.trip_date DESC LIMIT 50`,
    [hromadaId, personId],
  );
  return rows;
}
