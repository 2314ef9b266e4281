import crypto from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { apiTokenFor } from '../helpers/api.js';
import { createStaffUser } from '../helpers/login.js';
import { person } from '../factories/index.js';
import { Db, queueAtCommit } from '../../src/platform/db.js';

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

describe('API writes that start before the token is looked up again (decision 0039, addendum)', () => {
  const create = (token: string, lastName: string) =>
    fetch(`${t.baseUrl}/api/v1/persons`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        lastName,
        firstName: 'Марія',
        rnokppAbsence: 'none',
        settlementCode: outside,
        confirm: true,
      }),
    });
  const stored = async (lastName: string) =>
    (await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM persons WHERE last_name = $1', [lastName])).rows[0].n;
  const created = async (userId: string) =>
    (
      await t.owner<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'api.persons.create' AND actor_id = $1
           AND coalesce(reason, '') NOT LIKE 'refused%'`,
        [userId],
      )
    ).rows[0].n;

  it('refuses a token revoked a moment after it was found valid: 401, nothing stored, no write recorded', async () => {
    const { userId } = await createStaffUser(t, 'ahead.write.revoked', { role: 'worker' });
    const token = await apiTokenFor(t, 'ahead.write.revoked');
    expect((await create(token, 'Першозаписана')).status).toBe(201);
    await t.owner('UPDATE api_tokens SET revoked_at = now() WHERE token_hash = $1', [sha(token)]);
    const again = await create(token, 'Другозаписана');
    expect(again.status).toBe(401);
    expect(await stored('Другозаписана')).toBe(0);
    expect(await created(userId)).toBe(1);
  });

  it('goes ahead on the counter alone, and rolls back what it wrote when the counter has changed', async () => {
    const { userId } = await createStaffUser(t, 'ahead.write.counter', { role: 'worker' });
    const token = await apiTokenFor(t, 'ahead.write.counter');
    expect((await create(token, 'Лічильникозаписана')).status).toBe(201);
    // Narrowed without raising the counter (as a missed trigger would): the write that goes ahead does not see it.
    await t.owner(
      `BEGIN; SET LOCAL session_replication_role = replica;
       UPDATE grants SET role = 'starosta', district_id = ${district} WHERE user_id = '${userId}'; COMMIT`,
    );
    expect((await create(token, 'Непомічена')).status).toBe(201);
    // Raised by another change: the write, made ahead under the remembered grants, is rolled back and made again on
    // the grants as they are now — a starosta of another district may not register a person here.
    await t.owner('UPDATE hromadas SET name = name WHERE id = (SELECT min(id) FROM hromadas)');
    const narrowed = await create(token, 'Звуженозаписана');
    expect(narrowed.status).toBe(403);
    expect(await stored('Звуженозаписана')).toBe(0);
    expect(await created(userId)).toBe(2);
  });
});

describe('the counter of changes that confirms a read by a token found valid a moment ago (decision 0039)', () => {
  const epoch = async () => Number((await t.owner<{ epoch: string }>('SELECT epoch FROM auth_epoch')).rows[0].epoch);
  /** A change made as the owner without the triggers (as a missed trigger would), one statement. */
  const unnoticed = (sql: string) => t.owner(`BEGIN; SET LOCAL session_replication_role = replica; ${sql}; COMMIT`);

  it('goes ahead on the counter alone: a change that did not raise it is not seen until the token is looked up again', async () => {
    await createStaffUser(t, 'ahead.counter', { role: 'worker' });
    const token = await apiTokenFor(t, 'ahead.counter');
    const id = await person(t, { lastName: 'Лічильникова', firstName: 'Віра', settlementCode: outside });
    expect((await card(token, id)).status).toBe(200);
    // Revoked without raising the counter: the read that goes ahead is not refused — the opening did not look the
    // token up. This is what the triggers are for; the next test proves that they raise it.
    await unnoticed(`UPDATE api_tokens SET revoked_at = now() WHERE token_hash = '${sha(token)}'`);
    expect((await card(token, id)).status).toBe(200);
    // Raised by any other change: the token is looked up again and refused.
    await t.owner('UPDATE hromadas SET name = name WHERE id = (SELECT min(id) FROM hromadas)');
    expect((await card(token, id)).status).toBe(401);
  });

  it('refuses a token that expired a moment after it was found valid, with the counter unchanged', async () => {
    await createStaffUser(t, 'ahead.expired', { role: 'worker' });
    const token = await apiTokenFor(t, 'ahead.expired');
    const id = await person(t, { lastName: 'Прострочена', firstName: 'Інна', settlementCode: outside });
    await t.owner("UPDATE api_tokens SET expires_at = now() + interval '1.5 seconds' WHERE token_hash = $1", [
      sha(token),
    ]);
    expect((await card(token, id)).status).toBe(200);
    const before = await epoch();
    await new Promise((r) => setTimeout(r, 1700));
    // Remembered as valid a moment ago, but its expiry has passed by the database's clock since.
    const expired = await card(token, id);
    expect(expired.status).toBe(401);
    expect(expired.text).not.toContain('Прострочена');
    expect(await viewsOf(id)).toBe(1);
    expect(await epoch()).toBe(before);
  });

  it('is raised at the commit of every change to what a token allows, and only then', async () => {
    const { userId } = await createStaffUser(t, 'ahead.raised', { role: 'worker' });
    const token = await apiTokenFor(t, 'ahead.raised');
    const h = (
      await t.owner<{ id: number }>('SELECT hromada_id AS id FROM api_tokens WHERE token_hash = $1', [sha(token)])
    ).rows[0].id;
    const raises = async (sql: string, params: unknown[] = []) => {
      const before = await epoch();
      await t.owner(sql, params);
      return (await epoch()) > before;
    };
    expect(await raises('UPDATE api_tokens SET expires_at = expires_at WHERE token_hash = $1', [sha(token)])).toBe(
      true,
    );
    expect(await raises('UPDATE users SET active = active WHERE id = $1', [userId])).toBe(true);
    expect(await raises('UPDATE users SET must_change_password = false WHERE id = $1', [userId])).toBe(true);
    expect(await raises("UPDATE users SET locale = 'uk' WHERE id = $1", [userId])).toBe(true);
    expect(await raises("UPDATE users SET display_name = 'Інша назва' WHERE id = $1", [userId])).toBe(true);
    expect(
      await raises("INSERT INTO grants (hromada_id, user_id, role) VALUES ($1, $2, 'frontdesk')", [h, userId]),
    ).toBe(true);
    expect(await raises("DELETE FROM grants WHERE user_id = $1 AND role = 'frontdesk'", [userId])).toBe(true);
    expect(await raises('UPDATE hromadas SET active = active WHERE id = $1', [h])).toBe(true);
    // What the token's lookup writes itself, and what it does not read, leave it as it is.
    expect(await raises('UPDATE api_tokens SET last_used_at = now() WHERE token_hash = $1', [sha(token)])).toBe(false);
    expect(await raises('UPDATE users SET failed_logins = 0, updated_at = now() WHERE id = $1', [userId])).toBe(false);
    // Not seen by others before the commit, and not at all when the change is rolled back.
    const before = await epoch();
    const c = new pg.Client({ connectionString: t.dbUrl });
    await c.connect();
    try {
      await c.query('BEGIN');
      await c.query('UPDATE users SET active = true WHERE id = $1', [userId]);
      expect(await epoch()).toBe(before);
      await c.query('ROLLBACK');
    } finally {
      await c.end();
    }
    expect(await epoch()).toBe(before);
    // The application's role reads the counter and cannot set it.
    expect(Number((await t.services.db.query<{ epoch: string }>('SELECT epoch FROM auth_epoch')).rows[0].epoch)).toBe(
      before,
    );
    await expect(t.services.db.query('UPDATE auth_epoch SET epoch = 1')).rejects.toThrow(/permission denied/);
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

  it('writes the BEGIN, the opening and what the work sends before its first await in one write', async () => {
    const h = (await t.owner<{ id: number }>('SELECT min(id) AS id FROM hromadas')).rows[0].id;
    await t.services.db.tx({ hromadaId: h }, (c) => c.query('SELECT 1'));
    // Every write to a socket while the transaction runs (nothing else is sent meanwhile).
    const proto = net.Socket.prototype as unknown as Record<'_write' | '_writev', (...a: unknown[]) => unknown>;
    const original = { _write: proto._write, _writev: proto._writev };
    let writes = 0;
    for (const m of ['_write', '_writev'] as const)
      proto[m] = function (this: unknown, ...a: unknown[]) {
        writes += 1;
        return original[m].apply(this, a);
      };
    let beforeAnswer = -1;
    try {
      const n = await t.services.db.tx({ hromadaId: h }, async (c) => {
        const [one, two] = await Promise.all([
          c.query<{ n: number }>('SELECT 1 AS n'),
          c.query<{ n: number }>('SELECT 2 AS n'),
        ]);
        beforeAnswer = writes;
        return one.rows[0].n + two.rows[0].n;
      });
      expect(n).toBe(3);
    } finally {
      Object.assign(proto, original);
    }
    // One write for the opening and both statements, then one for the COMMIT.
    expect(beforeAnswer).toBe(1);
    expect(writes).toBe(2);
  });

  it('fails with the opening’s own error (not the aborted transaction’s) and gives its connection back', async () => {
    const pool = t.services.db.pool;
    await expect(
      t.services.db.txOpenedAhead({ text: 'SELECT 1 / 0' }, async (c) => {
        await c.query('SELECT 1');
      }),
    ).rejects.toThrow(/division by zero/);
    await expect(t.services.db.txOpenedWith({ text: 'SELECT 1 / 0' }, () => Promise.resolve(1))).rejects.toThrow(
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

  it('gives its connection back once the COMMIT is written: the next transaction is pipelined behind it', async () => {
    // One connection, so that the second transaction can only run on the first one's.
    const db = new Db(t.services.ownerUrl, t.services.config.APP_DATABASE_ROLE, 1);
    const ctx = { hromadaId: null };
    try {
      await db.tx(ctx, (c) => c.query('CREATE TEMP TABLE behind_commit (n int)'));
      let secondStarted = false;
      let startedBeforeFirstAnswered: boolean | null = null;
      const first = db
        .tx(ctx, async (c) => {
          await c.query('INSERT INTO behind_commit VALUES (1)');
          // An entry queued for the commit that fails: PostgreSQL answers the COMMIT with a rollback.
          queueAtCommit(c, { text: 'SELECT 1 / 0' });
        })
        .finally(() => (startedBeforeFirstAnswered = secondStarted));
      const second = db.tx(ctx, async (c) => {
        secondStarted = true;
        await c.query('INSERT INTO behind_commit VALUES (2)');
        return 'second';
      });
      await expect(first).rejects.toThrow(/division by zero/);
      await expect(second).resolves.toBe('second');
      expect(startedBeforeFirstAnswered).toBe(true);
      // The first one's insert rolled back with its failed entry; the second, sent behind it, committed on its own.
      const rows = await db.tx(ctx, (c) => c.query<{ n: number }>('SELECT n FROM behind_commit ORDER BY n'));
      expect(rows.rows.map((r) => r.n)).toEqual([2]);
      expect(db.pool.totalCount - db.pool.idleCount).toBe(0);
    } finally {
      await db.end();
    }
  });
});
