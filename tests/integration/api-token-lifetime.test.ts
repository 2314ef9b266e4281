import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useAdminFixture } from '../helpers/admin.js';
import { createStaffUser } from '../helpers/login.js';

const f = useAdminFixture();
const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const SECRET = /id="secret"[^>]*value="(tb_[A-Za-z0-9_-]{43})"/;

/** A token of `userId` in the demo hromada, written as the app stores it (hash only). */
async function tokenOf(userId: string): Promise<string> {
  const token = `tb_${crypto.randomBytes(24).toString('base64url')}`;
  await f.t.owner(
    'INSERT INTO api_tokens (hromada_id, user_id, name, token_hash, prefix) VALUES ($1, $2, $3, $4, $5)',
    [f.hromadaId, userId, 'Тест', sha(token), token.slice(0, 7)],
  );
  return token;
}
const me = (token: string) => f.t.client().get('/api/v1/me', { authorization: `Bearer ${token}` });
const kyivDay = async (plusDays: number) =>
  (
    await f.t.owner<{ uk: string; end: Date }>(
      `SELECT to_char(d, 'DD.MM.YYYY') AS uk, ((d + 1)::timestamp AT TIME ZONE 'Europe/Kyiv') AS end
   FROM (SELECT (now() AT TIME ZONE 'Europe/Kyiv')::date + $1::int AS d) x`,
      [plusDays],
    )
  ).rows[0];

describe('every API token expires', () => {
  it('gets 90 days when no day is chosen, shown on the result page and in the list', async () => {
    await f.admin.get('/admin/api-tokens');
    const page = await f.admin.get('/admin/api-tokens');
    const in90 = await kyivDay(90);
    expect(page.text).toContain(`до ${in90.uk} включно`);
    const res = await f.admin.post('/admin/api-tokens', { name: 'Без дати', expiresOn: '' });
    expect(res.status).toBe(200);
    const secret = SECRET.exec(res.text)![1];
    const row = (
      await f.t.owner<{ expires_at: Date }>('SELECT expires_at FROM api_tokens WHERE token_hash = $1', [sha(secret)])
    ).rows[0];
    expect(row.expires_at.toISOString()).toBe(in90.end.toISOString());
    expect(res.text).toContain(`Діє до ${in90.uk} включно`);
    const list = await f.admin.get('/admin/api-tokens');
    expect(list.text).toContain(`Діє до ${in90.uk} включно`);
    expect(list.text).not.toContain('без обмеження строку');
  });

  it('may be chosen up to a year ahead, not further', async () => {
    await f.admin.get('/admin/api-tokens');
    const tooFar = await f.admin.post('/admin/api-tokens', { name: 'Задовгий', expiresOn: (await kyivDay(366)).uk });
    expect(tooFar.status).toBe(400);
    expect(tooFar.text).toContain('щонайбільше рік');
    expect((await f.t.owner("SELECT 1 FROM api_tokens WHERE name = 'Задовгий'")).rowCount).toBe(0);
    const year = await kyivDay(365);
    const ok = await f.admin.post('/admin/api-tokens', { name: 'Рік', expiresOn: year.uk });
    expect(ok.status).toBe(200);
  });

  it('stops working when it expires, and the database gives every token an end', async () => {
    const token = await tokenOf(f.adminId);
    expect((await me(token)).status).toBe(200);
    const row = (
      await f.t.owner<{ days: number }>(
        'SELECT round(extract(epoch FROM expires_at - now()) / 86400)::int AS days FROM api_tokens WHERE token_hash = $1',
        [sha(token)],
      )
    ).rows[0];
    expect(row.days).toBe(90);
    await f.t.owner("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1", [
      sha(token),
    ]);
    expect((await me(token)).status).toBe(401);
    await expect(
      f.t.owner('UPDATE api_tokens SET expires_at = NULL WHERE token_hash = $1', [sha(token)]),
    ).rejects.toThrow(/null/);
  });
});

describe("an API token does not outlive its user's credentials", () => {
  it('is revoked when an administrator resets the password (reason «compromised»)', async () => {
    const id = await f.createUser('tok.reset', { passwordChanged: true });
    await f.admin.post(`/admin/users/${id}/grants`, { role: 'worker', districtId: '', agencyId: '' });
    const token = await tokenOf(id);
    expect((await me(token)).status).toBe(200);
    await f.admin.get(`/admin/users/${id}/password`);
    const res = await f.admin.post(`/admin/users/${id}/password`, { reason: 'compromised' });
    expect(res.status).toBe(200);
    expect((await me(token)).status).toBe(401);
    // Even after the user sets a password of their own again.
    await f.t.owner('UPDATE users SET must_change_password = false WHERE id = $1', [id]);
    expect((await me(token)).status).toBe(401);
    expect((await f.auditRows('user.password_reset', id)).rows[0].fields).toContain('api_tokens');
  });

  it('is revoked on deactivation and does not come back on reactivation', async () => {
    const id = await f.createUser('tok.off', { passwordChanged: true });
    await f.admin.post(`/admin/users/${id}/grants`, { role: 'worker', districtId: '', agencyId: '' });
    const token = await tokenOf(id);
    expect((await me(token)).status).toBe(200);
    expect((await f.admin.post(`/admin/users/${id}/deactivate`, { reason: 'звільнення' })).status).toBe(303);
    expect((await me(token)).status).toBe(401);
    expect((await f.admin.post(`/admin/users/${id}/reactivate`, {})).status).toBe(303);
    expect((await me(token)).status).toBe(401);
  });

  it('is revoked when a role is removed and does not come back when it is given again', async () => {
    const id = await f.createUser('tok.grant', { passwordChanged: true });
    await f.admin.get(`/admin/users/${id}`);
    await f.admin.post(`/admin/users/${id}/grants`, { role: 'worker', districtId: '', agencyId: '' });
    const token = await tokenOf(id);
    expect((await me(token)).status).toBe(200);
    const grant = (await f.t.owner<{ id: number }>('SELECT id FROM grants WHERE user_id = $1', [id])).rows[0].id;
    expect((await f.admin.post(`/admin/users/${id}/grants/${grant}/remove`, { reason: '' })).status).toBe(303);
    expect((await me(token)).status).toBe(401);
    await f.admin.get(`/admin/users/${id}`);
    expect(
      (await f.admin.post(`/admin/users/${id}/grants`, { role: 'worker', districtId: '', agencyId: '' })).status,
    ).toBe(303);
    expect((await me(token)).status).toBe(401);
    expect((await f.auditRows('grant.remove', String(grant))).rows[0].fields).toContain('api_tokens');
  });

  it('gets 403 while its user has a temporary password, like the pages', async () => {
    const { userId } = await createStaffUser(f.t, 'tok.temp', { enrolled: true });
    const token = await tokenOf(userId);
    expect((await me(token)).status).toBe(200);
    await f.t.owner('UPDATE users SET must_change_password = true WHERE id = $1', [userId]);
    const refused = await me(token);
    expect(refused.status).toBe(403);
    expect(refused.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'forbidden' });
    expect(refused.json<{ error: { message: string } }>().error.message).toContain('тимчасовий пароль');
    const body = await f.t.client().request('POST', '/api/v1/persons', {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(body.status).toBe(403);
    await f.t.owner('UPDATE users SET must_change_password = false WHERE id = $1', [userId]);
    expect((await me(token)).status).toBe(200);
  });
});
