import { batchNames } from './audit.batch.js';
import type { Queryable } from '../../platform/db.js';

export interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_label: string | null;
  username: string | null;
  action: string;
  operation: string;
  entity_type: string | null;
  entity_id: string | null;
  fields: string[];
  reason: string | null;
  ip: string | null;
  request_id: string | null;
}

export interface AuditFilter {
  hromadaId: number;
  fromDate: string | null; // yyyy-mm-dd, inclusive, Kyiv time
  toDate: string | null; // yyyy-mm-dd, inclusive, Kyiv time
  actorId: string | null;
  entityType: string | null;
  entityId: string | null;
  operation: string | null;
  before?: number;
  after?: number;
}

/**
 * One page of the audit trail, newest first, with keyset pagination on the id (new entries
 * — including the record of this very search — never shift the pages). Runs in the tenant's
 * transaction, so RLS shows only this hromada's entries in any case.
 */
export async function searchAudit(
  c: Queryable,
  f: AuditFilter,
  limit: number,
): Promise<{ rows: AuditRow[]; more: boolean }> {
  const values: unknown[] = [f.hromadaId];
  const where = ['a.hromada_id = $1'];
  const add = (sql: (p: string) => string, v: unknown) => {
    values.push(v);
    where.push(sql(`$${values.length}`));
  };
  if (f.fromDate) add((p) => `a.at >= (${p}::date)::timestamp AT TIME ZONE 'Europe/Kyiv'`, f.fromDate);
  if (f.toDate) add((p) => `a.at < (${p}::date + 1)::timestamp AT TIME ZONE 'Europe/Kyiv'`, f.toDate);
  if (f.actorId) add((p) => `a.actor_id = ${p}::uuid`, f.actorId);
  if (f.entityType && f.entityId) {
    // A person's id also finds the batch entries that name it (decision 0009).
    values.push(f.entityType, f.entityId);
    const [t, id] = [`$${values.length - 1}`, `$${values.length}`];
    where.push(
      `((a.entity_type = ${t} AND a.entity_id = ${id}) OR (${t} = 'person' AND ${batchNames('a', 'person', id)}))`,
    );
  } else if (f.entityType) add((p) => `a.entity_type = ${p}`, f.entityType);
  else if (f.entityId) add((p) => `(a.entity_id = ${p} OR ${batchNames('a', 'person', p)})`, f.entityId);
  if (f.operation) add((p) => `a.operation = ${p}`, f.operation);
  if (f.before) add((p) => `a.id < ${p}`, f.before);
  else if (f.after) add((p) => `a.id > ${p}`, f.after);
  values.push(limit + 1);
  const ascending = !f.before && !!f.after;
  const { rows } = await c.query<AuditRow>(
    `SELECT a.id, a.at, a.actor_id, a.actor_label, u.username, a.action, a.operation, a.entity_type, a.entity_id,
            a.fields, a.reason, a.ip, a.request_id
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
      WHERE ${where.join(' AND ')} ORDER BY a.id ${ascending ? 'ASC' : 'DESC'} LIMIT $${values.length}`,
    values,
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  return { rows: ascending ? page.reverse() : page, more };
}

/** Staff who may appear as actors here: grant holders, members created here, platform superadmins. */
export async function listActors(c: Queryable, hromadaId: number) {
  const { rows } = await c.query<{ id: string; username: string; display_name: string }>(
    `SELECT u.id, u.username, u.display_name FROM users u
      WHERE u.kind = 'staff' AND (u.is_superadmin OR u.home_hromada_id = $1
        OR EXISTS (SELECT 1 FROM grants g WHERE g.user_id = u.id AND g.hromada_id = $1))
      ORDER BY u.username`,
    [hromadaId],
  );
  return rows;
}
