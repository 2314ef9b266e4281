import { describe, expect, it } from 'vitest';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';
import { demoHromadaId } from '../factories/index.js';
import { seedDemoRegistry } from '../../db/seed/demo-registry.js';

const f = useAppAndBrowser();

/** Pages with tables, by who opens them (filled by the demo registry). */
const PAGES: { who: { username?: string; email?: string }; paths: (ids: Record<string, string>) => string[] }[] = [
  {
    who: { username: 'manager' },
    paths: (ids) => [
      '/staff',
      '/applications',
      '/audit',
      `/persons/${ids.person}`,
      `/applications/${ids.application}`,
      '/assignments',
      '/applications/messages',
      '/providers',
      `/providers/${ids.agency}`,
      '/contracts/overview',
      '/social-orders',
      '/paid-services',
      `/paid-services/recipients/${ids.resident}`,
      '/staff-development',
      '/maturity',
      '/maturity/questions',
      `/maturity/assessments/${ids.assessment}`,
      `/hromadas/${ids.hromadaCode}/passport`,
      `/hromadas/${ids.hromadaCode}/open-data`,
      `/metrics?metric=delivery.personsServed&period=${new Date().getFullYear()}&breakdown=all`,
      `/metrics/persons?metric=delivery.personsServed&period=${new Date().getFullYear()}`,
    ],
  },
  {
    who: { username: 'admin' },
    paths: (ids) => ['/admin/users', '/admin/api-tokens', '/audit', `/admin/hromadas/${ids.hromada}/issuer`],
  },
  {
    who: { username: 'provider' },
    paths: (ids) => ['/assignments', `/service-acts/providers/${ids.agency}`, '/service-acts/round', '/contracts'],
  },
  {
    who: { email: 'resident@example.com' },
    paths: () => ['/cabinet', '/cabinet/applications', '/cabinet/documents', '/cabinet/paid-services'],
  },
];

let ids: Record<string, string> | null = null;
async function demoIds() {
  if (ids) return ids;
  await seedDemoRegistry(f.t.services);
  ids = {
    hromada: String(await demoHromadaId(f.t)),
    hromadaCode: (
      await f.t.owner<{ code: string }>('SELECT code FROM hromadas WHERE id = $1', [await demoHromadaId(f.t)])
    ).rows[0].code,
    person: (await f.t.owner<{ id: string }>("SELECT id FROM persons WHERE last_name = 'Мельник'")).rows[0].id,
    application: (
      await f.t.owner<{ id: string }>(
        "SELECT a.id FROM applications a JOIN persons p ON p.id = a.person_id WHERE p.last_name = 'Мельник'",
      )
    ).rows[0].id,
    // The demo's home care: the territorial centre delivers it to the demo resident (acts, invoice).
    agency: String(
      (await f.t.owner<{ agency_id: number }>("SELECT agency_id FROM service_assignments WHERE status = 'in_progress'"))
        .rows[0].agency_id,
    ),
    resident: (
      await f.t.owner<{ person_id: string }>("SELECT person_id FROM service_assignments WHERE status = 'in_progress'")
    ).rows[0].person_id,
  };
  // A draft self-assessment of the institution (the questionnaire is put in when the page is first opened).
  ids.assessment = (
    await f.t.owner<{ id: string }>(
      `INSERT INTO maturity_assessments (hromada_id, agency_id, year, created_by)
       SELECT $1, $2, 2025, id FROM users WHERE username = 'manager' RETURNING id`,
      [Number(ids.hromada), Number(ids.agency)],
    )
  ).rows[0].id;
  return ids;
}

describe('pages with tables reflow on narrow screens: at 320 px and 640 px nothing is wider than the window; axe at 320 px', () => {
  for (const { who, paths } of PAGES) {
    it(`pages of ${who.username ?? who.email}`, async () => {
      const { t, browser } = f;
      const list = paths(await demoIds());
      const overflowing: string[] = [];
      const { context } = await signedInContext(t, browser, who);
      const page = await context.newPage();
      for (const width of [320, 640]) {
        await page.setViewportSize({ width, height: 800 });
        for (const p of list) {
          const res = await page.goto(t.baseUrl + p);
          expect(res?.status(), p).toBe(200);
          const m = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            inner: window.innerWidth,
          }));
          if (m.scroll > m.inner) overflowing.push(`${p} at ${width}px: ${m.scroll} > ${m.inner}`);
          if (width === 320) await expectAccessible(page, `${p} at 320 px`);
        }
      }
      await context.close();
      expect(overflowing).toEqual([]);
    }, 300_000);
  }
});

describe('with the larger text of the accessibility settings, no page at 320 px is wider than the window', () => {
  /** Pages where long words, codes and the hints of checkboxes pushed the page sideways before. */
  const LARGER: { who: { username?: string } | null; paths: (ids: Record<string, string>) => string[] }[] = [
    { who: null, paths: () => ['/', '/services'] },
    {
      who: { username: 'manager' },
      paths: (ids) => ['/persons/new', '/applications/new', '/paid-services/settings', `/persons/${ids.person}`],
    },
    {
      who: { username: 'admin' },
      paths: (ids) => ['/admin/catalogue/new', `/admin/hromadas/${ids.hromada}/districts/${ids.district}`],
    },
  ];
  for (const { who, paths } of LARGER) {
    it(`pages of ${who?.username ?? 'the public'}`, async () => {
      const { t, browser } = f;
      const all = await demoIds();
      all.district ??= String(
        (
          await t.owner<{ id: number }>('SELECT min(id) AS id FROM districts WHERE hromada_id = $1', [
            Number(all.hromada),
          ])
        ).rows[0].id,
      );
      const context = who ? (await signedInContext(t, browser, who)).context : await browser.newContext();
      await context.addCookies([{ name: 'a11y', value: 'larger', url: t.baseUrl }]);
      const page = await context.newPage();
      await page.setViewportSize({ width: 320, height: 800 });
      const overflowing: string[] = [];
      for (const p of paths(all)) {
        const res = await page.goto(t.baseUrl + p);
        expect(res?.status(), p).toBe(200);
        expect(await page.locator('html').getAttribute('class'), p).toContain('tb-text-larger');
        const m = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          inner: window.innerWidth,
        }));
        if (m.scroll > m.inner) overflowing.push(`${p}: ${m.scroll} > ${m.inner}`);
      }
      await context.close();
      expect(overflowing).toEqual([]);
    }, 120_000);
  }
});
