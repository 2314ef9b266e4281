import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { signedIn } from '../factories/index.js';
import { DEMO_STAFF } from '../../db/seed/demo.js';
import { seedDemoRegistry } from '../../db/seed/demo-registry.js';

/**
 * No page leads anyone to a page they may not open: every role walks its pages from its home, following the links it
 * is shown (one page of each kind), and none of them answers 4xx or 5xx. A link to something the role cannot do is a
 * dead end (found: the offices' pages linked administrators to the visits and the queue's console, the care
 * settings to the families' list).
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // The demo's records (persons, applications, offices, cases…), so that the records' own pages are walked too.
  await seedDemoRegistry(t.services);
});
afterAll(async () => {
  await t.close();
});

/** A page's kind: its path with ids replaced, and the names of its query's parameters. */
const kindOf = (href: string) => {
  const [path, query = ''] = href.split('?');
  const kind = path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id').replace(/\/\d+(?=\/|$)/g, '/:n');
  return `${kind}?${[...new URLSearchParams(query).keys()].sort().join('&')}`;
};

/** Links that leave, end the session, or change something when followed (never followed here). */
const NOT_FOLLOWED = /\/logout|\/api\/|\.(xlsx|pdf|csv|json|zip)(\?|$)|\/download|\/files?\/|\/visit\//;

async function walk(client: HttpClient, start: string, limit: number) {
  const seen = new Set<string>();
  const queue: { href: string; from: string }[] = [{ href: start, from: '(start)' }];
  const dead: string[] = [];
  let pages = 0;
  while (queue.length && pages < limit) {
    const { href, from } = queue.shift()!;
    pages++;
    const res = await client.get(href);
    if (res.status >= 400) dead.push(`${res.status} ${href} ← ${from}`);
    if (!(res.headers.get('content-type') ?? '').includes('text/html')) continue;
    for (const m of res.text.matchAll(/<a [^>]*href="(\/[^"#]*)/g)) {
      const link = m[1].replaceAll('&amp;', '&');
      if (!link || NOT_FOLLOWED.test(link)) continue;
      const kind = kindOf(link);
      if (seen.has(kind)) continue;
      seen.add(kind);
      queue.push({ href: link, from: href });
    }
  }
  return { dead, pages };
}

describe('links', () => {
  it.each(DEMO_STAFF)('lead %s only to pages they may open', async (who) => {
    const { dead, pages } = await walk(await signedIn(t, who), '/staff', 120);
    expect(pages).toBeGreaterThan(10);
    expect(dead).toEqual([]);
  });

  it('lead the demo resident only to pages they may open', async () => {
    const { dead, pages } = await walk(await signedIn(t, { email: 'resident@example.com' }), '/cabinet', 80);
    expect(pages).toBeGreaterThan(5);
    expect(dead).toEqual([]);
  });

  it('lead the public only to pages it may open', async () => {
    const { dead, pages } = await walk(t.client(), '/', 60);
    expect(pages).toBeGreaterThan(5);
    expect(dead).toEqual([]);
  });
});
