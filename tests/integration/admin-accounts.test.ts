import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { useAdminFixture } from '../helpers/admin.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { verifyPassword } from '../../src/platform/passwords.js';
import { grant } from '../factories/index.js';

const f = useAdminFixture();
const { userId, auditRows, createUser } = f;
let t: TestApp;
let admin: HttpClient;
let adminId: string;
let hromadaId: number;
beforeAll(() => {
  ({ t, admin, adminId, hromadaId } = f);
});

describe('deactivation and password reset', () => {
  it("deactivation (after confirmation) ends the user's sessions; reactivation lets them back", async () => {
    const id = await createUser('leaver', { passwordChanged: true });
    await grant(t, id, 'worker', { hromadaId });
    const user = t.client();
    await signInAs(t, user, { username: 'leaver' });
    expect((await user.get('/staff')).status).toBe(200);
    const confirm = await admin.get(`/admin/users/${id}/deactivate`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Вимкнути обліковий запис leaver?');
    const res = await admin.post(`/admin/users/${id}/deactivate`, { reason: 'звільнення' });
    expect(res.status).toBe(303);
    const after = await user.get('/staff');
    expect(after.status).toBe(302);
    expect(after.location).toBe('/login');
    expect((await t.owner('SELECT active FROM users WHERE id = $1', [id])).rows[0].active).toBe(false);
    expect((await t.owner('SELECT 1 FROM sessions WHERE user_id = $1', [id])).rowCount).toBe(0);
    expect((await auditRows('user.deactivate', id)).rows[0]).toMatchObject({
      reason: 'звільнення',
      operation: 'admin',
    });
    await admin.get(`/admin/users/${id}/reactivate`);
    expect((await admin.post(`/admin/users/${id}/reactivate`, {})).status).toBe(303);
    expect((await t.owner('SELECT active FROM users WHERE id = $1', [id])).rows[0].active).toBe(true);
    expect((await auditRows('user.reactivate', id)).rowCount).toBe(1);
  });

  it('refuses self-deactivation', async () => {
    expect((await admin.get(`/admin/users/${adminId}/deactivate`)).status).toBe(409);
    await admin.get('/admin/users');
    const res = await admin.post(`/admin/users/${adminId}/deactivate`, {});
    expect(res.status).toBe(409);
    expect(res.text).toContain('не можете вимкнути власний');
    expect((await t.owner('SELECT active FROM users WHERE id = $1', [adminId])).rows[0].active).toBe(true);
    expect((await admin.get('/admin/users')).status).toBe(200);
  });

  it('resets a password: a new temporary one shown once, must change it, sessions ended, audited', async () => {
    const id = await createUser('forgetful');
    const user = t.client();
    await signInAs(t, user, { username: 'forgetful' });
    await t.owner(
      "UPDATE users SET must_change_password = false, failed_logins = 5, locked_until = now() + interval '1 hour' WHERE id = $1",
      [id],
    );
    expect((await admin.get(`/admin/users/${id}/password`)).status).toBe(200);
    const res = await admin.post(`/admin/users/${id}/password`, { reason: '' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const password = res.text.match(/id="temp-password">\s*([A-Za-z0-9-]+)\s*</)?.[1];
    expect(password).toBeTruthy();
    const row = (
      await t.owner<{
        password_hash: string;
        must_change_password: boolean;
        failed_logins: number;
        locked_until: Date | null;
      }>('SELECT password_hash, must_change_password, failed_logins, locked_until FROM users WHERE id = $1', [id])
    ).rows[0];
    expect(row).toMatchObject({ must_change_password: true, failed_logins: 0, locked_until: null });
    expect(await verifyPassword(row.password_hash, password!)).toBe(true);
    expect((await t.owner('SELECT 1 FROM sessions WHERE user_id = $1', [id])).rowCount).toBe(0);
    expect((await auditRows('user.password_reset', id)).rows[0].fields).toContain('password');
  });

  it("a hromada administrator who is not a superadmin cannot change a superadmin's account", async () => {
    const id = await createUser('second.admin', { passwordChanged: true });
    await grant(t, id, 'admin', { hromadaId });
    const second = t.client();
    await signInAs(t, second, { username: 'second.admin' });
    expect((await second.get(`/admin/users/${adminId}`)).status).toBe(403);
    await second.get('/admin/users');
    expect((await second.post(`/admin/users/${adminId}/password`, {})).status).toBe(403);
    expect((await second.post(`/admin/users/${adminId}/deactivate`, {})).status).toBe(403);
    expect((await t.owner('SELECT active FROM users WHERE id = $1', [adminId])).rows[0].active).toBe(true);
  });

  it('refuses a form without a CSRF token and changes nothing', async () => {
    const id = await createUser('csrf.target');
    const res = await admin.post(`/admin/users/${id}/deactivate`, { _csrf: null });
    expect(res.status).toBe(403);
    expect((await t.owner('SELECT active FROM users WHERE id = $1', [id])).rows[0].active).toBe(true);
  });

  it('answers unknown and malformed ids with 404', async () => {
    expect((await admin.get('/admin/users/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await admin.get('/admin/users/not-a-uuid')).status).toBe(404);
    const resident = await userId('x');
    expect(resident).toBeUndefined();
    const residentId = (await t.owner<{ id: string }>("SELECT id FROM users WHERE kind = 'resident' LIMIT 1")).rows[0]
      .id;
    expect((await admin.get(`/admin/users/${residentId}`)).status).toBe(404);
  });
});
