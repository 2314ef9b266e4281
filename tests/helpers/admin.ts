import { afterAll, beforeAll, expect } from 'vitest';
import { startTestApp, type TestApp } from './app.js';
import { signInAs } from './session.js';
import type { HttpClient } from './http.js';

export interface AuditRow {
  actor_id: string;
  operation: string;
  entity_type: string;
  fields: string[];
  reason: string | null;
  ip: string | null;
  request_id: string | null;
}

/**
 * The administration tests' setting: an app with the hromada administrator signed in, and
 * helpers to find users, read their audit entries and create a user through the admin pages.
 * Call it at the top of a test file; the fields are filled before the first test.
 */
export function useAdminFixture() {
  const f = {
    t: undefined as unknown as TestApp,
    admin: undefined as unknown as HttpClient,
    adminId: '',
    hromadaId: 0,
    userId: async (username: string) =>
      (await f.t.owner<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0]?.id,
    auditRows: (action: string, entityId: string) =>
      f.t.owner<AuditRow>(
        'SELECT actor_id, operation, entity_type, fields, reason, ip, request_id FROM audit_log WHERE action = $1 AND entity_id = $2',
        [action, entityId],
      ),
    /** A user created by the administrator; `passwordChanged`: as after their first sign-in (no longer temporary). */
    createUser: async (username: string, opts: { passwordChanged?: boolean } = {}): Promise<string> => {
      await f.admin.get('/admin/users/new');
      const res = await f.admin.post('/admin/users', {
        username,
        displayName: `Тест ${username}`,
        passwordMode: 'generate',
      });
      expect(res.status).toBe(201);
      const id = await f.userId(username);
      if (opts.passwordChanged) await f.t.owner('UPDATE users SET must_change_password = false WHERE id = $1', [id]);
      return id;
    },
  };
  beforeAll(async () => {
    f.t = await startTestApp();
    f.admin = f.t.client();
    const s = await signInAs(f.t, f.admin, { username: 'admin' });
    f.adminId = s.userId;
    f.hromadaId = s.hromadaId!;
  });
  afterAll(async () => {
    await f.t?.close();
  });
  return f;
}
