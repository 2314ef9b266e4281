import type { Db } from './db.js';
import type { SecretBox } from './secret-box.js';

/** Where sealed values live: table, key column, sealed column, and whether rows belong to a hromada (RLS). */
export interface SealedColumn {
  table: string;
  id: string;
  column: string;
  tenant: boolean;
}

export const SEALED_COLUMNS: SealedColumn[] = [
  { table: 'persons', id: 'id', column: 'rnokpp_sealed', tenant: true },
  { table: 'persons', id: 'id', column: 'unzr_sealed', tenant: true },
  { table: 'person_documents', id: 'id', column: 'number_sealed', tenant: true },
  { table: 'decision_documents', id: 'id', column: 'verification_sealed', tenant: true },
  { table: 'application_status_codes', id: 'application_id', column: 'code_sealed', tenant: true },
  { table: 'users', id: 'id', column: 'totp_secret', tenant: false },
];

const BATCH = 500;

async function resealColumn(
  db: Db,
  box: SecretBox,
  col: SealedColumn,
  hromadaId: number | null,
  prefix: string,
): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await db.tx({ hromadaId }, async (c) => {
      const { rows } = await c.query<{ id: string; v: string }>(
        `SELECT ${col.id}::text AS id, ${col.column} AS v FROM ${col.table}
         WHERE ${col.column} IS NOT NULL AND ${col.column} NOT LIKE $1 ${col.tenant ? 'AND hromada_id = $2' : ''}
         LIMIT ${BATCH} FOR UPDATE`,
        col.tenant ? [`${prefix}%`, hromadaId] : [`${prefix}%`],
      );
      for (const r of rows) {
        await c.query(`UPDATE ${col.table} SET ${col.column} = $2 WHERE ${col.id}::text = $1`, [
          r.id,
          box.seal(box.open(r.v)),
        ]);
      }
      return rows.length;
    });
    done += n;
    if (n < BATCH) return done;
  }
}

/**
 * Re-seals every sealed value that is not under the current key (after a new key was put first
 * in ENCRYPTION_KEYS). Tenant tables are processed hromada by hromada as the application role,
 * so row-level security stays in force; each batch is its own transaction, so it can be resumed.
 */
export async function rotateSealedValues(db: Db, box: SecretBox): Promise<Record<string, number>> {
  const prefix = `${box.currentKeyId}:`;
  const hromadas = (await db.query<{ id: number }>('SELECT id FROM hromadas WHERE active ORDER BY id')).rows.map(
    (r) => r.id,
  );
  const out: Record<string, number> = {};
  for (const col of SEALED_COLUMNS) {
    const key = `${col.table}.${col.column}`;
    out[key] = 0;
    for (const h of col.tenant ? hromadas : [null]) out[key] += await resealColumn(db, box, col, h, prefix);
  }
  return out;
}
