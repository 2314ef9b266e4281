import { afterAll, beforeAll } from 'vitest';
import { startTestApp, type TestApp } from './app.js';
import { startTestSmtp, type TestSmtp } from './smtp.js';

/**
 * A test file's app with its jobs running and its mail going to a local SMTP server.
 * Call it at the top of the file; `t` and `smtp` are set before the first test.
 */
export function useAppWithMail() {
  const f = { t: undefined as unknown as TestApp, smtp: undefined as unknown as TestSmtp };
  beforeAll(async () => {
    f.smtp = await startTestSmtp();
    f.t = await startTestApp({ jobs: true, env: { SMTP_URL: f.smtp.url } });
  });
  afterAll(async () => {
    await f.t?.close();
    await f.smtp?.close();
  });
  return f;
}
