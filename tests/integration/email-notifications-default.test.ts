import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { HttpClient } from '../helpers/http.js';
import { signInAs } from '../helpers/session.js';
import { linkIn, registerResident } from '../helpers/residents.js';
import { applicationFixtures } from '../helpers/applications.js';
import { demoHromadaId, linkPerson, resident } from '../factories/index.js';

/**
 * Issue 9, item 17: a resident who keeps the default «yes» to e-mail notifications gets them
 * from the first day, without saving an unchanged profile: the profile is made at registration,
 * verification and sign-up through the identity provider, and existing accounts get one (0044).
 */
let t: TestApp;
let smtp: TestSmtp;
let op: TestOidcProvider;
let hromadaId: number;
let serviceId = '';
let frontdesk: HttpClient;
const fx = applicationFixtures(() => ({ t, hromadaId }));

/** A registry person without an e-mail, linked to the resident account (as the front office does). */
async function linkedPerson(userId: string, lastName: string): Promise<string> {
  const settlement = (await t.owner<{ c: string }>('SELECT settlement_code AS c FROM district_settlements LIMIT 1'))
    .rows[0].c;
  const personId = await fx.addPerson(lastName, settlement);
  await linkPerson(t, userId, personId);
  return personId;
}

const registeredMail = async (applicationId: string) =>
  (
    await t.owner<{ email_to: string | null; emailed_at: Date | null }>(
      "SELECT email_to, emailed_at FROM notifications WHERE application_id = $1 AND kind = 'registered'",
      [applicationId],
    )
  ).rows[0];
const profileOf = async (userId: string) =>
  (
    await t.owner<{ email_notifications: boolean; contact_email: string | null }>(
      'SELECT email_notifications, contact_email FROM resident_profiles WHERE user_id = $1',
      [userId],
    )
  ).rows[0];

beforeAll(async () => {
  smtp = await startTestSmtp();
  op = await startOidcProvider();
  t = await startTestApp({
    jobs: true,
    env: {
      SMTP_URL: smtp.url,
      OIDC_ISSUER: op.issuer,
      OIDC_CLIENT_ID: op.clientId,
      OIDC_CLIENT_SECRET: op.clientSecret,
      OIDC_NAME: 'Тест-ID',
    },
  });
  await op.useRedirectUri(`${t.baseUrl}/resident/oidc/callback`);
  hromadaId = await demoHromadaId(t);
  serviceId = await fx.addService('Денний догляд (тест сповіщень)');
  frontdesk = t.client();
  await signInAs(t, frontdesk, { username: 'frontdesk' });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
  await op?.close();
});

describe('e-mail notifications from the first day', () => {
  it('registration and verification make the default profile; the first notification is e-mailed to the sign-in address', async () => {
    const email = 'pershyi.den@example.com';
    const c = t.client();
    expect((await registerResident(c, email)).status).toBe(303);
    const userId = (await t.owner<{ id: string }>('SELECT id FROM users WHERE email = $1', [email])).rows[0].id;
    expect(await profileOf(userId)).toEqual({ email_notifications: true, contact_email: null });
    const verify = await smtp.waitForMail(email);
    expect((await c.get(linkIn(verify.text, '/resident/verify'))).status).toBe(303);
    const personId = await linkedPerson(userId, 'Першоденна');
    const id = await fx.registered(frontdesk, personId, serviceId);
    expect((await registeredMail(id)).email_to ?? (await registeredMail(id)).emailed_at).toBeTruthy();
    const mail = await smtp.waitForMail(email);
    expect(mail.subject).toContain('зареєстровано');
  });

  it('sign-up through the identity provider makes the default profile too', async () => {
    op.mode = 'allow';
    op.account = { sub: 'first-day', email: 'oidc.first.day@example.com', email_verified: true, name: 'Ірина Перша' };
    const app = t.client();
    const start = await app.get('/resident/oidc/start');
    const provider = new HttpClient(op.issuer);
    let location = new URL(start.location!);
    for (let i = 0; i < 10 && location.origin !== t.baseUrl; i++) {
      const res = await provider.get(location.pathname + location.search);
      location = new URL(res.location!, location);
    }
    expect((await app.get(location.pathname + location.search)).location).toBe('/cabinet');
    const userId = (await t.owner<{ id: string }>("SELECT id FROM users WHERE email = 'oidc.first.day@example.com'"))
      .rows[0].id;
    expect(await profileOf(userId)).toEqual({ email_notifications: true, contact_email: null });
    const personId = await linkedPerson(userId, 'Ідешна');
    const id = await fx.registered(frontdesk, personId, serviceId);
    expect((await smtp.waitForMail('oidc.first.day@example.com')).subject).toContain('зареєстровано');
    expect((await registeredMail(id)).email_to ?? (await registeredMail(id)).emailed_at).toBeTruthy();
  });

  it('an account made before (no profile) is e-mailed by default, and migration 0044 gives it the default profile', async () => {
    const email = 'davnii@example.com';
    const { userId } = await resident(t, { email, name: 'Давній' });
    expect(await profileOf(userId)).toBeUndefined();
    const personId = await linkedPerson(userId, 'Давня');
    await fx.registered(frontdesk, personId, serviceId);
    expect((await smtp.waitForMail(email)).subject).toContain('зареєстровано');
    const sql = fs.readFileSync(path.join(process.cwd(), 'db/migrations/0044_resident_profiles_default.sql'), 'utf8');
    await t.owner(sql);
    expect(await profileOf(userId)).toEqual({ email_notifications: true, contact_email: null });
  });

  it('a resident who said no gets no e-mail (the notification stays in the cabinet)', async () => {
    const email = 'bez.poshty@example.com';
    const { userId } = await resident(t, { email, name: 'Без пошти' });
    await t.owner('INSERT INTO resident_profiles (user_id, email_notifications) VALUES ($1, false)', [userId]);
    const personId = await linkedPerson(userId, 'Безпоштова');
    const id = await fx.registered(frontdesk, personId, serviceId);
    const n = (
      await t.owner<{ user_id: string; email_to: string | null; emailed_at: Date | null }>(
        "SELECT user_id, email_to, emailed_at FROM notifications WHERE application_id = $1 AND kind = 'registered'",
        [id],
      )
    ).rows[0];
    expect(n).toEqual({ user_id: userId, email_to: null, emailed_at: null });
  });
});
