import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { verifyAuditChain, writeAudit, writeAuditAtCommit, writeAuditGrouped } from '../../src/platform/audit.js';

let t: TestApp;

/** Every lane of a chain numbers its entries 1, 2, 3… with no gap. */
async function expectUnbrokenLanes(chain: number) {
  const rows = (
    await t.owner<{ lane: number; seqs: string[] }>(
      'SELECT lane, array_agg(seq ORDER BY seq) AS seqs FROM audit_log WHERE chain = $1 GROUP BY lane',
      [chain],
    )
  ).rows;
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect(r.seqs.map(Number)).toEqual(r.seqs.map((_, i) => i + 1));
}
let owner: pg.Client;
let admin: HttpClient;
let hromadaId: number;

const root = path.resolve(import.meta.dirname, '../..');
function runCli(dbUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(root, 'node_modules/.bin/tsx'),
      ['src/cli/verify-audit.ts'],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: dbUrl, LOG_LEVEL: 'silent' },
        timeout: 60_000,
      },
      (err, stdout, stderr) => {
        resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}
const lastJson = (s: string) =>
  JSON.parse(s.trim().split('\n').pop()!) as { ok: boolean; entries: number; breaks: unknown[] };

async function createUser(username: string) {
  await admin.get('/admin/users/new');
  expect(
    (await admin.post('/admin/users', { username, displayName: `Аудит ${username}`, passwordMode: 'generate' })).status,
  ).toBe(201);
}

beforeAll(async () => {
  t = await startTestApp();
  owner = new pg.Client({ connectionString: t.dbUrl });
  await owner.connect();
  admin = t.client();
  hromadaId = (await signInAs(t, admin, { username: 'admin' })).hromadaId!;
});
afterAll(async () => {
  await owner.end();
  await t.close();
});

describe('the audit trail', () => {
  it('entries written by actions form one unbroken chain per hromada (lane by lane)', async () => {
    await createUser('chain.one');
    await createUser('chain.two');
    const id = (await t.owner<{ id: string }>("SELECT id FROM users WHERE username = 'chain.one'")).rows[0].id;
    await admin.get(`/admin/users/${id}`);
    expect(
      (await admin.post(`/admin/users/${id}/grants`, { role: 'worker', districtId: '', agencyId: '' })).status,
    ).toBe(303);
    const rows = (
      await t.owner<{ action: string }>('SELECT action FROM audit_log WHERE chain = $1 ORDER BY lane, seq', [hromadaId])
    ).rows;
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['user.create', 'grant.add']));
    await expectUnbrokenLanes(hromadaId);
    const result = await verifyAuditChain(owner);
    expect(result.entries).toBeGreaterThanOrEqual(3);
    expect(result.breaks).toEqual([]);
  });

  it("the application role cannot UPDATE, DELETE or TRUNCATE the trail, and the owner's changes are blocked by triggers", async () => {
    const c = new pg.Client({ connectionString: t.dbUrl });
    await c.connect();
    try {
      await c.query('SET ROLE turbota_app');
      await c.query("SELECT set_config('app.hromada_id', $1, false)", [String(hromadaId)]);
      expect((await c.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBeGreaterThan(0);
      await expect(c.query("UPDATE audit_log SET reason = 'x'")).rejects.toThrow(/permission denied/);
      await expect(c.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
      await expect(c.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
      await c.query('RESET ROLE');
      await expect(c.query("UPDATE audit_log SET reason = 'x'")).rejects.toThrow(/append-only/);
      await expect(c.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      await expect(c.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    } finally {
      await c.end();
    }
    expect((await verifyAuditChain(owner)).breaks).toEqual([]);
  });

  it('an action rolled back leaves no audit row', async () => {
    await expect(
      t.services.db.tx({ hromadaId }, async (c) => {
        await writeAudit(c, {
          hromadaId,
          action: 'test.rolled_back',
          operation: 'write',
          entityType: 'user',
          entityId: 'x',
        });
        throw new Error('the action failed after its audit entry');
      }),
    ).rejects.toThrow('failed');
    expect((await t.owner("SELECT 1 FROM audit_log WHERE action = 'test.rolled_back'")).rowCount).toBe(0);
    const before = Number((await t.owner('SELECT count(*) AS n FROM audit_log')).rows[0].n);
    await admin.get('/admin/users/new');
    expect(
      (await admin.post('/admin/users', { username: 'chain.one', displayName: 'Дубль', passwordMode: 'generate' }))
        .status,
    ).toBe(400);
    expect(Number((await t.owner('SELECT count(*) AS n FROM audit_log')).rows[0].n)).toBe(before);
    expect((await verifyAuditChain(owner)).breaks).toEqual([]);
  });

  it('an entry written with the commit keeps every value exactly, rolls back with its action and links into the chain', async () => {
    const tricky = {
      hromadaId,
      actorLabel: "О'Брайен \\ «тест»; DROP TABLE x; --",
      action: 'test.at_commit',
      operation: 'read' as const,
      entityType: 'person',
      entityId: crypto.randomUUID(),
      fields: ["a'b", 'c\\d', 'є'],
      reason: null,
      ip: '127.0.0.1',
      requestId: 'req-1',
    };
    await t.services.db.tx({ hromadaId }, async (c) => {
      await writeAuditAtCommit(c, tricky);
      // Not written yet: it goes with the COMMIT.
      expect((await c.query("SELECT 1 FROM audit_log WHERE action = 'test.at_commit'")).rowCount).toBe(0);
    });
    const row = (
      await t.owner(
        "SELECT actor_label, entity_id, fields, reason, ip, request_id FROM audit_log WHERE action = 'test.at_commit'",
      )
    ).rows;
    expect(row).toEqual([
      {
        actor_label: tricky.actorLabel,
        entity_id: tricky.entityId,
        fields: tricky.fields,
        reason: null,
        ip: '127.0.0.1',
        request_id: 'req-1',
      },
    ]);
    await expect(
      t.services.db.tx({ hromadaId }, async (c) => {
        await writeAuditAtCommit(c, { ...tricky, action: 'test.at_commit_rolled_back' });
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('failed');
    expect((await t.owner("SELECT 1 FROM audit_log WHERE action = 'test.at_commit_rolled_back'")).rowCount).toBe(0);
    // One that fails when the COMMIT comes (pipelined behind it) aborts the commit: nothing of the action stays.
    await expect(
      t.services.db.tx({ hromadaId }, async (c) => {
        await writeAudit(c, { ...tricky, action: 'test.at_commit_before_failure' });
        await writeAuditAtCommit(c, { ...tricky, hromadaId: hromadaId + 100_000, action: 'test.at_commit_refused' });
      }),
    ).rejects.toThrow(/row-level security/);
    expect((await t.owner("SELECT 1 FROM audit_log WHERE action LIKE 'test.at_commit_before_failure'")).rowCount).toBe(
      0,
    );
    // Outside a transaction of the app's Db it is written at once.
    await writeAuditAtCommit(owner, { ...tricky, action: 'test.at_commit_direct' });
    expect((await t.owner("SELECT 1 FROM audit_log WHERE action = 'test.at_commit_direct'")).rowCount).toBe(1);
    expect((await verifyAuditChain(owner)).breaks).toEqual([]);
  });

  it('refusals written in groups keep every value exactly and their order, and link into the chain', async () => {
    const entry = (i: number) => ({
      hromadaId,
      actorId: i % 2 ? crypto.randomUUID() : null,
      actorLabel: i % 3 ? `О'Брайен \\ «тест» ${i}; DROP TABLE x; --` : null,
      action: 'test.grouped',
      operation: 'write' as const,
      entityType: i % 2 ? 'appointment' : null,
      entityId: String(i),
      fields: i % 4 ? ["a'b", 'c\\d', 'є', '{x,"y"}'] : undefined,
      reason: 'refused: conflict',
      ip: '127.0.0.1',
      requestId: `req-g${i}`,
    });
    // 700 at once: the first group goes alone, the rest wait for it and go in groups of at most 500.
    const entries = Array.from({ length: 700 }, (_, i) => entry(i));
    await Promise.all(entries.map((e) => writeAuditGrouped(t.services.db, e)));
    const rows = (
      await t.owner(
        `SELECT actor_id, actor_label, entity_type, entity_id, fields, reason, ip, request_id FROM audit_log
         WHERE action = 'test.grouped' ORDER BY chain, lane, seq`,
      )
    ).rows;
    expect(rows.map((r) => Number(r.entity_id))).toEqual(Array.from({ length: 700 }, (_, i) => i));
    expect(rows).toEqual(
      entries.map((e) => {
        return {
          actor_id: e.actorId,
          actor_label: e.actorLabel,
          entity_type: e.entityType,
          entity_id: e.entityId,
          fields: e.fields ?? [],
          reason: e.reason,
          ip: e.ip,
          request_id: e.requestId,
        };
      }),
    );
    expect((await verifyAuditChain(owner)).breaks).toEqual([]);
  });

  it('20 concurrent writers still produce an unbroken chain, in lanes that commit side by side', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.services.db.tx({ hromadaId }, async (c) => {
          await writeAudit(c, {
            hromadaId,
            action: 'test.concurrent',
            operation: 'write',
            entityType: 'test',
            entityId: String(i),
          });
          await c.query('SELECT pg_sleep(0.005)');
        }),
      ),
    );
    await expectUnbrokenLanes(hromadaId);
    // A session writes to one lane (its backend's pid modulo 16): the transactions of the pool's sessions used
    // several lanes, each with its own lock, so one did not wait for another's commit.
    const lanes = await t.owner<{ lane: number }>(
      "SELECT DISTINCT lane FROM audit_log WHERE action = 'test.concurrent'",
    );
    expect(lanes.rows.length).toBeGreaterThan(1);
    expect((await t.owner("SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.concurrent'")).rows[0].n).toBe(
      20,
    );
    expect((await verifyAuditChain(owner)).breaks).toEqual([]);
  });

  it('the CLI reports an intact trail with exit code 0', async () => {
    const r = await runCli(t.dbUrl);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Порушень не знайдено');
    expect(lastJson(r.stdout)).toMatchObject({ ok: true, breaks: [] });
  });

  it('a tampered row is a hash break: reported by verifyAuditChain, the CLI (exit 1) and the audit page', async () => {
    const row = (
      await t.owner<{ id: string; lane: number; seq: string; reason: string | null }>(
        "SELECT id, lane, seq, reason FROM audit_log WHERE chain = $1 AND action = 'user.create' ORDER BY seq LIMIT 1",
        [hromadaId],
      )
    ).rows[0];
    await owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_no_update');
    await owner.query("UPDATE audit_log SET reason = 'підроблено' WHERE id = $1", [row.id]);
    await owner.query('ALTER TABLE audit_log ENABLE TRIGGER audit_no_update');
    const result = await verifyAuditChain(owner);
    expect(result.breaks).toEqual([
      { chain: hromadaId, lane: row.lane, seq: Number(row.seq), id: Number(row.id), problem: 'hash' },
    ]);

    const r = await runCli(t.dbUrl);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ПОРУШЕННЯ ЦІЛІСНОСТІ');
    expect(lastJson(r.stdout)).toMatchObject({
      ok: false,
      breaks: [{ chain: hromadaId, id: Number(row.id), problem: 'hash' }],
    });

    const manager = t.client();
    await signInAs(t, manager, { username: 'manager' });
    await manager.get('/audit');
    const page = await manager.post('/audit/verify', {});
    expect(page.status).toBe(200);
    expect(page.text).toContain('Перевірено журнал цієї громади');
    expect(page.text).toContain('вміст запису не відповідає його хешу');
    expect(page.text).toContain(`>${row.id}<`);

    await owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_no_update');
    await owner.query('UPDATE audit_log SET reason = $2 WHERE id = $1', [row.id, row.reason]);
    await owner.query('ALTER TABLE audit_log ENABLE TRIGGER audit_no_update');
    expect((await verifyAuditChain(owner)).breaks).toEqual([]);
    await admin.get('/audit');
    const ok = await admin.post('/audit/verify', {});
    expect(ok.text).toContain('Перевірено журнали всіх громад');
    expect(ok.text).toContain('Порушень не знайдено');
  });

  it('a deleted row is a gap and a link break at the next entry', async () => {
    const rows = (
      await t.owner<{ id: string; lane: number; seq: string }>(
        `SELECT id, lane, seq FROM audit_log WHERE chain = $1
           AND lane = (SELECT lane FROM audit_log WHERE chain = $1 GROUP BY lane HAVING count(*) >= 3 LIMIT 1)
         ORDER BY seq LIMIT 3`,
        [hromadaId],
      )
    ).rows;
    await owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_no_update');
    await owner.query('DELETE FROM audit_log WHERE id = $1', [rows[1].id]);
    await owner.query('ALTER TABLE audit_log ENABLE TRIGGER audit_no_update');
    const { breaks } = await verifyAuditChain(owner);
    const next = { chain: hromadaId, lane: rows[2].lane, seq: Number(rows[2].seq), id: Number(rows[2].id) };
    expect(breaks).toEqual(
      expect.arrayContaining([
        { ...next, problem: 'gap' },
        { ...next, problem: 'link' },
      ]),
    );
    expect(breaks).toHaveLength(2);
    expect((await runCli(t.dbUrl)).code).toBe(1);
  });
});
