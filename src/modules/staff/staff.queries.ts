import type { Queryable } from '../../platform/db.js';

/** Names of the districts and agencies of the transaction's hromada (RLS limits them to it). */
export async function scopeNames(c: Queryable) {
  const d = await c.query<{ id: number; name: string }>('SELECT id, name FROM districts');
  const a = await c.query<{ id: number; name: string }>('SELECT id, name FROM agencies');
  return {
    districts: new Map(d.rows.map((r) => [r.id, r.name])),
    agencies: new Map(a.rows.map((r) => [r.id, r.name])),
  };
}

/** Applications of the hromada (of one district, when given) meeting `cond`, whose $X, $Y are `values` in order. */
export async function countApplications(
  c: Queryable,
  hromadaId: number,
  districtId: number | undefined,
  cond: string,
  values: unknown[],
): Promise<number> {
  const params: unknown[] = [hromadaId, ...values];
  let sql = cond.replace('$X', '$2').replace('$Y', '$3');
  if (districtId !== undefined) {
    params.push(districtId);
    sql += ` AND a.district_id = $${params.length}`;
  }
  const { rows } = await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM applications a WHERE a.hromada_id = $1 AND ${sql}`,
    params,
  );
  return rows[0].n;
}

/** Open assignments of the hromada by status, within districts or agencies unless `reach.all`. */
export async function countOpenAssignments(
  c: Queryable,
  hromadaId: number,
  reach: { all: boolean; districtIds: number[]; agencyIds: number[] },
): Promise<(status: string) => number> {
  const where = ['s.hromada_id = $1'];
  const values: unknown[] = [hromadaId];
  if (!reach.all) {
    values.push(reach.districtIds, reach.agencyIds);
    where.push('(coalesce(a.district_id, k.district_id) = ANY($2::int[]) OR s.agency_id = ANY($3::int[]))');
  }
  const { rows } = await c.query<{ status: string; n: number }>(
    `SELECT s.status, count(*)::int AS n FROM service_assignments s
     LEFT JOIN applications a ON a.id = s.application_id
     LEFT JOIN cases k ON k.hromada_id = s.hromada_id AND k.id = s.case_id
     WHERE ${where.join(' AND ')} AND s.status IN ('assigned', 'accepted', 'in_progress') GROUP BY s.status`,
    values,
  );
  return (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
}
