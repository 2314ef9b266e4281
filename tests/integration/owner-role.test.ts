import crypto from 'node:crypto';
import pg from 'pg';
import { inject, describe, expect, it } from 'vitest';
import { migrate } from '../../src/platform/migrate.js';
import { withDatabase } from '../../src/platform/embedded-db.js';
import { Db } from '../../src/platform/db.js';
import { writeAudit, verifyAuditChain } from '../../src/platform/audit.js';

/**
 * Production servers run migrations as an ordinary owner role (no superuser, no BYPASSRLS)
 * and the app as a separate login role. The whole schema must work there too.
 */
describe('a PostgreSQL server where the owner is not a superuser', () => {
  it('migrates, keeps RLS for the app role and an unbroken audit chain, and the app role cannot touch the audit log', async () => {
    const serverUrl = inject('pgUrl');
    const suffix = crypto.randomBytes(4).toString('hex');
    const owner = `own_${suffix}`;
    const web = `web_${suffix}`;
    const dbName = `o_${suffix}`;
    const su = new pg.Client({ connectionString: serverUrl });
    await su.connect();
    await su.query(`CREATE ROLE ${owner} LOGIN CREATEROLE PASSWORD 'owner-pass-${suffix}'`);
    await su.query(`CREATE DATABASE ${dbName} OWNER ${owner}`);
    await su.end();
    const ownerUrl = withDatabase(serverUrl.replace(/\/\/[^@]+@/, `//${owner}:owner-pass-${suffix}@`), dbName);
    const appRole = `app_${suffix}`;
    await migrate(ownerUrl, appRole);

    const o = new pg.Client({ connectionString: ownerUrl });
    await o.connect();
    const rls = await o.query<{ rolbypassrls: boolean; rolsuper: boolean }>(
      'SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user',
    );
    expect(rls.rows[0]).toEqual({ rolbypassrls: false, rolsuper: false });
    // The registry's GIN indexes take entries directly: no pending list for every search to scan (0034).
    const gin = await o.query<{ relname: string; reloptions: string[] }>(
      "SELECT relname, reloptions FROM pg_class WHERE relname IN ('persons_tokens_idx', 'name_tokens_trgm_idx') ORDER BY relname",
    );
    expect(gin.rows).toEqual([
      { relname: 'name_tokens_trgm_idx', reloptions: ['fastupdate=off'] },
      { relname: 'persons_tokens_idx', reloptions: ['fastupdate=off'] },
    ]);
    await o.query(`CREATE ROLE ${web} LOGIN PASSWORD 'web-pass-${suffix}' IN ROLE ${appRole}`);
    await o.query(`INSERT INTO oblasts (code, name, category) VALUES ('UA1', 'О', 'O')`);
    await o.query(`INSERT INTO raions (code, oblast_code, name) VALUES ('UA2', 'UA1', 'Р')`);
    await o.query(
      `INSERT INTO hromadas (code, raion_code, oblast_code, name, active) VALUES ('UA3', 'UA2', 'UA1', 'А', true), ('UA4', 'UA2', 'UA1', 'Б', true)`,
    );
    const ids = (await o.query<{ id: number }>('SELECT id FROM hromadas ORDER BY code')).rows.map((r) => r.id);

    const appUrl = withDatabase(serverUrl.replace(/\/\/[^@]+@/, `//${web}:web-pass-${suffix}@`), dbName);
    const db = new Db(appUrl, appRole);
    // Platform-wide entries (no hromada) and entries of two hromadas, several of each.
    for (let i = 0; i < 3; i++) {
      await db.tx({ hromadaId: null }, (c) =>
        writeAudit(c, { hromadaId: null, action: 'test.platform', operation: 'admin' }),
      );
      await db.tx({ hromadaId: ids[0] }, (c) =>
        writeAudit(c, { hromadaId: ids[0], action: 'test.a', operation: 'write' }),
      );
      await db.tx({ hromadaId: ids[1] }, (c) =>
        writeAudit(c, { hromadaId: ids[1], action: 'test.b', operation: 'write' }),
      );
    }
    await db.tx({ hromadaId: ids[0] }, async (c) => {
      await c.query("INSERT INTO districts (hromada_id, name) VALUES ($1, 'Округ А')", [ids[0]]);
      const seen = await c.query<{ hromada_id: number }>('SELECT hromada_id FROM audit_log');
      expect(seen.rows.every((r) => r.hromada_id === ids[0])).toBe(true);
      await expect(
        c.query("INSERT INTO districts (hromada_id, name) VALUES ($1, 'Чужий')", [ids[1]]),
      ).rejects.toThrow();
    });
    await expect(db.query('UPDATE audit_log SET reason = $1', ['x'])).rejects.toThrow();
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow();

    // The SECURITY DEFINER lookups run as this owner and must see across tenants (sign-in, API tokens).
    const user = (
      await o.query<{ id: string }>(
        "INSERT INTO users (kind, username, display_name) VALUES ('staff', 'u', 'U') RETURNING id",
      )
    ).rows[0].id;
    await o.query("INSERT INTO grants (hromada_id, user_id, role) VALUES ($1, $2, 'worker')", [ids[1], user]);
    await o.query(
      "INSERT INTO api_tokens (hromada_id, user_id, name, token_hash, prefix) VALUES ($1, $2, 't', 'h1', 'tb_')",
      [ids[1], user],
    );
    expect((await db.query('SELECT role FROM user_grants($1)', [user])).rows).toEqual([{ role: 'worker' }]);
    expect((await db.query('SELECT hromada_id, grants FROM api_token_actor($1)', ['h1'])).rows).toEqual([
      {
        hromada_id: ids[1],
        grants: [
          { id: expect.any(Number) as number, hromadaId: ids[1], role: 'worker', agencyId: null, districtId: null },
        ],
      },
    ]);
    expect((await db.query('SELECT * FROM api_token_actor($1)', ['h2'])).rows).toEqual([]);

    const report = await verifyAuditChain(o);
    expect(report.entries).toBe(9);
    expect(report.breaks).toEqual([]);
    await db.end();
    await o.end();
  });
});
