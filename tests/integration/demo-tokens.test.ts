import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { DEMO_STAFF, demoCredentials, workingDemoTokens, type DemoCredentials } from '../../db/seed/demo.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const get = (token: string, url: string) => t.client().get(`/api/v1${url}`, { authorization: `Bearer ${token}` });

describe('demo API tokens', () => {
  it('every demo staff user has its own working token; the administrator’s is DEMO_API_TOKEN', async () => {
    const tokens = t.creds.apiTokens;
    expect(tokens.admin).toBe(t.creds.apiToken);
    expect(new Set(Object.values(tokens)).size).toBe(DEMO_STAFF.length);
    for (const u of DEMO_STAFF) {
      const me = await get(tokens[u], '/me');
      expect(me.status, u).toBe(200);
      expect(me.text, u).toContain(`"${u}"`);
    }
    const expires = await t.owner<{ days: number }>(
      "SELECT min(expires_at::date - current_date)::int AS days FROM api_tokens WHERE name = 'Демо-токен'",
    );
    expect(expires.rows[0].days).toBeGreaterThan(300);
    expect(await workingDemoTokens(t.services, t.creds)).toEqual(tokens);
  });

  it('each token can do what its role can, and only that', async () => {
    const k = t.creds.apiTokens;
    const status = async (u: keyof typeof k, url: string) => (await get(k[u], url)).status;
    // The administrator: the catalogue and its own account; no personal data (not its role's).
    expect(await status('admin', '/services')).toBe(200);
    expect(await status('admin', '/persons?q=Шевченко')).toBe(403);
    for (const u of ['manager', 'worker'] as const) {
      expect(await status(u, '/persons?q=Шевченко'), u).toBe(200);
      expect(await status(u, '/applications'), u).toBe(200);
      expect(await status(u, '/assignments'), u).toBe(200);
    }
    expect(await status('frontdesk', '/applications')).toBe(200);
    expect(await status('frontdesk', '/assignments')).toBe(403);
    expect(await status('starosta', '/persons?q=Шевченко')).toBe(200);
    expect(await status('starosta', '/applications')).toBe(200);
    expect(await status('provider', '/assignments')).toBe(200);
    expect(await status('provider', '/applications')).toBe(403);
    expect(await status('children', '/persons?q=Шевченко')).toBe(200);
    expect(await status('children', '/applications')).toBe(403);
    for (const u of DEMO_STAFF) expect(await status(u, '/services'), u).toBe(200);
  });

  it('a revoked demo token is not printed', async () => {
    await t.owner('UPDATE api_tokens SET revoked_at = now() WHERE token_hash = $1', [
      crypto.createHash('sha256').update(t.creds.apiTokens.children).digest('hex'),
    ]);
    const working = await workingDemoTokens(t.services, t.creds);
    expect(working.children).toBeUndefined();
    expect(working.worker).toBe(t.creds.apiTokens.worker);
  });

  it('are kept in demo-credentials.json under apiTokens by username, and survive a restart', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turbota-creds-'));
    try {
      const first = demoCredentials({ DEMO_API_TOKEN: 'tb_given_admin_token_0123456789' }, dir);
      const saved = JSON.parse(fs.readFileSync(path.join(dir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
      expect(Object.keys(saved.apiTokens).sort()).toEqual([...DEMO_STAFF].sort());
      expect(saved.apiTokens.admin).toBe('tb_given_admin_token_0123456789');
      expect(saved.apiToken).toBe('tb_given_admin_token_0123456789');
      expect(saved.apiTokens.worker).toMatch(/^tb_/);
      expect(demoCredentials({}, dir)).toEqual(first);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
