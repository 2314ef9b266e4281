import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { apiTokenFor } from '../helpers/api.js';
import {
  application as applicationOf,
  DEMO_HROMADA,
  demoHromada,
  household as householdOf,
  newHromada,
  person as personOf,
  service as serviceOf,
} from '../factories/index.js';

let t: TestApp;
let demoHromadaId: number;

type Who =
  'admin' | 'manager' | 'worker' | 'frontdesk' | 'starosta' | 'provider' | 'children' | 'resident' | 'anonymous';
/** 200 = allowed; 403 = forbidden; 'login' = sent to sign in. */
type Outcome = 200 | 403 | 'login';

const PAGES = [
  '/staff',
  '/admin/users',
  '/admin/users/new',
  '/admin/hromadas',
  '/admin/hromadas/:demo',
  '/audit',
  '/contracts',
  '/social-orders',
] as const;

const MATRIX: Record<Who, Record<(typeof PAGES)[number], Outcome>> = {
  //          staff home   users list          new user                hromadas list          own hromada setup             audit
  admin: {
    '/staff': 200,
    '/admin/users': 200,
    '/admin/users/new': 200,
    '/admin/hromadas': 200,
    '/admin/hromadas/:demo': 200,
    '/audit': 200,
    '/contracts': 403,
    '/social-orders': 200,
  },
  manager: {
    '/staff': 200,
    '/admin/users': 403,
    '/admin/users/new': 403,
    '/admin/hromadas': 403,
    '/admin/hromadas/:demo': 403,
    '/audit': 200,
    '/contracts': 200,
    '/social-orders': 200,
  },
  worker: {
    '/staff': 200,
    '/admin/users': 403,
    '/admin/users/new': 403,
    '/admin/hromadas': 403,
    '/admin/hromadas/:demo': 403,
    '/audit': 403,
    '/contracts': 200,
    '/social-orders': 200,
  },
  frontdesk: {
    '/staff': 200,
    '/admin/users': 403,
    '/admin/users/new': 403,
    '/admin/hromadas': 403,
    '/admin/hromadas/:demo': 403,
    '/audit': 403,
    '/contracts': 403,
    '/social-orders': 403,
  },
  starosta: {
    '/staff': 200,
    '/admin/users': 403,
    '/admin/users/new': 403,
    '/admin/hromadas': 403,
    '/admin/hromadas/:demo': 403,
    '/audit': 403,
    '/contracts': 403,
    '/social-orders': 403,
  },
  provider: {
    '/staff': 200,
    '/admin/users': 403,
    '/admin/users/new': 403,
    '/admin/hromadas': 403,
    '/admin/hromadas/:demo': 403,
    '/audit': 403,
    '/contracts': 200,
    '/social-orders': 403,
  },
  children: {
    '/staff': 200,
    '/admin/users': 403,
    '/admin/users/new': 403,
    '/admin/hromadas': 403,
    '/admin/hromadas/:demo': 403,
    '/audit': 403,
    '/contracts': 403,
    '/social-orders': 403,
  },
  resident: {
    '/staff': 'login',
    '/admin/users': 403,
    '/admin/users/new': 403,
    '/admin/hromadas': 403,
    '/admin/hromadas/:demo': 403,
    '/audit': 403,
    '/contracts': 403,
    '/social-orders': 403,
  },
  anonymous: {
    '/staff': 'login',
    '/admin/users': 'login',
    '/admin/users/new': 'login',
    '/admin/hromadas': 'login',
    '/admin/hromadas/:demo': 'login',
    '/audit': 'login',
    '/contracts': 'login',
    '/social-orders': 'login',
  },
};

const clients = new Map<Who, HttpClient>();

beforeAll(async () => {
  t = await startTestApp();
  demoHromadaId = (await demoHromada(t)).id;
  for (const who of Object.keys(MATRIX) as Who[]) {
    const c = t.client();
    if (who === 'resident') await signInAs(t, c, { email: 'resident@example.com' });
    else if (who !== 'anonymous') await signInAs(t, c, { username: who });
    clients.set(who, c);
  }
});
afterAll(async () => {
  await t.close();
});

const cases = (Object.keys(MATRIX) as Who[]).flatMap((who) =>
  PAGES.map((page) => ({ who, page, expected: MATRIX[who][page] })),
);

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

  it("a hromada administrator who is not a superadmin manages their own hromada's districts, not the list of hromadas", async () => {
    await t.owner("UPDATE users SET is_superadmin = false WHERE username = 'admin'");
    try {
      const c = t.client();
      await signInAs(t, c, { username: 'admin' });
      expect((await c.get(`/admin/hromadas/${demoHromadaId}`)).status).toBe(200);
      expect((await c.get('/admin/hromadas')).status).toBe(403);
      const other = (await t.owner<{ id: number }>('SELECT id FROM hromadas WHERE code <> $1 LIMIT 1', [DEMO_HROMADA]))
        .rows[0].id;
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

/**
 * Every role × every personal-data route × a record within the role's reach, beyond it, and of
 * another hromada. The rules below are the policy written out for the test (src/platform/policy.ts):
 * h = the whole hromada, d = the starosta's district, a = the provider's agency's clients.
 * "allowed" = the route answers with the record (its name in the page, file or JSON); "denied" =
 * 401/403/404 or a redirect to sign in, and the name nowhere in the answer.
 */
describe('who reaches which personal data', () => {
  type Reach = 'h' | 'd' | 'a';
  type Rule = Partial<Record<Who, Reach>>;
  const READ: Rule = { manager: 'h', worker: 'h', frontdesk: 'h', children: 'h', starosta: 'd', provider: 'a' };
  const WRITE: Rule = { manager: 'h', worker: 'h', frontdesk: 'h', starosta: 'd', children: 'h' };
  const APPLICATIONS: Rule = { manager: 'h', worker: 'h', frontdesk: 'h', starosta: 'd' };
  const ASSIGNMENTS: Rule = { manager: 'h', worker: 'h', starosta: 'd', provider: 'a' };
  const MANAGER: Rule = { manager: 'h' };
  type Where = 'in' | 'out' | 'other';
  interface Rec {
    person: string;
    twin: string;
    name: string;
    household: string;
    application: string;
    assignment: string;
  }
  const recs = {} as Record<Where, Rec>;
  const tokens = new Map<Who, string>();

  interface Route {
    name: string;
    rule: Rule;
    api?: boolean;
    kind?: 'list' | 'file';
    /** What in the answer shows the record (default: the person's name); the search page repeats the query, so there the id. */
    probe?: (r: Rec) => string;
    request: (r: Rec) => { method: 'GET' | 'POST'; path: string; body?: Record<string, unknown> };
  }
  const ROUTES: Route[] = [
    { name: 'person card', rule: READ, request: (r) => ({ method: 'GET', path: `/persons/${r.person}` }) },
    { name: 'person edit form', rule: WRITE, request: (r) => ({ method: 'GET', path: `/persons/${r.person}/edit` }) },
    {
      name: 'account linking form',
      rule: WRITE,
      request: (r) => ({ method: 'GET', path: `/cabinet-links/new?personId=${r.person}` }),
    },
    { name: 'household', rule: READ, request: (r) => ({ method: 'GET', path: `/households/${r.household}` }) },
    {
      name: 'application',
      rule: APPLICATIONS,
      request: (r) => ({ method: 'GET', path: `/applications/${r.application}` }),
    },
    {
      name: 'assignment',
      rule: ASSIGNMENTS,
      request: (r) => ({ method: 'GET', path: `/assignments/${r.assignment}` }),
    },
    {
      name: 'merge comparison',
      rule: MANAGER,
      request: (r) => ({ method: 'GET', path: `/persons/merge?a=${r.person}&b=${r.twin}` }),
    },
    {
      name: 'subject report',
      rule: MANAGER,
      kind: 'file',
      request: (r) => ({ method: 'GET', path: `/persons/${r.person}/subject-report` }),
    },
    {
      name: 'registry search',
      rule: READ,
      kind: 'list',
      probe: (r) => r.person,
      request: (r) => ({ method: 'POST', path: '/persons/search', body: { q: r.name } }),
    },
    {
      name: 'registry export',
      rule: MANAGER,
      kind: 'list',
      request: (r) => ({ method: 'POST', path: '/persons/export', body: { q: r.name, format: 'csv' } }),
    },
    {
      name: 'API person',
      rule: READ,
      api: true,
      request: (r) => ({ method: 'GET', path: `/api/v1/persons/${r.person}` }),
    },
    {
      name: 'API search',
      rule: READ,
      api: true,
      kind: 'list',
      probe: (r) => r.person,
      request: (r) => ({ method: 'POST', path: '/api/v1/persons/search', body: { q: r.name } }),
    },
    {
      name: 'API household',
      rule: READ,
      api: true,
      request: (r) => ({ method: 'GET', path: `/api/v1/households/${r.household}` }),
    },
    {
      name: 'API application',
      rule: APPLICATIONS,
      api: true,
      probe: (r) => r.person,
      request: (r) => ({ method: 'GET', path: `/api/v1/applications/${r.application}` }),
    },
    {
      name: 'API assignment',
      rule: ASSIGNMENTS,
      api: true,
      probe: (r) => r.person,
      request: (r) => ({ method: 'GET', path: `/api/v1/assignments/${r.assignment}` }),
    },
  ];

  const allowed = (who: Who, rule: Rule, where: Where) => {
    const reach = rule[who];
    if (!reach || where === 'other') return false;
    return reach === 'h' || where === 'in';
  };

  beforeAll(async () => {
    const h = demoHromadaId;
    const q = <R extends Record<string, unknown>>(sql: string, v: unknown[] = []) =>
      t.owner<R>(sql, v).then((r) => r.rows);
    const [{ district_id: mine }] = await q<{ district_id: number }>(
      "SELECT g.district_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'starosta'",
    );
    const [{ agency_id: tercentr }] = await q<{ agency_id: number }>(
      "SELECT g.agency_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'provider'",
    );
    const [{ id: otherAgency }] = await q<{ id: number }>(
      'SELECT id FROM agencies WHERE hromada_id = $1 AND id <> $2 ORDER BY id LIMIT 1',
      [h, tercentr],
    );
    const [inCode] = await q<{ settlement_code: string; district_id: number }>(
      'SELECT settlement_code, district_id FROM district_settlements WHERE district_id = $1 LIMIT 1',
      [mine],
    );
    const [outCode] = await q<{ settlement_code: string; district_id: number }>(
      'SELECT settlement_code, district_id FROM district_settlements WHERE hromada_id = $1 AND district_id <> $2 LIMIT 1',
      [h, mine],
    );
    const { id: other } = await newHromada(t);
    const [{ id: foreignAgency }] = await q<{ id: number }>(
      "INSERT INTO agencies (hromada_id, name, kind) VALUES ($1, 'Чужий центр', 'provider') RETURNING id",
      [other],
    );
    const service = async (hromadaId: number) =>
      (await serviceOf(t, { hromadaId, name: 'Догляд (матриця)', channels: ['front_office'] })).id;
    const services = { [h]: await service(h), [other]: await service(other) };
    let n = 0;
    const make = async (
      where: Where,
      name: string,
      hromadaId: number,
      place: { settlement_code: string; district_id: number } | null,
      agency: number,
    ) => {
      const person = (first: string) =>
        personOf(t, {
          hromadaId,
          lastName: name,
          firstName: first,
          birthDate: '1950-01-01',
          settlementCode: place?.settlement_code,
        });
      const p = await person('Ірина');
      const twin = await person('Ірина');
      if (where === 'in')
        await q('INSERT INTO person_agencies (hromada_id, person_id, agency_id) VALUES ($1, $2, $3)', [
          hromadaId,
          p,
          agency,
        ]);
      const household = await householdOf(t, {
        headPersonId: p,
        settlementCode: null,
        street: null,
        house: null,
        apartment: null,
        districtId: place?.district_id ?? null,
      });
      const application = await applicationOf(t, {
        personId: p,
        serviceId: services[hromadaId],
        status: 'granted',
        registrationNumber: `МТ-2026-00000${++n}`,
        districtId: place?.district_id ?? null,
      });
      const [{ id: assignment }] = await q<{ id: string }>(
        `INSERT INTO service_assignments (hromada_id, application_id, person_id, service_id, agency_id, status)
         VALUES ($1, $2, $3, $4, $5, 'assigned') RETURNING id`,
        [hromadaId, application, p, services[hromadaId], agency],
      );
      recs[where] = { person: p, twin, name, household, application, assignment };
    };
    await make('in', 'Досяжна', h, inCode, tercentr);
    await make('out', 'Позаокружна', h, outCode, otherAgency);
    await make('other', 'Чужогромадна', other, null, foreignAgency);
    for (const who of Object.keys(MATRIX) as Who[]) {
      if (who !== 'resident' && who !== 'anonymous') tokens.set(who, await apiTokenFor(t, who));
      const c = clients.get(who)!;
      await c.get(who === 'resident' ? '/cabinet' : who === 'anonymous' ? '/' : '/staff');
    }
  });

  const cases = (Object.keys(MATRIX) as Who[]).flatMap((who) =>
    ROUTES.flatMap((route) =>
      (['in', 'out', 'other'] as Where[]).map((where) => ({
        who,
        route: route.name,
        where,
        expected: allowed(who, route.rule, where) ? 'allowed' : 'denied',
      })),
    ),
  );

  it.each(cases)('$who → $route, record $where: $expected', async ({ who, route: routeName, where, expected }) => {
    const route = ROUTES.find((r) => r.name === routeName)!;
    const rec = recs[where];
    const { method, path, body } = route.request(rec);
    const c = clients.get(who)!;
    let res;
    if (route.api) {
      const token = tokens.get(who);
      res = await c.request(method, path, {
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
    } else if (method === 'POST') {
      res = await c.post(path, Object.fromEntries(Object.entries(body ?? {}).map(([k, v]) => [k, String(v)])));
    } else {
      res = await c.get(path);
    }
    const shows = res.text.includes((route.probe ?? ((r: Rec) => r.name))(rec));
    if (expected === 'allowed') {
      expect(res.status, res.text.slice(0, 300)).toBe(200);
      if (route.kind !== 'file') expect(shows, 'the record is in the answer').toBe(true);
    } else {
      expect(res.status).toBeLessThan(500);
      // A list the role may use shows nothing of a record beyond its reach; anything else is refused.
      if (route.kind === 'list' && res.status === 200) expect(shows).toBe(false);
      else expect([302, 401, 403, 404]).toContain(res.status);
      expect(shows).toBe(false);
      expect(res.text.includes(rec.name) && route.kind !== 'list').toBe(false);
      if (res.status === 302) expect(res.location).toMatch(/login$/);
    }
  });
});
