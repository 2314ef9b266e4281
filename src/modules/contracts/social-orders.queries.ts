import type { Queryable } from '../../platform/db.js';
import type { OrderStatus, Unit } from './contract-rules.js';

export interface OrderLineInput {
  serviceId: string;
  volume: number;
  unit: Unit;
  unitPrice: number;
}

export interface NewOrder {
  number: string;
  title: string;
  startsOn: string;
  endsOn: string;
  budget: number;
  lines: OrderLineInput[];
}

export async function insertOrder(c: Queryable, hromadaId: number, o: NewOrder, by: string): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO social_orders (hromada_id, number, title, starts_on, ends_on, budget, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [hromadaId, o.number, o.title, o.startsOn, o.endsOn, o.budget, by],
  );
  const id = rows[0]?.id ?? '';
  await c.query(
    `INSERT INTO social_order_lines (hromada_id, order_id, service_id, volume, volume_unit, unit_price)
     SELECT $1, $2, s, v, u, p FROM unnest($3::uuid[], $4::numeric[], $5::text[], $6::numeric[]) AS x(s, v, u, p)`,
    [
      hromadaId,
      id,
      o.lines.map((l) => l.serviceId),
      o.lines.map((l) => l.volume),
      o.lines.map((l) => l.unit),
      o.lines.map((l) => l.unitPrice),
    ],
  );
  return id;
}

export interface OrderRow {
  id: string;
  number: string;
  title: string;
  starts_on: string;
  ends_on: string;
  budget: string;
  status: OrderStatus;
  agency_id: number | null;
  agency_name: string | null;
  announced_on: string | null;
  announcement_number: string | null;
  announcement_place: string | null;
  evaluation_note: string | null;
  decided_on: string | null;
  decision_number: string | null;
  winner_bid_id: string | null;
  closed_on: string | null;
  /** The sum of the lines' totals (volume × unit price). */
  total: string;
}

const SELECT_ORDER = `SELECT o.id, o.number, o.title, to_char(o.starts_on, 'YYYY-MM-DD') AS starts_on,
    to_char(o.ends_on, 'YYYY-MM-DD') AS ends_on, o.budget::text, o.status, o.agency_id, a.name AS agency_name,
    to_char(o.announced_on, 'YYYY-MM-DD') AS announced_on, o.announcement_number, o.announcement_place,
    o.evaluation_note, to_char(o.decided_on, 'YYYY-MM-DD') AS decided_on, o.decision_number, o.winner_bid_id,
    to_char(o.closed_on, 'YYYY-MM-DD') AS closed_on,
    (SELECT coalesce(sum(l.volume * l.unit_price), 0)::numeric(16, 2)::text FROM social_order_lines l
      WHERE l.hromada_id = o.hromada_id AND l.order_id = o.id) AS total
  FROM social_orders o LEFT JOIN agencies a ON a.hromada_id = o.hromada_id AND a.id = o.agency_id`;

export async function loadOrder(c: Queryable, hromadaId: number, id: string, lock = false): Promise<OrderRow | null> {
  const { rows } = await c.query<OrderRow>(
    `${SELECT_ORDER} WHERE o.hromada_id = $1 AND o.id = $2${lock ? ' FOR UPDATE OF o' : ''}`,
    [hromadaId, id],
  );
  return rows[0] ?? null;
}

export const ORDER_SORTS = ['starts', 'number', 'status'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];
const ORDER_BY: Record<OrderSort, string> = {
  starts: 'o.starts_on DESC, o.number',
  number: 'o.number COLLATE "uk-UA-x-icu", o.id',
  status: "array_position(ARRAY['procurement', 'draft', 'awarded', 'closed'], o.status), o.starts_on DESC, o.id",
};

export async function ordersPage(
  c: Queryable,
  hromadaId: number,
  f: { status: OrderStatus | null; year: number | null; sort: OrderSort },
  limit: number,
  offset: number,
): Promise<{ rows: OrderRow[]; total: number }> {
  const where = `o.hromada_id = $1 AND ($2::text IS NULL OR o.status = $2)
    AND ($3::int IS NULL OR (o.starts_on <= make_date($3, 12, 31) AND o.ends_on >= make_date($3, 1, 1)))`;
  const params = [hromadaId, f.status, f.year];
  const { rows } = await c.query<OrderRow>(
    `${SELECT_ORDER} WHERE ${where} ORDER BY ${ORDER_BY[f.sort]} LIMIT $4 OFFSET $5`,
    [...params, limit, offset],
  );
  const total = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM social_orders o WHERE ${where}`, params);
  return { rows, total: total.rows[0]?.n ?? 0 };
}

export interface OrderLineRow {
  order_id: string;
  service_id: string;
  name: string;
  volume: string;
  volume_unit: Unit;
  unit_price: string;
  line_total: string;
  /** Delivered so far within the order's period by its provider (0 before the award). */
  used: string;
}

/**
 * The lines of orders with the volume used: the delivered volume, from the service acts of the order's provider and
 * the line's service dated within the order's period, cancelled acts skipped (decision 0026) — hours are the acts'
 * minutes / 60, visits one per act, days one per recipient and day with an act (a day centre's person-days).
 */
export async function orderLines(c: Queryable, hromadaId: number, orderIds: string[]): Promise<OrderLineRow[]> {
  const { rows } = await c.query<OrderLineRow>(
    `SELECT l.order_id, l.service_id, s.name, l.volume::text, l.volume_unit, l.unit_price::text,
            (l.volume * l.unit_price)::numeric(16, 2)::text AS line_total,
            round(coalesce(CASE l.volume_unit
              WHEN 'hour' THEN (SELECT sum(x.minutes)::numeric / 60 FROM service_acts x
                WHERE x.hromada_id = o.hromada_id AND x.agency_id = o.agency_id AND x.service_id = l.service_id
                  AND x.act_date BETWEEN o.starts_on AND o.ends_on AND x.cancelled_at IS NULL)
              WHEN 'visit' THEN (SELECT count(*) FROM service_acts x
                WHERE x.hromada_id = o.hromada_id AND x.agency_id = o.agency_id AND x.service_id = l.service_id
                  AND x.act_date BETWEEN o.starts_on AND o.ends_on AND x.cancelled_at IS NULL)
              ELSE (SELECT count(DISTINCT (x.person_id, x.act_date)) FROM service_acts x
                WHERE x.hromada_id = o.hromada_id AND x.agency_id = o.agency_id AND x.service_id = l.service_id
                  AND x.act_date BETWEEN o.starts_on AND o.ends_on AND x.cancelled_at IS NULL)
            END, 0), 2)::text AS used
     FROM social_order_lines l
     JOIN social_orders o ON o.hromada_id = l.hromada_id AND o.id = l.order_id
     JOIN services s ON s.hromada_id = l.hromada_id AND s.id = l.service_id
     WHERE l.hromada_id = $1 AND l.order_id = ANY($2::uuid[])
     ORDER BY s.name COLLATE "uk-UA-x-icu", s.id`,
    [hromadaId, orderIds],
  );
  return rows;
}

export interface BidRow {
  id: string;
  bidder_name: string;
  bidder_code: string;
  price: string;
  score: string | null;
}

export async function orderBids(c: Queryable, hromadaId: number, orderId: string): Promise<BidRow[]> {
  const { rows } = await c.query<BidRow>(
    `SELECT id, bidder_name, bidder_code, price::text, score::text FROM social_order_bids
     WHERE hromada_id = $1 AND order_id = $2 ORDER BY score DESC NULLS LAST, price, created_at`,
    [hromadaId, orderId],
  );
  return rows;
}

export async function announceOrder(
  c: Queryable,
  hromadaId: number,
  id: string,
  o: { on: string; number: string; place: string; by: string },
): Promise<void> {
  await c.query(
    `UPDATE social_orders SET status = 'procurement', announced_on = $3, announcement_number = $4,
            announcement_place = $5, updated_by = $6, updated_at = now()
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id, o.on, o.number, o.place, o.by],
  );
}

export async function insertBid(
  c: Queryable,
  hromadaId: number,
  orderId: string,
  b: { name: string; code: string; price: number; score: number | null },
  by: string,
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO social_order_bids (hromada_id, order_id, bidder_name, bidder_code, price, score, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [hromadaId, orderId, b.name, b.code, b.price, b.score, by],
  );
  return rows[0]?.id ?? '';
}

export async function awardOrder(
  c: Queryable,
  hromadaId: number,
  id: string,
  o: { bidId: string; agencyId: number; decidedOn: string; decisionNumber: string; note: string; by: string },
): Promise<void> {
  await c.query(
    `UPDATE social_orders SET status = 'awarded', winner_bid_id = $3, agency_id = $4, decided_on = $5,
            decision_number = $6, evaluation_note = $7, updated_by = $8, updated_at = now()
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id, o.bidId, o.agencyId, o.decidedOn, o.decisionNumber, o.note, o.by],
  );
}

export async function closeOrder(c: Queryable, hromadaId: number, id: string, on: string, by: string): Promise<void> {
  await c.query(
    `UPDATE social_orders SET status = 'closed', closed_on = $3, updated_by = $4, updated_at = now()
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id, on, by],
  );
}

export async function agencyCode(c: Queryable, hromadaId: number, id: number): Promise<{ code: string | null } | null> {
  const { rows } = await c.query<{ code: string | null }>(
    'SELECT code FROM agencies WHERE hromada_id = $1 AND id = $2',
    [hromadaId, id],
  );
  return rows[0] ?? null;
}
