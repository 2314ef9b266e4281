import { describe, it, expect, inject } from 'vitest';
import net from 'node:net';
import pg from 'pg';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/platform/config.js';
import { buildServices } from '../../src/services.js';
import { createApp } from '../../src/app.js';
import { withDatabase } from '../../src/platform/embedded-db.js';
import { TEMPLATE_DB, testEnv } from '../helpers/env.js';
import { createSession } from '../helpers/session.js';

/**
 * A client that hangs up while its request waits on the session lookup (an aborted search-as-you-type
 * post, a script timing out on a 10 KB search form) must not make the rate limiter throw a TypeError
 * (`req.ip` of a closed socket was undefined): no error at all reaches the error hook.
 */
describe('a client that hangs up mid-request', () => {
  it('leaves no TypeError from the rate limiter, and the app keeps answering', async () => {
    const serverUrl = inject('pgUrl');
    const dbName = `t_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${TEMPLATE_DB}`);
    await admin.end();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'turbota-app-'));
    const services = buildServices(loadConfig(testEnv(dataDir)), { ownerUrl: withDatabase(serverUrl, dbName) });
    const app = await createApp(services, { logger: false });
    const errors: string[] = [];
    app.addHook('onError', async (_req, _reply, err) => {
      errors.push(String(err));
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as net.AddressInfo).port;
    const pool = new pg.Pool({ connectionString: withDatabase(serverUrl, dbName) });
    const sess = await createSession({ owner: (q: string, v?: unknown[]) => pool.query(q, v) } as never, {
      username: 'worker',
    });
    const cookie = `${services.sessions.cookieName}=${sess.token}`;
    const body = `q=${encodeURIComponent('Коваленко ').repeat(550)}`; // a 10 KB search form
    for (let i = 0; i < 8; i++) {
      const s = net.connect(port, '127.0.0.1');
      await new Promise((r) => s.once('connect', r));
      s.write(
        `POST /persons/search HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      s.destroy();
    }
    await new Promise((r) => setTimeout(r, 1500));
    expect(errors.filter((e) => /TypeError/.test(e))).toEqual([]);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    await app.close();
    await services.db.end();
    await pool.end();
  }, 60000);
});
