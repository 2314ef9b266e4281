import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('platform basics over HTTP', () => {
  it('answers /healthz with ok while the database answers', async () => {
    const res = await t.client().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('renders the public home page in Ukrainian with the hromada name and security headers', async () => {
    const res = await t.client().get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="uk"');
    expect(res.text).toContain('Старобільська громада');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.text).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('switches to English and back through a CSRF-protected form', async () => {
    const c = t.client();
    await c.get('/');
    const res = await c.post('/settings/language', { locale: 'en', returnTo: '/' });
    expect(res.status).toBe(303);
    expect((await c.get('/')).text).toContain('<html lang="en"');
    await c.post('/settings/language', { locale: 'uk', returnTo: '//evil.example' });
    expect((await c.get('/')).text).toContain('<html lang="uk"');
  });

  it('refuses a form without a CSRF token with 403 and a Ukrainian message, changing nothing', async () => {
    const c = t.client();
    await c.get('/');
    const res = await c.post('/settings/language', { _csrf: null, locale: 'en' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Сторінка застаріла');
    expect((await c.get('/')).text).toContain('<html lang="uk"');
  });

  it('refuses a forged CSRF token', async () => {
    const c = t.client();
    await c.get('/');
    const res = await c.post('/settings/language', { _csrf: 'forged-token', locale: 'en' });
    expect(res.status).toBe(403);
  });

  it('remembers accessibility settings', async () => {
    const c = t.client();
    await c.get('/settings/accessibility');
    const res = await c.post('/settings/accessibility', { textSize: 'larger', contrast: 'high' });
    expect(res.status).toBe(303);
    const page = await c.get('/');
    expect(page.text).toContain('tb-text-larger');
    expect(page.text).toContain('tb-contrast-high');
  });

  it('answers an unknown page with a Ukrainian 404 page in the layout', async () => {
    const res = await t.client().get('/no-such-page');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Сторінку не знайдено');
    expect(res.text).toContain('Код запиту');
  });

  it('answers an oversized form with 413 and a clear message', async () => {
    const c = t.client();
    await c.get('/');
    const res = await c.post('/settings/language', { locale: 'en', filler: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(res.text).toContain('забагато даних');
  });

  it('answers a malformed JSON body to the API with 400 JSON', async () => {
    const res = await t
      .client()
      .request('POST', '/api/v1/me', { body: '{bad', headers: { 'content-type': 'application/json' } });
    expect([400, 401, 404]).toContain(res.status);
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  it('answers a request the HTTP parser refuses (raw Cyrillic in the path) with 400 JSON in Ukrainian', async () => {
    const { port } = new URL(t.baseUrl);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(
          Buffer.concat([
            Buffer.from('GET /api/v1/persons?q='),
            Buffer.from('Шевченко'),
            Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n'),
          ]),
        );
      });
      let data = '';
      socket.on('data', (d) => {
        data += d.toString('utf8');
      });
      socket.on('end', () => {
        resolve(data);
      });
      socket.on('error', reject);
    });
    expect(raw.startsWith('HTTP/1.1 400 ')).toBe(true);
    expect(raw).toContain('application/json; charset=utf-8');
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'bad_request', message: expect.stringContaining('Запит неправильний') as string },
    });
  });
});
