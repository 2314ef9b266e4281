import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  PASSWORD_RESET_QUEUE,
  processPasswordReset,
  type PasswordResetJob,
} from '../../src/modules/residents/password-reset.jobs.js';
import { QUEUES } from '../../src/platform/jobs.js';

let t: TestApp;
const sent: { queue: string; data: unknown }[] = [];
beforeAll(async () => {
  t = await startTestApp();
  // Queues only, no workers: what a request itself does stays observable.
  await t.services.jobs.start({ work: false });
  const boss = t.services.jobs.boss;
  const send = boss.send.bind(boss) as (name: string, data: object) => Promise<string | null>;
  (boss as unknown as { send: typeof send }).send = async (name: string, data: object) => {
    sent.push({ queue: name, data });
    return send(name, data);
  };
});
afterAll(async () => {
  await t.close();
});

/** Rows the forgot-password work could write: tokens, audit entries, attempt counters, mail. */
const counts = async () =>
  (
    await t.owner<{ tokens: number; audit: number; attempts: number }>(
      `SELECT (SELECT count(*)::int FROM user_tokens) AS tokens, (SELECT count(*)::int FROM audit_log) AS audit,
     (SELECT count(*)::int FROM login_attempts) AS attempts`,
    )
  ).rows[0];

async function forgot(email: string) {
  const c = t.client();
  await c.get('/resident/password/forgot');
  const before = await counts();
  const from = sent.length;
  const res = await c.post('/resident/password/forgot', { email });
  const after = await counts();
  return {
    res,
    jobs: sent.slice(from),
    delta: {
      tokens: after.tokens - before.tokens,
      audit: after.audit - before.audit,
      attempts: after.attempts - before.attempts,
    },
  };
}

describe('POST /resident/password/forgot does the same work for known and unknown addresses', () => {
  it('queues exactly one job and writes nothing else, whether or not the address has an account', async () => {
    const known = await forgot('resident@example.com');
    const unknown = await forgot('nobody.here.at.all@example.com');
    for (const r of [known, unknown]) {
      expect(r.res.status).toBe(303);
      expect(r.res.location).toBe('/resident/password/sent');
      expect(r.jobs.map((j) => j.queue)).toEqual([PASSWORD_RESET_QUEUE]);
      expect(r.delta).toEqual({ tokens: 0, audit: 0, attempts: 0 });
    }
    expect(Object.keys(known.jobs[0].data as object).sort()).toEqual(
      Object.keys(unknown.jobs[0].data as object).sort(),
    );
  });

  it('the queued work mails a link only to a resident’s address', async () => {
    const jobs = sent.filter((j) => j.queue === PASSWORD_RESET_QUEUE).map((j) => j.data as PasswordResetJob);
    const known = jobs.find((j) => j.email === 'resident@example.com')!;
    const unknown = jobs.find((j) => j.email === 'nobody.here.at.all@example.com')!;
    const from = sent.length;
    expect(await processPasswordReset(t.services, unknown)).toBe(false);
    expect(sent.length).toBe(from);
    expect(await processPasswordReset(t.services, known)).toBe(true);
    expect(sent.slice(from).map((j) => j.queue)).toEqual([QUEUES.mail]);
    expect((sent.at(-1)!.data as { to: string }).to).toBe('resident@example.com');
    const audit = await t.owner(
      "SELECT 1 FROM audit_log WHERE action = 'resident.password_reset_requested' AND request_id = $1",
      [known.meta.requestId],
    );
    expect(audit.rowCount).toBe(1);
  });
});
