import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { apiTokenFor } from '../helpers/api.js';
import { createStaffUser } from '../helpers/login.js';
import { person } from '../factories/index.js';

// Issue 15: an API read by a token found valid a moment ago starts before the token's row is back from the statement
// that opens its transaction (its first query goes in the same round trip). These prove that it still answers only
// what the token's row, as the database has it now, allows.
let t: TestApp;
let district: number;
let outside: string;
beforeAll(async () => {
  t = await startTestApp();
  const d = await t.owner<{ district_id: number; settlement_code: string }>(
    `SELECT district_id, settlement_code FROM district_settlements
     WHERE district_id <> (SELECT min(district_id) FROM district_settlements) LIMIT 1`,
  );
  district = (await t.owner<{ id: number }>('SELECT min(district_id) AS id FROM district_settlements')).rows[0].id;
  outside = d.rows[0].settlement_code;
});
afterAll(async () => {
  await t.close();
});

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const card = (token: string, id: string) =>
  t.client().get(`/api/v1/persons/${id}`, { authorization: `Bearer ${token}` });
const search = (token: string, q: string) =>
  fetch(`${t.baseUrl}/api/v1/persons/search`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ q }),
  });
const viewsOf = async (id: string) =>
  (
    await t.owner<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log
       WHERE action = 'api.persons.get' AND entity_id = $1 AND coalesce(reason, '') NOT LIKE 'refused%'`,
      [id],
    )
  ).rows[0].n;

describe('API reads that start before the token is looked up again', () => {
  it('refuses a token revoked a moment after it was found valid: 401, nothing answered, no read recorded', async () => {
    await createStaffUser(t, 'ahead.revoked', { role: 'worker' });
    const token = await apiTokenFor(t, 'ahead.revoked');
    const id = await person(t, { lastName: 'Випереджена', firstName: 'Ганна', settlementCode: outside });
    const first = await card(token, id);
    expect(first.status).toBe(200);
    expect((await search(token, 'Випереджена')).status).toBe(200);
    expect(await viewsOf(id)).toBe(1);
    // Revoked in the database itself, so the token is still remembered as valid in the app.
    await t.owner('UPDATE api_tokens SET revoked_at = now() WHERE token_hash = $1', [sha(token)]);
    const again = await card(token, id);
    expect(again.status).toBe(401);
    expect(again.text).not.toContain('Випереджена');
    const searched = await search(token, 'Випереджена');
    expect(searched.status).toBe(401);
    expect(await searched.text()).not.toContain('Випереджена');
    expect(await viewsOf(id)).toBe(1);
  });

  it('decides on the grants as they are now when they changed a moment after the token was found valid', async () => {
    const { userId } = await createStaffUser(t, 'ahead.narrowed', { role: 'worker' });
    const token = await apiTokenFor(t, 'ahead.narrowed');
    const id = await person(t, { lastName: 'Звужена', firstName: 'Олена', settlementCode: outside });
    expect((await card(token, id)).status).toBe(200);
    // Now a starosta of another district (changed in the database: the token is not revoked, only narrowed).
    await t.owner(`UPDATE grants SET role = 'starosta', district_id = $2 WHERE user_id = $1`, [userId, district]);
    const narrowed = await card(token, id);
    expect(narrowed.status).toBe(403);
    expect(narrowed.text).not.toContain('Звужена');
    expect(await viewsOf(id)).toBe(1);
    // The refusal is recorded under the grants it was decided on.
    const refused = await t.owner<{ reason: string }>(
      "SELECT reason FROM audit_log WHERE action = 'api.persons.get' AND actor_id = $1 AND reason LIKE 'refused%'",
      [userId],
    );
    expect(refused.rows.map((r) => r.reason)).toEqual(['refused: forbidden']);
  });
});

describe('transactions whose opening is pipelined with their first statement', () => {
  it('runs the first statement under the tenant the opening set, and several statements sent at once in order', async () => {
    const h = (await t.owner<{ id: number }>('SELECT min(id) AS id FROM hromadas')).rows[0].id;
    const [tenant, both] = await t.services.db.tx({ hromadaId: h }, (c) =>
      Promise.all([
        c.query<{ h: string }>("SELECT current_setting('app.hromada_id') AS h"),
        Promise.all([c.query<{ n: number }>('SELECT 1 AS n'), c.query<{ n: number }>('SELECT 2 AS n')]),
      ]),
    );
    expect(tenant.rows[0].h).toBe(String(h));
    expect(both.map((r) => r.rows[0].n)).toEqual([1, 2]);
  });

  it('fails with the opening’s own error (not the aborted transaction’s) and gives its connection back', async () => {
    const pool = t.services.db.pool;
    await expect(
      t.services.db.txOpenedAhead('SELECT 1 / 0', async (c) => {
        await c.query('SELECT 1');
      }),
    ).rejects.toThrow(/division by zero/);
    await expect(t.services.db.txOpenedWith('SELECT 1 / 0', () => Promise.resolve(1))).rejects.toThrow(
      /division by zero/,
    );
    expect(pool.totalCount - pool.idleCount).toBe(0);
    // The connection is usable again.
    expect(
      await t.services.db.tx(
        { hromadaId: null },
        async (c) => (await c.query<{ n: number }>('SELECT 3 AS n')).rows[0].n,
      ),
    ).toBe(3);
  });
});
