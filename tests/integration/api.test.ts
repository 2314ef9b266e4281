import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { DEMO_HROMADA } from '../factories/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** A value deep inside parsed JSON. */
const at = (o: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
interface ApiErr {
  error: { code: string; message: string };
  requestId: string;
  errors?: { path: string; message: string }[];
}

/** Inserts a token for a demo user as the owner; returns the secret. */
async function tokenFor(username: string, extra: { expiresAt?: string } = {}) {
  const secret = `tb_${crypto.randomBytes(32).toString('base64url')}`;
  await t.owner(
    `INSERT INTO api_tokens (hromada_id, user_id, name, token_hash, prefix, expires_at)
     SELECT u.home_hromada_id, u.id, 'Тест', $2, $3, $4 FROM users u WHERE u.username = $1`,
    [username, sha(secret), secret.slice(0, 7), extra.expiresAt ?? null],
  );
  return secret;
}

describe('GET /api/v1/me', () => {
  it('answers with the token user, hromada, roles and token', async () => {
    const res = await t.client().get('/api/v1/me', bearer(t.creds.apiToken));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const me = res.json<Record<string, unknown>>();
    const admin = (await t.owner<{ id: string }>("SELECT id FROM users WHERE username = 'admin'")).rows[0];
    expect(me).toMatchObject({
      id: admin.id,
      kind: 'staff',
      displayName: 'Олена Адміністраторка',
      locale: 'uk',
      hromada: { code: DEMO_HROMADA },
      roles: [{ role: 'admin', districtId: null, agencyId: null }],
      token: { name: 'Демо-токен' },
    });
    expect((me.hromada as { name: string }).name).toContain('Старобільська');
    expect((me.token as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes an audit entry with the token user and no token text, and records last use', async () => {
    const res = await t.client().get('/api/v1/me', bearer(t.creds.apiToken));
    const requestId = res.headers.get('x-request-id');
    const { rows } = await t.owner<{
      actor_id: string;
      operation: string;
      action: string;
      ip: string;
      hromada_id: number;
      row: string;
    }>(
      `SELECT a.actor_id, a.operation, a.action, a.ip, a.hromada_id, row_to_json(a)::text AS row
       FROM audit_log a WHERE a.request_id = $1`,
      [requestId],
    );
    expect(rows).toHaveLength(1);
    const admin = (
      await t.owner<{ id: string; home_hromada_id: number }>(
        "SELECT id, home_hromada_id FROM users WHERE username = 'admin'",
      )
    ).rows[0];
    expect(rows[0]).toMatchObject({
      actor_id: admin.id,
      operation: 'read',
      action: 'api.me',
      ip: '127.0.0.1',
      hromada_id: admin.home_hromada_id,
    });
    expect(rows[0].row).not.toContain(t.creds.apiToken);
    expect(rows[0].row).not.toContain(t.creds.apiToken.slice(0, 7));
    expect(rows[0].row).not.toContain(sha(t.creds.apiToken));
    const used = await t.owner<{ last_used_at: Date | null }>(
      'SELECT last_used_at FROM api_tokens WHERE token_hash = $1',
      [sha(t.creds.apiToken)],
    );
    expect(used.rows[0].last_used_at).not.toBeNull();
  });

  it('refuses a request without a token with 401, a Ukrainian message and a Bearer challenge', async () => {
    const res = await t.client().get('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = res.json<ApiErr>();
    expect(body.error.code).toBe('unauthenticated');
    expect(body.error.message).toContain('Потрібен API-токен');
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('refuses another scheme and an unknown token with 401', async () => {
    const basic = await t
      .client()
      .get('/api/v1/me', { authorization: `Basic ${Buffer.from('admin:x').toString('base64')}` });
    expect(basic.status).toBe(401);
    expect(basic.headers.get('www-authenticate')).toContain('error="invalid_request"');
    expect(basic.json<ApiErr>().error.message).toContain('Bearer');
    const unknown = await t.client().get('/api/v1/me', bearer(`tb_${crypto.randomBytes(32).toString('base64url')}`));
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(unknown.json<ApiErr>().error.message).toContain('Токен недійсний');
  });

  it('answers in English when the client asks for it', async () => {
    const res = await t.client().get('/api/v1/me', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(res.status).toBe(401);
    expect(res.json<ApiErr>().error.message).toContain('An API token is required');
  });

  it('does not accept a signed-in session cookie instead of a token', async () => {
    const c = t.client();
    await signInAs(t, c, { username: 'admin' });
    expect((await c.get('/admin/api-tokens')).status).toBe(200);
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });

  it('refuses an expired token and accepts one expiring later', async () => {
    const past = await tokenFor('manager', { expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect((await t.client().get('/api/v1/me', bearer(past))).status).toBe(401);
    const future = await tokenFor('manager', { expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    const ok = await t.client().get('/api/v1/me', bearer(future));
    expect(ok.status).toBe(200);
    expect(ok.json<{ roles: { role: string }[] }>().roles.map((r) => r.role)).toEqual(['manager']);
  });

  it('refuses the token of a deactivated user', async () => {
    const token = await tokenFor('frontdesk');
    expect((await t.client().get('/api/v1/me', bearer(token))).status).toBe(200);
    await t.owner("UPDATE users SET active = false WHERE username = 'frontdesk'");
    const res = await t.client().get('/api/v1/me', bearer(token));
    expect(res.status).toBe(401);
    expect(res.json<ApiErr>().error.code).toBe('unauthenticated');
  });

  it("ends every refused call's transaction: more refusals than pooled connections, then a call still works", async () => {
    // A GET call looks its token up in the statement that opens its transaction; a refusal rolls it back.
    const pool = t.services.db.pool;
    for (let i = 0; i < pool.options.max + 2; i++) {
      expect(
        (await t.client().get('/api/v1/me', bearer(`tb_${crypto.randomBytes(32).toString('base64url')}`))).status,
      ).toBe(401);
    }
    expect(pool.waitingCount).toBe(0);
    const ok = await t.client().get('/api/v1/me', bearer(await tokenFor('manager')));
    expect(ok.status).toBe(200);
    const open = await t.owner<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
    );
    expect(open.rows[0].n).toBe(0);
  });
});

describe('tokens of inactive hromadas', () => {
  it('refuses a token whose hromada is not active', async () => {
    const secret = `tb_${crypto.randomBytes(32).toString('base64url')}`;
    await t.owner(
      `INSERT INTO api_tokens (hromada_id, user_id, name, token_hash, prefix)
       SELECT (SELECT id FROM hromadas WHERE NOT active ORDER BY id LIMIT 1), u.id, 'Неактивна', $1, 'tb_xxxx'
       FROM users u WHERE u.username = 'admin'`,
      [sha(secret)],
    );
    expect((await t.client().get('/api/v1/me', bearer(secret))).status).toBe(401);
  });
});

describe('PATCH /api/v1/me and the shape of bad requests', () => {
  const patch = (body: string, headers: Record<string, string> = {}) =>
    t.client().request('PATCH', '/api/v1/me', {
      body,
      headers: { 'content-type': 'application/json', ...bearer(t.creds.apiToken), ...headers },
    });

  it('answers malformed JSON with 400 JSON when the token is valid, 401 without a token', async () => {
    const res = await patch('{bad');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.json<ApiErr>().error).toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('JSON') as string,
    });
    const anon = await t
      .client()
      .request('PATCH', '/api/v1/me', { body: '{bad', headers: { 'content-type': 'application/json' } });
    expect(anon.status).toBe(401);
  });

  it('answers invalid fields with 400 and Ukrainian field errors, changing nothing', async () => {
    const res = await patch(JSON.stringify({ locale: 'fr' }));
    expect(res.status).toBe(400);
    const body = res.json<ApiErr>();
    expect(body.error.code).toBe('validation');
    expect(body.errors).toEqual([{ path: 'locale', message: 'Допустимі значення: "uk", "en"' }]);
    const missing = await patch(JSON.stringify({ colour: 'red' }));
    expect(missing.json<ApiErr>().errors).toEqual(
      expect.arrayContaining([
        { path: 'locale', message: 'Заповніть це поле' },
        { path: '', message: 'Невідомі поля: colour' },
      ]),
    );
    const typed = await patch(JSON.stringify({ locale: 5 }), { 'accept-language': 'en' });
    expect(typed.json<ApiErr>().errors?.[0].message).toBe('Allowed values: "uk", "en"');
    const refused = await t.owner('SELECT action, operation, reason FROM audit_log WHERE request_id = $1', [
      res.headers.get('x-request-id'),
    ]);
    expect(refused.rows).toEqual([{ action: 'api.me.update', operation: 'write', reason: 'refused: validation' }]);
    const locale = await t.owner("SELECT locale FROM users WHERE username = 'admin'");
    expect(locale.rows[0].locale).toBe('uk');
  });

  it('answers an unsupported content type with 415 and a too large body with 413, as JSON', async () => {
    const text = await patch('locale=en', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(text.status).toBe(415);
    expect(text.json<ApiErr>().error.code).toBe('unsupported_media_type');
    const plain = await patch('hello', { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    const big = await patch(JSON.stringify({ locale: 'en', pad: 'x'.repeat(300 * 1024) }));
    expect(big.status).toBe(413);
    expect(big.json<ApiErr>().error.message).toContain('забагато даних');
  });

  it('changes the language of answers and audits the write', async () => {
    const res = await patch(JSON.stringify({ locale: 'en' }));
    expect(res.status).toBe(200);
    expect(res.json<{ locale: string }>().locale).toBe('en');
    const audit = await t.owner('SELECT operation, action, fields FROM audit_log WHERE request_id = $1', [
      res.headers.get('x-request-id'),
    ]);
    expect(audit.rows[0]).toMatchObject({ operation: 'write', action: 'api.me.update', fields: ['locale'] });
    const bad = await patch(JSON.stringify({ locale: 'fr' }));
    expect(bad.json<ApiErr>().error.message).toBe('Check the data you entered.');
    await patch(JSON.stringify({ locale: 'uk' }));
  });
});

describe('OpenAPI document and rate limit', () => {
  it('serves an OpenAPI 3.1 document generated from the zod schemas, without a token', async () => {
    const res = await t.client().get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.json();
    expect(at(doc, 'openapi')).toBe('3.1.0');
    expect(at(doc, 'info', 'title')).toBe('Турбота API');
    expect(at(doc, 'components', 'securitySchemes', 'bearerAuth')).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(at(doc, 'security')).toEqual([{ bearerAuth: [] }]);
    const me = at(doc, 'paths', '/me', 'get');
    const schema = at(me, 'responses', '200', 'content', 'application/json', 'schema');
    expect(at(schema, 'properties', 'displayName', 'type')).toBe('string');
    expect(at(schema, 'properties', 'hromada', 'properties', 'code', 'description')).toBe('Код громади за КАТОТТГ');
    expect(at(schema, 'properties', 'roles', 'items', 'properties', 'role', 'enum')).toContain('starosta');
    expect(at(me, 'responses', '401', '$ref')).toBe('#/components/responses/Unauthenticated');
    const patch = at(doc, 'paths', '/me', 'patch');
    expect(at(patch, 'requestBody', 'content', 'application/json', 'schema', 'properties', 'locale', 'enum')).toEqual([
      'uk',
      'en',
    ]);
    expect(at(patch, 'responses', '400', '$ref')).toBe('#/components/responses/ValidationError');
    expect(at(doc, 'paths', '/openapi.json', 'get', 'security')).toEqual([]);
    expect(at(doc, 'components', 'schemas', 'ValidationError', 'properties', 'errors', 'items', 'required')).toEqual([
      'path',
      'message',
    ]);
    expect(at(doc, 'components', 'schemas', 'ApiError', 'properties', 'error', 'properties', 'code', 'type')).toBe(
      'string',
    );
  });

  it('limits requests per token with a 429 JSON answer, other tokens unaffected', async () => {
    const noisy = bearer(`tb_${crypto.randomBytes(32).toString('base64url')}`);
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const batch = await Promise.all(Array.from({ length: 20 }, () => t.client().get('/api/v1/me', noisy)));
      statuses.push(...batch.map((r) => r.status));
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
    const limited = await t.client().get('/api/v1/me', noisy);
    expect(limited.status).toBe(429);
    expect(limited.json<ApiErr>().error.code).toBe('rate_limited');
    expect((await t.client().get('/api/v1/me', bearer(t.creds.apiToken))).status).toBe(200);
  });
});
