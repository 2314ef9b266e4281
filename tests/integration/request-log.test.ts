import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let app: FastifyInstance;
const lines: Record<string, unknown>[] = [];
beforeAll(async () => {
  t = await startTestApp();
  // The app as served (logger on, level info), its log written to memory.
  const sink = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
  app = await createApp(
    { ...t.services, config: { ...t.services.config, LOG_LEVEL: 'info' } },
    { logStream: sink as unknown as NodeJS.WritableStream },
  );
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('the request log', () => {
  it('writes one line per request when it is answered: id, method, path without the query, status, time', async () => {
    lines.length = 0;
    const res = await app.inject({ method: 'GET', url: '/persons?q=3124509876&email=someone%40example.com' });
    const all = lines.filter((l) => l.msg === 'request completed' || l.msg === 'incoming request');
    expect(all).toHaveLength(1);
    const line = all[0];
    expect(line.msg).toBe('request completed');
    expect(line.req).toMatchObject({ method: 'GET', path: '/persons' });
    expect(typeof (line.req as { id: unknown }).id).toBe('string');
    expect(line.res).toEqual({ statusCode: res.statusCode });
    expect(typeof line.responseTime).toBe('number');
    // Nothing of the query (an identifier, an address) reaches the log.
    const text = JSON.stringify(lines);
    expect(text).not.toContain('3124509876');
    expect(text).not.toContain('someone');
  });

  it('names a record by :id in the path, not by its id', async () => {
    lines.length = 0;
    await app.inject({ method: 'GET', url: '/persons/7d2b4c1e-9a0f-4e3b-8c5d-1f2e3a4b5c6d' });
    expect(lines.filter((l) => l.msg === 'request completed').map((l) => (l.req as { path: string }).path)).toEqual([
      '/persons/:id',
    ]);
    expect(JSON.stringify(lines)).not.toContain('7d2b4c1e');
  });

  it("names a visit's link by its route, never by the link's secret", async () => {
    lines.length = 0;
    const secret = 'Zq9wX3kLmN0pQrS7tUvWxYz1234567890abcdefghij';
    await app.inject({ method: 'GET', url: `/visit/1.${secret}` });
    await app.inject({ method: 'POST', url: `/visit/1.${secret}/cancel` });
    expect(lines.filter((l) => l.msg === 'request completed').map((l) => (l.req as { path: string }).path)).toEqual([
      '/visit/:token',
      '/visit/:token/cancel',
    ]);
    expect(JSON.stringify(lines)).not.toContain(secret);
  });

  it('names why a request was refused in its one line', async () => {
    lines.length = 0;
    const res = await app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    const refused = lines.filter((l) => (l.res as { statusCode?: number } | undefined)?.statusCode === 401);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ msg: 'request completed', refused: 'unauthenticated' });
    expect(lines.filter((l) => l.msg !== 'request completed')).toEqual([]);
  });
});
