import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A raw form post (the helper's URLSearchParams would encode the same bytes; kept explicit here). */
async function postLanguage(returnTo: string | string[]) {
  const c = t.client();
  await c.get('/');
  return c.post('/settings/language', { locale: 'en', returnTo });
}

describe('return addresses are same-origin paths only (POST /settings/language)', () => {
  it.each([
    '/\t/evil.example/x',
    '//evil.example/x',
    '/\\evil.example/x',
    '/\\/evil.example',
    'https://evil.example/',
    '/\n/evil.example',
    ' //evil.example',
  ])('sends %j home instead of elsewhere', async (returnTo) => {
    const res = await postLanguage(returnTo);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/');
  });

  it('answers a CR LF in returnTo with a redirect home, not a 500, and sets no injected header', async () => {
    const res = await postLanguage('/x\r\nSet-Cookie: injected=1');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('injected'))).toBe(false);
  });

  it('still changes the language when returnTo is bad or repeated', async () => {
    const c = t.client();
    await c.get('/');
    const res = await c.post('/settings/language', { locale: 'en', returnTo: ['/a', '/b'] });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/');
    expect((await c.get('/')).text).toContain('<html lang="en"');
  });

  it('returns to a page of this site, normalised', async () => {
    expect((await postLanguage('/services?x=1')).location).toBe('/services?x=1');
    expect((await postLanguage('/a/../privacy')).location).toBe('/privacy');
  });
});
