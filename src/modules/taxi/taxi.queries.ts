import type { PoolClient } from 'pg';

const KYIV = "'Europe/Kyiv'";
const LOCAL = (col: string) => `to_char(${col} AT TIME ZONE ${KYIV}, 'YYYY-MM-DD"T"HH24:MI')`;
const INSTANT = (param: string) => `(${param}::timestamp AT TIME ZONE ${KYIV})`;

export interface VehicleRow {
  id: string;
  name: string;
  plate: string | null;
  wheelchair: boolean;
  seats: number;
  active: boolean;
}

export async function vehicles(c: PoolClient, hromadaId: number) {
  return (
    await c.query<VehicleRow>(
      `SELECT id, name, plate, wheelchair, seats, active FROM taxi_vehicles WHERE hromada_id = $1
       ORDER BY active DESC, name COLLATE "uk-UA-x-icu"`,
      [hromadaId],
    )
  ).rows;
}

export async function vehicleNameTaken(c: PoolClient, hromadaId: number, name: string) {
  const r = await c.query('SELECT 1 FROM taxi_vehicles WHERE hromada_id = $1 AND lower(name) = lower($2)', [
    hromadaId,
    name,
  ]);
  return r.rows.length > 0;
}

export interface VehicleInput {
  name: string;
  plate: string | null;
  wheelchair: boolean;
  seats: number;
  active: boolean;
}

export async function insertVehicle(c: PoolClient, hromadaId: number, v: VehicleInput) {
  return (
    await c.query<{ id: string }>(
      `INSERT INTO taxi_vehicles (hromada_id, name, plate, wheelchair, seats, active) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id`,
      [hromadaId, v.name, v.plate, v.wheelchair, v.seats, v.active],
    )
  ).rows[0].id;
}

/** The settlement's starosta district (null: none), or undefined when it is not the hromada's settlement. */
export async function settlementDistrict(c: PoolClient, hromadaId: number, code: string) {
  const { rows } = await c.query<{ district_id: number | null }>(
    `SELECT ds.district_id FROM settlements s JOIN hromadas h ON h.code = s.hromada_code
     LEFT JOIN district_settlements ds ON ds.hromada_id = h.id AND ds.settlement_code = s.code
     WHERE h.id = $1 AND s.code = $2`,
    [hromadaId, code],
  );
  return rows.length ? rows[0].district_id : undefined;
}

export interface NewRide {
  personId: string | null;
  residentUserId: string | null;
  contactName: string;
  contactPhone: string | null;
  settlementCode: string;
  districtId: number | null;
  pickup: string;
  destination: string;
  pickupAt: string;
  wheelchair: boolean;
  companion: boolean;
  note: string | null;
  channel: 'online' | 'front_office' | 'starosta';
  createdBy: string;
}

export async function insertRide(c: PoolClient, hromadaId: number, r: NewRide) {
  return (
    await c.query<{ id: string }>(
      `INSERT INTO taxi_rides (hromada_id, person_id, resident_user_id, contact_name, contact_phone, settlement_code,
         district_id, pickup, destination, pickup_at, wheelchair, companion, note, channel, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ${INSTANT('$10')}, $11, $12, $13, $14, $15) RETURNING id`,
      [
        hromadaId,
        r.personId,
        r.residentUserId,
        r.contactName,
        r.contactPhone,
        r.settlementCode,
        r.districtId,
        r.pickup,
        r.destination,
        r.pickupAt,
        r.wheelchair,
        r.companion,
        r.note,
        r.channel,
        r.createdBy,
      ],
    )
  ).rows[0].id;
}

export type RideStatus = 'requested' | 'scheduled' | 'done' | 'no_show' | 'cancelled';

export interface RideRow {
  id: string;
  person_id: string | null;
  resident_user_id: string | null;
  contact_name: string;
  contact_phone: string | null;
  settlement_code: string;
  settlement_name: string;
  district_id: number | null;
  pickup: string;
  destination: string;
  pickup_at: string;
  wheelchair: boolean;
  companion: boolean;
  note: string | null;
  channel: string;
  status: RideStatus;
  vehicle_id: string | null;
  vehicle_name: string | null;
  driver: string | null;
  route_order: number | null;
}

const RIDE_COLS = `r.id, r.person_id, r.resident_user_id, r.contact_name, r.contact_phone, r.settlement_code,
  s.name AS settlement_name, r.district_id, r.pickup, r.destination, ${LOCAL('r.pickup_at')} AS pickup_at, r.wheelchair,
  r.companion, r.note, r.channel, r.status, r.vehicle_id::text AS vehicle_id, v.name AS vehicle_name, r.driver,
  r.route_order`;
const RIDE_FROM = `taxi_rides r JOIN settlements s ON s.code = r.settlement_code
  LEFT JOIN taxi_vehicles v ON v.hromada_id = r.hromada_id AND v.id = r.vehicle_id`;

export async function loadRide(c: PoolClient, hromadaId: number, id: string, forUpdate = false) {
  return (
    await c.query<RideRow>(
      `SELECT ${RIDE_COLS} FROM ${RIDE_FROM} WHERE r.hromada_id = $1 AND r.id = $2 ${forUpdate ? 'FOR UPDATE OF r' : ''}`,
      [hromadaId, id],
    )
  ).rows[0];
}

/** The rides of a day (Kyiv), by vehicle in route order, then those not given to a vehicle by time. */
export async function dayRides(c: PoolClient, hromadaId: number, date: string) {
  return (
    await c.query<RideRow>(
      `SELECT ${RIDE_COLS} FROM ${RIDE_FROM}
       WHERE r.hromada_id = $1 AND r.pickup_at >= ${INSTANT('$2')} AND r.pickup_at < ${INSTANT('$3')}
       ORDER BY v.name COLLATE "uk-UA-x-icu" NULLS LAST, r.route_order NULLS LAST, r.pickup_at`,
      [hromadaId, `${date}T00:00`, `${date}T24:00`],
    )
  ).rows;
}

export async function residentRides(c: PoolClient, hromadaId: number, userId: string) {
  return (
    await c.query<RideRow>(
      `SELECT ${RIDE_COLS} FROM ${RIDE_FROM} WHERE r.hromada_id = $1 AND r.resident_user_id = $2
       ORDER BY r.pickup_at DESC LIMIT 100`,
      [hromadaId, userId],
    )
  ).rows;
}

export async function scheduleRide(
  c: PoolClient,
  hromadaId: number,
  id: string,
  s: { vehicleId: string | null; driver: string | null; routeOrder: number | null },
) {
  await c.query(
    `UPDATE taxi_rides SET vehicle_id = $3::bigint, driver = $4, route_order = $5,
       status = CASE WHEN $3::bigint IS NULL THEN 'requested' ELSE 'scheduled' END
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id, s.vehicleId, s.driver, s.routeOrder],
  );
}

export async function setRideStatus(c: PoolClient, hromadaId: number, id: string, status: RideStatus) {
  await c.query(
    `UPDATE taxi_rides SET status = $3, done_at = CASE WHEN $3 IN ('done', 'no_show') THEN now() ELSE NULL END
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id, status],
  );
}

/** Rides done in a period per settlement of pick-up (the plans' figure), with passengers and wheelchair rides. */
export async function ridesBySettlement(c: PoolClient, hromadaId: number, from: string, to: string) {
  return (
    await c.query<{ settlement_name: string; rides: number; passengers: number; wheelchair: number; no_show: number }>(
      `SELECT s.name AS settlement_name,
         count(*) FILTER (WHERE r.status = 'done')::int AS rides,
         count(DISTINCT coalesce(r.person_id::text, r.contact_phone, r.contact_name)) FILTER (WHERE r.status = 'done')::int
           AS passengers,
         count(*) FILTER (WHERE r.status = 'done' AND r.wheelchair)::int AS wheelchair,
         count(*) FILTER (WHERE r.status = 'no_show')::int AS no_show
       FROM taxi_rides r JOIN settlements s ON s.code = r.settlement_code
       WHERE r.hromada_id = $1 AND r.pickup_at >= ${INSTANT('$2')} AND r.pickup_at < ${INSTANT('$3')}
         AND r.status IN ('done', 'no_show')
       GROUP BY s.name ORDER BY rides DESC, s.name COLLATE "uk-UA-x-icu"`,
      [hromadaId, `${from}T00:00`, `${to}T24:00`],
    )
  ).rows;
}

export async function vehicleNameTakenByOther(c: PoolClient, hromadaId: number, name: string, id: string) {
  const r = await c.query(
    'SELECT 1 FROM taxi_vehicles WHERE hromada_id = $1 AND lower(name) = lower($2) AND id <> $3',
    [hromadaId, name, id],
  );
  return r.rows.length > 0;
}

export async function updateVehicle(c: PoolClient, hromadaId: number, id: string, v: VehicleInput) {
  const r = await c.query(
    `UPDATE taxi_vehicles SET name = $3, plate = $4, wheelchair = $5, seats = $6, active = $7
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id, v.name, v.plate, v.wheelchair, v.seats, v.active],
  );
  return r.rowCount ?? 0;
}
