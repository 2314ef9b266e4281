import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { demoHromadaId, newHromada, person } from '../factories/index.js';
import { loadCategories, loadPerson, personScopeRow } from '../../src/modules/persons/persons.queries.js';

/**
 * Issue 15: a person's access scope and card are read with prepared statements, so after five runs on a connection
 * PostgreSQL may run them with one generic plan for every person and tenant. What that plan returns must still follow
 * the transaction's own tenant (row-level security reads `app.hromada_id` when the plan runs, not when it was made):
 * each person's own row, and nothing of another hromada.
 */
let t: TestApp;
let demoId: number;
let otherId: number;
let workerId: string;
const demoPersons: string[] = [];
let otherPerson: string;

beforeAll(async () => {
  t = await startTestApp();
  demoId = await demoHromadaId(t);
  otherId = (await newHromada(t)).id;
  workerId = (await t.owner<{ id: string }>(`SELECT id FROM users WHERE username = 'worker'`)).rows[0].id;
  for (const firstName of ['Олена', 'Петро', 'Зоя', 'Іван', 'Марко', 'Ганна', 'Юрій', 'Оксана'])
    demoPersons.push(await person(t, { lastName: 'Планенко', firstName }));
  otherPerson = await person(t, { hromadaId: otherId, lastName: 'Чужаненко', firstName: 'Степан' });
  await t.owner(`INSERT INTO person_categories (hromada_id, person_id, code) VALUES ($1, $2, 'large_family')`, [
    demoId,
    demoPersons[0],
  ]);
});
afterAll(() => t.close());

/** Runs `work` in a transaction of the app's role with the tenant set, on the one pool connection `c`. */
async function inTenant<T>(c: pg.ClientBase, hromadaId: number, work: () => Promise<T>): Promise<T> {
  await c.query('BEGIN');
  try {
    await c.query(`SELECT set_config('app.hromada_id', $1, true), set_config('app.user_id', $2, true)`, [
      String(hromadaId),
      workerId,
    ]);
    return await work();
  } finally {
    await c.query('ROLLBACK');
  }
}

describe('the card read with prepared statements', () => {
  it('gives each person their own row through the generic plan, and nothing across hromadas', async () => {
    const c = await t.services.db.pool.connect();
    try {
      for (const id of [...demoPersons, ...demoPersons]) {
        const [scope, row, categories] = await inTenant(c, demoId, async () => [
          await personScopeRow(c, demoId, id),
          await loadPerson(c, demoId, id),
          await loadCategories(c, id),
        ]);
        expect(scope).toMatchObject({ merged_into: null });
        expect(row?.id).toBe(id);
        expect(categories.map((x) => x.code)).toEqual(id === demoPersons[0] ? ['large_family'] : []);
      }
      // The statements were made generic (more than five runs on this connection), so what follows runs on that plan.
      const generic = await c.query<{ statement: string; generic_plans: string }>(
        `SELECT statement, generic_plans FROM pg_prepared_statements WHERE statement LIKE '%FROM persons p%'`,
      );
      expect(generic.rows.length).toBeGreaterThanOrEqual(2);
      for (const r of generic.rows) expect(Number(r.generic_plans)).toBeGreaterThan(0);

      // Another hromada's transaction on the same connection and plans: the demo person is not there, its own is.
      await inTenant(c, otherId, async () => {
        expect(await personScopeRow(c, demoId, demoPersons[0])).toBeNull();
        expect(await loadPerson(c, demoId, demoPersons[0])).toBeNull();
        expect(await loadCategories(c, demoPersons[0])).toEqual([]);
        expect((await loadPerson(c, otherId, otherPerson))?.id).toBe(otherPerson);
      });
      // Asking the demo hromada's transaction for the other hromada's person finds nothing either.
      await inTenant(c, demoId, async () => {
        expect(await loadPerson(c, otherId, otherPerson)).toBeNull();
        expect(await loadPerson(c, demoId, otherPerson)).toBeNull();
      });
    } finally {
      c.release();
    }
  });

  it('works on a connection where its first sending met a failed transaction', async () => {
    // Pipelined behind a statement that fails, the statement's preparation is refused with the rest of the aborted
    // transaction; the next transaction on the same connection must prepare it again, not assume it exists.
    // A connection of its own (as the app's pool opens them), on which nothing was prepared yet.
    const c = new pg.Client({ connectionString: t.dbUrl, options: `-c role=${t.services.config.APP_DATABASE_ROLE}` });
    await c.connect();
    try {
      expect((await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements')).rows[0].n).toBe(0);
      await c.query('BEGIN');
      const failed = c.query('SELECT 1 / 0');
      const refused = loadCategories(c as unknown as pg.PoolClient, demoPersons[0]);
      await expect(failed).rejects.toThrow();
      await expect(refused).rejects.toThrow();
      await c.query('ROLLBACK');
      // The preparation was indeed refused: nothing is prepared on the connection.
      expect((await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements')).rows[0].n).toBe(0);
      const categories = await inTenant(c, demoId, () => loadCategories(c as unknown as pg.PoolClient, demoPersons[0]));
      expect(categories.map((x) => x.code)).toEqual(['large_family']);
    } finally {
      await c.end();
    }
  });
});
