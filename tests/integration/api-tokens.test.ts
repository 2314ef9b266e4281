import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { newHromada } from '../factories/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const SECRET = /id="secret"[^>]*value="(tb_[A-Za-z0-9_-]{43})"/;

async function adminClient(): Promise<HttpClient> {
  const c = t.client();
  await signInAs(t, c, { username: 'admin' });
  await c.get('/admin/api-tokens');
  return c;
}

async function createToken(c: HttpClient, name: string, expiresOn = ''): Promise<string> {
  const res = await c.post('/admin/api-tokens', { name, expiresOn });
  expect(res.status).toBe(200);
  const m = SECRET.exec(res.text);
  if (!m) throw new Error('no secret on the result page');
  return m[1];
}

const tokenCount = async () => Number((await t.owner('SELECT count(*) AS n FROM api_tokens')).rows[0].n);

describe('API token pages', () => {
  it('are closed to staff without apiTokens.manage (403) and to visitors (login)', async () => {
    const c = t.client();
    await signInAs(t, c, { username: 'worker' });
    const page = await c.get('/admin/api-tokens');
    expect(page.status).toBe(403);
    expect(page.text).toContain('немає доступу');
    const before = await tokenCount();
    const post = await c.post('/admin/api-tokens', { name: 'Спроба' });
    expect(post.status).toBe(403);
    expect(await tokenCount()).toBe(before);
    const anon = await t.client().get('/admin/api-tokens');
    expect(anon.status).toBe(302);
    expect(anon.location).toBe('/login');
  });

  it("list the hromada's tokens with name, prefix and owner", async () => {
    const res = await (await adminClient()).get('/admin/api-tokens');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Демо-токен');
    expect(res.text).toContain(`${t.creds.apiToken.slice(0, 7)}…`);
    expect(res.text).toContain('Олена Адміністраторка');
    expect(res.text).not.toContain(t.creds.apiToken);
  });

  it('show a new secret once, store only its hash, and the secret works', async () => {
    const c = await adminClient();
    // A day within the year a token may live (issue 9: every token expires, at most a year ahead).
    const day = (
      await t.owner<{ iso: string; uk: string; end: Date }>(
        `SELECT to_char(d, 'YYYY-MM-DD') AS iso, to_char(d, 'DD.MM.YYYY') AS uk, ((d + 1)::timestamp AT TIME ZONE 'Europe/Kyiv') AS end
       FROM (SELECT (now() AT TIME ZONE 'Europe/Kyiv')::date + 200 AS d) x`,
      )
    ).rows[0];
    const res = await c.post('/admin/api-tokens', { name: 'Звіти для області', expiresOn: day.uk });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const secret = SECRET.exec(res.text)?.[1] ?? '';
    expect(secret).not.toBe('');
    expect(res.text).toContain(day.uk);
    const { rows } = await t.owner<{ id: string; token_hash: string; prefix: string; expires_at: Date; row: string }>(
      "SELECT id, token_hash, prefix, expires_at, row_to_json(t)::text AS row FROM api_tokens t WHERE name = 'Звіти для області'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(sha(secret));
    expect(rows[0].prefix).toBe(secret.slice(0, 7));
    expect(rows[0].row).not.toContain(secret);
    expect(rows[0].expires_at.toISOString()).toBe(day.end.toISOString());
    const audit = await t.owner(
      'SELECT action, operation, entity_id, row_to_json(a)::text AS row FROM audit_log a WHERE request_id = $1',
      [res.headers.get('x-request-id')],
    );
    expect(audit.rows[0]).toMatchObject({ action: 'apiTokens.create', operation: 'admin', entity_id: rows[0].id });
    expect(audit.rows[0].row).not.toContain(secret);
    const list = await c.get('/admin/api-tokens');
    expect(list.text).toContain('Звіти для області');
    expect(list.text).not.toContain(secret);
    const me = await t.client().get('/api/v1/me', { authorization: `Bearer ${secret}` });
    expect(me.status).toBe(200);
    expect(me.json<{ token: { id: string; name: string } }>().token).toEqual({
      id: rows[0].id,
      name: 'Звіти для області',
    });
  });

  it('re-render the form with Ukrainian errors for bad input, creating nothing', async () => {
    const c = await adminClient();
    const before = await tokenCount();
    const empty = await c.post('/admin/api-tokens', { name: '  ', expiresOn: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Введіть назву токена');
    expect(empty.text).toContain('govuk-error-summary');
    const badDate = await c.post('/admin/api-tokens', { name: 'Дата', expiresOn: '31.02.2030' });
    expect(badDate.status).toBe(400);
    expect(badDate.text).toContain('дд.мм.рррр');
    expect(badDate.text).toContain('value="Дата"');
    const past = await c.post('/admin/api-tokens', { name: 'Минуле', expiresOn: '01.01.2020' });
    expect(past.status).toBe(400);
    expect(past.text).toContain('не може бути в минулому');
    expect(await tokenCount()).toBe(before);
  });

  it('require the CSRF token for creating and revoking', async () => {
    const c = await adminClient();
    const before = await tokenCount();
    expect((await c.post('/admin/api-tokens', { _csrf: null, name: 'Без CSRF' })).status).toBe(403);
    expect((await c.post('/admin/api-tokens', { _csrf: 'forged', name: 'Підроблений' })).status).toBe(403);
    expect(await tokenCount()).toBe(before);
    const secret = await createToken(c, 'Для відкликання без CSRF');
    const id = (await t.owner('SELECT id FROM api_tokens WHERE token_hash = $1', [sha(secret)])).rows[0].id as string;
    expect((await c.post(`/admin/api-tokens/${id}/revoke`, { _csrf: null })).status).toBe(403);
    expect((await t.client().get('/api/v1/me', { authorization: `Bearer ${secret}` })).status).toBe(200);
  });

  it('revoke after a confirmation page; the token stops working at once', async () => {
    const c = await adminClient();
    const secret = await createToken(c, 'Тимчасовий');
    const api = () => t.client().get('/api/v1/me', { authorization: `Bearer ${secret}` });
    // A call with a body: its token is checked before the body is read (a token found valid is remembered for a few
    // seconds for that) and again in the statement that opens the call, which is what refuses it once revoked.
    const withBody = () =>
      fetch(`${t.baseUrl}/api/v1/persons/search`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ q: 'Шевченко' }),
      });
    expect((await api()).status).toBe(200);
    expect((await withBody()).status).not.toBe(401);
    const id = (await t.owner('SELECT id FROM api_tokens WHERE token_hash = $1', [sha(secret)])).rows[0].id as string;
    const confirm = await c.get(`/admin/api-tokens/${id}/revoke`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Відкликати токен «Тимчасовий»');
    const res = await c.post(`/admin/api-tokens/${id}/revoke`);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/admin/api-tokens?revoked=1');
    const revoked = await api();
    expect(revoked.status).toBe(401);
    expect((await withBody()).status).toBe(401);
    expect(revoked.json<{ error: { message: string } }>().error.message).toContain('відкликано');
    const list = await c.follow(res);
    expect(list.text).toContain('Токен відкликано');
    expect(list.text).toMatch(/Відкликано \d{2}\.\d{2}\.\d{4}/);
    const audit = await t.owner(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'apiTokens.revoke' AND entity_id = $1",
      [id],
    );
    expect(Number(audit.rows[0].n)).toBe(1);
    expect((await c.post(`/admin/api-tokens/${id}/revoke`)).status).toBe(303);
    const again = await t.owner(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'apiTokens.revoke' AND entity_id = $1",
      [id],
    );
    expect(Number(again.rows[0].n)).toBe(1);
  });

  it("answer 404 for unknown tokens and for another hromada's token", async () => {
    const c = await adminClient();
    expect((await c.get(`/admin/api-tokens/${crypto.randomUUID()}/revoke`)).status).toBe(404);
    expect((await c.get('/admin/api-tokens/not-a-uuid/revoke')).status).toBe(404);
    const h = await newHromada(t);
    const other = await t.owner<{ id: string }>(
      `INSERT INTO api_tokens (hromada_id, user_id, name, token_hash, prefix)
       SELECT $2, u.id, 'Чужий', $1, 'tb_xxxx' FROM users u WHERE u.username = 'admin' RETURNING id`,
      [sha('other'), h.id],
    );
    const foreign = other.rows[0].id;
    expect((await c.get(`/admin/api-tokens/${foreign}/revoke`)).status).toBe(404);
    expect((await c.post(`/admin/api-tokens/${foreign}/revoke`)).status).toBe(404);
    expect((await c.get('/admin/api-tokens')).text).not.toContain('Чужий');
    const still = await t.owner('SELECT revoked_at FROM api_tokens WHERE id = $1', [foreign]);
    expect(still.rows[0].revoked_at).toBeNull();
  });
});
