import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { apiTokenFor } from '../helpers/api.js';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = await apiTokenFor(t, 'manager');
});
afterAll(async () => {
  await t.close();
});

const call = (method: string, path: string, auth: string | null, body?: string) =>
  t.client().request(method, path, {
    headers: {
      ...(auth ? { authorization: `Bearer ${auth}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body,
  });

describe('every API answer has Cache-Control: no-store', () => {
  it('on success, on every kind of error, and on the public OpenAPI document', async () => {
    const personId = crypto.randomUUID();
    const answers = [
      await call('GET', '/api/v1/me', token),
      await call('GET', '/api/v1/persons?q=Коваль', token),
      await call('GET', `/api/v1/persons/${personId}`, token),
      await call('GET', '/api/v1/me', null),
      await call('GET', '/api/v1/me', 'tb_not-a-real-token-0123456789'),
      await call('GET', '/api/v1/no-such-route', token),
      await call('GET', '/api/nothing-here', null),
      await call('POST', '/api/v1/persons', token, '{broken json'),
      await call('POST', '/api/v1/persons', token, '{}'),
      await call('GET', '/api/v1/openapi.json', null),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 404, 401, 401, 404, 404, 400, 400, 200]);
    for (const r of answers) expect(r.headers.get('cache-control'), `status ${r.status}`).toBe('no-store');
  });

  it('on the rate limiter’s 429', async () => {
    const limited = await startTestApp({ env: { API_RATE_PER_MINUTE: '2' } });
    try {
      const tk = await apiTokenFor(limited, 'manager');
      const get = () => limited.client().request('GET', '/api/v1/me', { headers: { authorization: `Bearer ${tk}` } });
      await get();
      await get();
      const res = await get();
      expect(res.status).toBe(429);
      expect(res.headers.get('cache-control')).toBe('no-store');
    } finally {
      await limited.close();
    }
  });
});
