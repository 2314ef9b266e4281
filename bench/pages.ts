/**
 * Pages on a slow mobile connection: `npm run bench:pages -- [--runs 3]`.
 * Starts the real app on the demo data (embedded PostgreSQL in bench-data/pages) and drives Debian's
 * Chromium with the network emulated at a slow-3G profile (400 kbit/s both ways, 400 ms latency)
 * along a resident's path: home → a service card → the sign-in page → (signs in) → the cabinet.
 * For each page: the time until it is usable (its main heading painted, and its form when it has
 * one), the first contentful paint, and the bytes transferred; first on a cold cache, then again
 * with the assets cached. Prints its figures last as one line of JSON.
 */
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { buildAssets } from '../src/platform/assets.js';
import { createApp } from '../src/app.js';
import { seedDemoRegistry } from '../db/seed/demo-registry.js';
import { DEMO_RESIDENT_EMAIL, demoCredentials } from '../db/seed/demo.js';
import { openBenchDemo, servedLog } from './demo-db.js';
import { percentile } from './stats.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, 'data-dir': { type: 'string' } } });
const RUNS = Number(values.runs);
const dataDir = values['data-dir'] ?? 'bench-data/pages';
const log = (m: string) => process.stderr.write(`${m}\n`);
const SLOW_3G = {
  offline: false,
  latency: 400,
  downloadThroughput: (400 * 1024) / 8,
  uploadThroughput: (400 * 1024) / 8,
};

await buildAssets();
const { pgServer, owner, services } = await openBenchDemo(dataDir, 56100, { LOG_LEVEL: 'info' });
if (Number((await owner.query<{ n: string }>('SELECT count(*) AS n FROM persons')).rows[0]?.n ?? 0) === 0) {
  await seedDemoRegistry(services);
}
const password = demoCredentials({}, dataDir).password;
const app = await createApp(services, { logStream: servedLog(dataDir) });
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
const card = /href="(\/services\/[0-9a-f-]{36})"/.exec((await app.inject({ url: '/services' })).body)?.[1];
if (!card) throw new Error('the demo catalogue has no service card');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});

interface Figure {
  usableMs: number;
  fcpMs: number;
  bytes: number;
}

/** Time from the start of a navigation until the page is usable, with its paint and transfer figures. */
async function measure(page: Page, navigate: () => Promise<unknown>): Promise<Figure> {
  const t0 = Date.now();
  await navigate();
  await page.locator('h1').first().waitFor({ state: 'visible' });
  if ((await page.locator('main form').count()) > 0)
    await page.locator('main form').first().waitFor({ state: 'visible' });
  // Painted: the next animation frame after the heading is in the layout.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  const usableMs = Date.now() - t0;
  const { fcp, bytes } = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    return {
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
      bytes: (nav?.transferSize ?? 0) + res.reduce((s, r) => s + r.transferSize, 0),
    };
  });
  return { usableMs, fcpMs: Math.round(fcp), bytes };
}

const STEPS = ['home', 'card', 'login', 'cabinet'] as const;
const cold: Record<string, Figure[]> = Object.fromEntries(STEPS.map((s) => [s, []]));
const warm: Record<string, Figure[]> = Object.fromEntries(STEPS.map((s) => [s, []]));

for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('about:blank'); // the renderer process starts before the clock does
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  for (const figures of [cold, warm]) {
    await context.clearCookies();
    figures.home?.push(await measure(page, () => page.goto(`${base}/`)));
    figures.card?.push(await measure(page, () => page.goto(base + card)));
    figures.login?.push(await measure(page, () => page.goto(`${base}/resident/login`)));
    await page.fill('#email', DEMO_RESIDENT_EMAIL);
    await page.fill('#password', password);
    figures.cabinet?.push(await measure(page, () => page.getByRole('button', { name: 'Увійти' }).click()));
    if (!page.url().startsWith(`${base}/cabinet`)) throw new Error(`sign-in did not reach the cabinet: ${page.url()}`);
  }
  await context.close();
  log(`run ${run + 1}/${RUNS}: ${STEPS.map((s) => `${s} ${cold[s]?.at(-1)?.usableMs ?? 0} ms`).join(', ')}`);
}

await browser.close();
await app.close();
await services.jobs.stop();
await services.db.end();
await owner.end();
await pgServer.stop();

const p50 = (list: Figure[] | undefined, key: keyof Figure) =>
  percentile(
    (list ?? []).map((f) => f[key]),
    50,
  );
const max = (list: Figure[] | undefined, key: keyof Figure) => Math.max(...(list ?? []).map((f) => f[key]));
const out: Record<string, number | string> = { runs: RUNS, profile: 'slow-3g-400kbit-400ms' };
for (const s of STEPS) {
  out[`${s}_usable_p50_ms`] = p50(cold[s], 'usableMs');
  out[`${s}_usable_max_ms`] = max(cold[s], 'usableMs');
  out[`${s}_fcp_p50_ms`] = p50(cold[s], 'fcpMs');
  out[`${s}_first_visit_bytes`] = p50(cold[s], 'bytes');
  out[`${s}_cached_usable_p50_ms`] = p50(warm[s], 'usableMs');
  out[`${s}_cached_bytes`] = p50(warm[s], 'bytes');
}
out.slowest_usable_ms = Math.max(...STEPS.map((s) => max(cold[s], 'usableMs')));
console.log(JSON.stringify(out));
