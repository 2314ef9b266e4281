import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { demoHromadaId, person } from '../factories/index.js';
import { loadPerson } from '../../src/modules/persons/persons.queries.js';
import { searchByName } from '../../src/modules/persons/persons.search.js';

/**
 * Issue 15: the protected-contacts check (`contacts_hidden`, decision 0023) runs once per row that is shown — not once
 * per column it blanks (the planner copied it into every use until `platform/hidden-contacts.ts` put `OFFSET 0` in the
 * lateral), and for a search only for the rows of the page. Counted by PostgreSQL itself (`track_functions`).
 */
let t: TestApp;
let hromadaId: number;
let userId: string;
const ids: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  userId = (await t.owner<{ id: string }>(`SELECT id FROM users WHERE username = 'worker'`)).rows[0].id;
  for (const firstName of ['Олена', 'Петро', 'Зоя'])
    ids.push(await person(t, { lastName: 'Одноразовенко', firstName }));
});
afterAll(() => t.close());

/** How many times `contacts_hidden` ran in a transaction of the worker that does `work`. */
async function checksIn(work: (c: pg.PoolClient) => Promise<unknown>): Promise<number> {
  const c = new pg.Client({ connectionString: t.dbUrl });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query(`SET LOCAL track_functions = 'all'`);
    await c.query(`SELECT set_config('app.hromada_id', $1, true), set_config('app.user_id', $2, true)`, [
      String(hromadaId),
      userId,
    ]);
    await work(c as unknown as pg.PoolClient);
    const r = await c.query<{ n: string | null }>(
      `SELECT pg_stat_get_xact_function_calls('contacts_hidden(uuid, uuid)'::regprocedure) AS n`,
    );
    return Number(r.rows[0].n ?? 0);
  } finally {
    await c.query('ROLLBACK');
    await c.end();
  }
}

describe('the protected-contacts check runs once per row shown', () => {
  it('once for the person card, whose query blanks six columns with it', async () => {
    let row: Awaited<ReturnType<typeof loadPerson>> = null;
    expect(await checksIn(async (c) => (row = await loadPerson(c, hromadaId, ids[0])))).toBe(1);
    expect(row).toMatchObject({ id: ids[0], contacts_hidden: false });
  });

  it('once per row of a search page, and only for the page', async () => {
    let total = 0;
    const all = await checksIn(
      async (c) => (total = (await searchByName(c, hromadaId, 'Одноразовенко', {}, {}, 20, 0)).items.length),
    );
    expect(total).toBe(3);
    expect(all).toBe(3);
    expect(await checksIn((c) => searchByName(c, hromadaId, 'Одноразовенко', {}, {}, 2, 0))).toBe(2);
  });
});
