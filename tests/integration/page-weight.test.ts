/**
 * Page weight (issue 16): bytes a browser transfers for a page, through the real server with
 * compression on — the HTML plus the stylesheet, scripts and icon it loads on a first visit, the
 * HTML alone on a repeat visit (built assets are cached for a year). Budgets: ≤ 30 kB for a
 * resident's first visit of the public pages and the cabinet's application list, ≤ 8 kB for a
 * repeat visit, ≤ 100 kB for any page of any role.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createSession } from '../helpers/session.js';
import { seedDemoRegistry } from '../../db/seed/demo-registry.js';
import { DEMO_RESIDENT_EMAIL, DEMO_STAFF } from '../../db/seed/demo.js';

const FIRST_VISIT_BUDGET = 30_000;
const REPEAT_VISIT_BUDGET = 8_000;
const ANY_PAGE_BUDGET = 100_000;

interface Transfer {
  status: number;
  bytes: number;
  type: string;
  headers: http.IncomingHttpHeaders;
  text: string;
}

let t: TestApp;

/** One GET as a browser sends it (accepting Brotli and gzip): bytes on the wire (status line, headers, body). */
function get(path: string, cookie?: string): Promise<Transfer> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      t.baseUrl + path,
      { headers: { 'accept-encoding': 'br, gzip', ...(cookie ? { cookie } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          let headerBytes = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length + 2;
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            headerBytes += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`.length;
          const enc = res.headers['content-encoding'];
          const plain = enc === 'br' ? zlib.brotliDecompressSync(body) : enc === 'gzip' ? zlib.gunzipSync(body) : body;
          resolve({
            status: res.statusCode ?? 0,
            bytes: headerBytes + body.length,
            type: res.headers['content-type'] ?? '',
            headers: res.headers,
            text: plain.toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

/** What a page loads: stylesheets, scripts and icons. */
const assetsOf = (html: string) =>
  [...html.matchAll(/<(?:link[^>]+href|script[^>]+src)="([^"]+)"/g)]
    .map((m) => m[1] ?? '')
    .filter((u) => u.startsWith('/public/') || u.startsWith('/assets/'));

async function visit(path: string, cookie?: string) {
  const page = await get(path, cookie);
  expect(page.status, path).toBe(200);
  let assets = 0;
  for (const url of new Set(assetsOf(page.text))) {
    expect(url, `an asset of ${path} has its content hash in its name`).toMatch(
      /^\/public\/build\/[a-z-]+\.[0-9a-f]{10}\.(css|js|svg)$/,
    );
    const a = await get(url);
    expect(a.status, url).toBe(200);
    expect(a.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
    assets += a.bytes;
  }
  return { page, first: page.bytes + assets, repeat: page.bytes };
}

const sessionCookie = async (who: { username?: string; email?: string }) =>
  `${t.services.sessions.cookieName}=${(await createSession(t, who)).token}`;

beforeAll(async () => {
  // This file weighs pages, not the rate limit: it visits every page of every role (and each page's assets) in well
  // under a minute, more than the 600 requests a minute one address may send.
  t = await startTestApp({ env: { RATE_PER_MINUTE: '100000' } });
  await seedDemoRegistry(t.services);
});
afterAll(async () => {
  await t.close();
});

describe('page weight', () => {
  it('compresses pages with Brotli and serves built assets precompressed, fingerprinted and immutable', async () => {
    const home = await get('/');
    expect(home.headers['content-encoding']).toBe('br');
    expect(home.headers.vary).toMatch(/cookie/i);
    expect(home.headers['cache-control']).toBe('private, max-age=60');
    const urls = assetsOf(home.text);
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const url of urls) {
      expect(url, 'every asset of the layout has its content hash in its name').toMatch(
        /^\/public\/build\/[a-z-]+\.[0-9a-f]{10}\.(css|js|svg)$/,
      );
      const a = await get(url);
      expect(a.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      if (!url.endsWith('.svg')) expect(a.headers['content-encoding'], url).toBe('br');
    }
    expect((await get('/public/build/manifest.json')).status).toBe(404);
    expect((await get('/public/js/app.js')).status).toBe(404);
    // What browsers ask for whatever the page names leads to the same icon, not to 404.
    const ico = await get('/favicon.ico');
    expect(ico.status).toBe(302);
    expect(urls).toContain(ico.headers.location);
  });

  it('answers plain, never compressed, where a query is reflected next to personal data (BREACH)', async () => {
    const cookie = await sessionCookie({ username: 'worker' });
    const search = await get('/persons?q=%D0%9F%D0%B5%D1%82%D1%80', cookie);
    expect(search.status).toBe(200);
    expect(search.headers['content-encoding']).toBeUndefined();
    expect(search.headers['cache-control']).toContain('no-store');
    const list = await get('/persons', cookie);
    expect(list.headers['content-encoding']).toBe('br');
  });

  it("keeps a resident's first visits within 30 kB and repeat visits within 8 kB", async () => {
    const services = await get('/services');
    const card = /href="(\/services\/[0-9a-f-]{36})"/.exec(services.text)?.[1];
    expect(card).toBeDefined();
    const resident = await sessionCookie({ email: DEMO_RESIDENT_EMAIL });
    const pages: [string, string | undefined][] = [
      ['/', undefined],
      ['/services', undefined],
      [card ?? '', undefined],
      ['/resident/login', undefined],
      ['/cabinet/applications', resident],
    ];
    const figures: Record<string, { first: number; repeat: number }> = {};
    for (const [path, cookie] of pages) {
      const v = await visit(path, cookie);
      figures[path] = { first: v.first, repeat: v.repeat };
    }
    const list = await get('/cabinet/applications', resident);
    expect(list.text, "the cabinet list shows the demo resident's applications").toMatch(
      /\/cabinet\/applications\/[0-9a-f-]{36}/,
    );
    for (const [path, f] of Object.entries(figures)) {
      expect(f.first, `${path} first visit (bytes)`).toBeLessThanOrEqual(FIRST_VISIT_BUDGET);
      expect(f.repeat, `${path} repeat visit (bytes)`).toBeLessThanOrEqual(REPEAT_VISIT_BUDGET);
    }
  });

  it('keeps every page each role reaches from its home within 100 kB on a first visit', async () => {
    const roles: { who: { username?: string; email?: string }; home: string }[] = [
      ...DEMO_STAFF.map((username) => ({ who: { username }, home: '/staff' })),
      { who: { email: DEMO_RESIDENT_EMAIL }, home: '/cabinet' },
    ];
    let pages = 0;
    for (const role of roles) {
      const cookie = await sessionCookie(role.who);
      const home = await get(role.home, cookie);
      expect(home.status, `${role.home} for ${JSON.stringify(role.who)}`).toBe(200);
      const links = [
        ...new Set([...home.text.matchAll(/href="(\/[^"#]*)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'))),
      ]
        .filter((u) => !/^\/(public|assets)\/|logout|download|export|\.pdf|\/file/.test(u))
        .slice(0, 25);
      for (const url of [role.home, ...links]) {
        const page = await get(url, cookie);
        if (page.status !== 200 || !page.type.startsWith('text/html')) continue;
        const v = await visit(url, cookie);
        pages++;
        expect(v.first, `${url} as ${JSON.stringify(role.who)} (bytes)`).toBeLessThanOrEqual(ANY_PAGE_BUDGET);
      }
    }
    expect(pages).toBeGreaterThan(20);
  });
});
