import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';

let t: TestApp;
let demoHromadaId: number;

type Who = 'admin' | 'manager' | 'worker' | 'frontdesk' | 'starosta' | 'provider' | 'children' | 'resident' | 'anonymous';
/** 200 = allowed; 403 = forbidden; 'login' = sent to sign in. */
type Outcome = 200 | 403 | 'login';

const PAGES = ['/staff', '/admin/users', '/admin/users/new', '/admin/hromadas', '/admin/hromadas/:demo', '/audit'] as const;

const MATRIX: Record<Who, Record<(typeof PAGES)[number], Outcome>> = {
  //          staff home   users list          new user                hromadas list          own hromada setup             audit
  admin:     { '/staff': 200, '/admin/users': 200, '/admin/users/new': 200, '/admin/hromadas': 200, '/admin/hromadas/:demo': 200, '/audit': 200 },
  manager:   { '/staff': 200, '/admin/users': 403, '/admin/users/new': 403, '/admin/hromadas': 403, '/admin/hromadas/:demo': 403, '/audit': 200 },
  worker:    { '/staff': 200, '/admin/users': 403, '/admin/users/new': 403, '/admin/hromadas': 403, '/admin/hromadas/:demo': 403, '/audit': 403 },
  frontdesk: { '/staff': 200, '/admin/users': 403, '/admin/users/new': 403, '/admin/hromadas': 403, '/admin/hromadas/:demo': 403, '/audit': 403 },
  starosta:  { '/staff': 200, '/admin/users': 403, '/admin/users/new': 403, '/admin/hromadas': 403, '/admin/hromadas/:demo': 403, '/audit': 403 },
  provider:  { '/staff': 200, '/admin/users': 403, '/admin/users/new': 403, '/admin/hromadas': 403, '/admin/hromadas/:demo': 403, '/audit': 403 },
  children:  { '/staff': 200, '/admin/users': 403, '/admin/users/new': 403, '/admin/hromadas': 403, '/admin/hromadas/:demo': 403, '/audit': 403 },
  resident:  { '/staff': 'login', '/admin/users': 403, '/admin/users/new': 403, '/admin/hromadas': 403, '/admin/hromadas/:demo': 403, '/audit': 403 },
  anonymous: { '/staff': 'login', '/admin/users': 'login', '/admin/users/new': 'login', '/admin/hromadas': 'login', '/admin/hromadas/:demo': 'login', '/audit': 'login' },
};

const clients = new Map<Who, HttpClient>();

beforeAll(async () => {
  t = await startTestApp();
  demoHromadaId = (await t.owner<{ id: number }>("SELECT id FROM hromadas WHERE code = 'UA44140110000056578'")).rows[0].id;
  for (const who of Object.keys(MATRIX) as Who[]) {
    const c = t.client();
    if (who === 'resident') await signInAs(t, c, { email: 'resident@example.com' });
    else if (who !== 'anonymous') await signInAs(t, c, { username: who });
    clients.set(who, c);
  }
});
afterAll(async () => { await t.close(); });

const cases = (Object.keys(MATRIX) as Who[]).flatMap((who) => PAGES.map((page) => ({ who, page, expected: MATRIX[who][page] })));

describe('who may open which page', () => {
  it.each(cases)('$who → $page: $expected', async ({ who, page, expected }) => {
    const res = await clients.get(who)!.get(page.replace(':demo', String(demoHromadaId)));
    if (expected === 'login') {
      expect(res.status).toBe(302);
      expect(res.location).toBe('/login');
    } else {
      expect(res.status).toBe(expected);
      if (expected === 403) expect(res.text).toContain('немає доступу');
    }
  });

  it('a hromada administrator who is not a superadmin manages their own hromada\'s districts, not the list of hromadas', async () => {
    await t.owner("UPDATE users SET is_superadmin = false WHERE username = 'admin'");
    try {
      const c = t.client();
      await signInAs(t, c, { username: 'admin' });
      expect((await c.get(`/admin/hromadas/${demoHromadaId}`)).status).toBe(200);
      expect((await c.get('/admin/hromadas')).status).toBe(403);
      const other = (await t.owner<{ id: number }>("SELECT id FROM hromadas WHERE code <> 'UA44140110000056578' LIMIT 1")).rows[0].id;
      expect((await c.get(`/admin/hromadas/${other}`)).status).toBe(403);
    } finally {
      await t.owner("UPDATE users SET is_superadmin = true WHERE username = 'admin'");
    }
  });

  it('a signed-in staff member whose account is deactivated is treated as signed out', async () => {
    const c = t.client();
    await signInAs(t, c, { username: 'children' });
    await t.owner("UPDATE users SET active = false WHERE username = 'children'");
    try {
      expect((await c.get('/audit')).location).toBe('/login');
    } finally {
      await t.owner("UPDATE users SET active = true WHERE username = 'children'");
    }
  });
});
