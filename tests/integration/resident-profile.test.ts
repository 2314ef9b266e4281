import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { applicationFixtures } from '../helpers/applications.js';
import type { HttpClient } from '../helpers/http.js';
import { demoHromadaId } from '../factories/index.js';

let t: TestApp;
let hromadaId: number;
let residentId: string;
let resident: HttpClient;
let serviceId: string;
let settlement: string;
const fx = applicationFixtures(() => ({ t, hromadaId }));

const VALID = {
  name: 'Оксана Мешканка',
  locale: 'uk',
  phone: '067 123-45-67',
  contactEmail: 'Oksana.Contact@Example.com',
  contactChannel: 'phone',
  emailNotifications: 'yes',
  textSize: 'large',
  contrast: 'high',
  needs: ['signLanguage', 'largePrint'],
  otherNeeds: 'Зручніше після 14:00',
};

const profileRow = async () =>
  (
    await t.owner<{
      phone: string;
      contact_email: string | null;
      contact_channel: string;
      email_notifications: boolean;
      text_size: string;
      contrast: string;
      needs: string[];
      other_needs: string | null;
    }>(
      `SELECT phone, contact_email, contact_channel, email_notifications, text_size, contrast, needs, other_needs
   FROM resident_profiles WHERE user_id = $1`,
      [residentId],
    )
  ).rows[0];
const audits = async (action: string, entityId = residentId) =>
  (
    await t.owner<{ fields: string[]; operation: string; reason: string | null }>(
      'SELECT fields, operation, reason FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY id',
      [action, entityId],
    )
  ).rows;

async function saveProfile(c: HttpClient, fields: Record<string, string | string[]>) {
  await c.get('/cabinet/profile');
  return c.post('/cabinet/profile', fields);
}

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  residentId = (await t.owner<{ id: string }>("SELECT id FROM users WHERE email = 'resident@example.com'")).rows[0].id;
  resident = t.client();
  await signInAs(t, resident, { email: 'resident@example.com' });
  serviceId = await fx.addService('Догляд вдома (профіль)');
  settlement = (await t.owner<{ c: string }>('SELECT settlement_code AS c FROM district_settlements LIMIT 1')).rows[0]
    .c;
});
afterAll(async () => {
  await t?.close();
});

describe('the resident’s profile page', () => {
  it('shows a summary with a link to change it, and the form prefilled with the sign-in e-mail', async () => {
    const home = await resident.get('/cabinet');
    expect(home.status).toBe(200);
    expect(home.text).toContain('id="profile-summary"');
    expect(home.text).toMatch(/href="\/cabinet\/profile">Змінити/);
    const page = await resident.get('/cabinet/profile');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Особисті налаштування</h1>');
    expect(page.text).toMatch(/id="contactEmail"[^>]*value="resident@example.com"/);
    expect(page.text).toMatch(/name="contactChannel" type="radio" value="email" checked/);
    expect(page.text).toContain('name="_csrf"');
  });

  it('rejects bad input with Ukrainian messages beside the fields and in the summary, and saves nothing', async () => {
    const bad = await saveProfile(resident, {
      ...VALID,
      phone: '12345',
      contactEmail: 'not-an-email',
      otherNeeds: 'я'.repeat(501),
      textSize: 'huge',
      needs: ['signLanguage', 'flying'],
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('govuk-error-summary');
    for (const text of [
      'Введіть український номер телефону',
      'Введіть адресу електронної пошти у форматі name@example.com',
      'Оберіть розмір тексту',
      'Оберіть потреби зі списку',
      'Інші потреби мають бути не довшими за 500 символів',
    ]) {
      expect(bad.text).toContain(text);
    }
    expect(bad.text).toContain('href="#phone"');
    expect(bad.text).toMatch(/id="phone-error"/);
    expect(bad.text).toContain('value="12345"');
    const noPhone = await saveProfile(resident, { ...VALID, phone: '' });
    expect(noPhone.status).toBe(400);
    expect(noPhone.text).toContain('Вкажіть номер телефону, щоб ми могли вам телефонувати');
    const foreign = await saveProfile(resident, { ...VALID, phone: '+48 601 234 567' });
    expect(foreign.status).toBe(400);
    expect(await profileRow()).toBeUndefined();
    expect(await audits('resident.contacts_update')).toEqual([]);
  });

  it('saves normalised contacts and needs, audits the changed fields (never values) and applies the display settings', async () => {
    const ok = await saveProfile(resident, VALID);
    expect(ok.status, ok.text.slice(0, 500)).toBe(303);
    expect(ok.location).toBe('/cabinet?saved=1');
    expect(resident.cookies.get('a11y')).toBe('large.high');
    expect(await profileRow()).toEqual({
      phone: '+380671234567',
      contact_email: 'oksana.contact@example.com',
      contact_channel: 'phone',
      email_notifications: true,
      text_size: 'large',
      contrast: 'high',
      needs: ['signLanguage', 'largePrint'],
      other_needs: 'Зручніше після 14:00',
    });
    const entries = await audits('resident.contacts_update');
    expect(entries).toHaveLength(1);
    expect(entries[0].operation).toBe('write');
    expect(entries[0].fields).toEqual(
      expect.arrayContaining(['phone', 'contact_email', 'contact_channel', 'needs', 'other_needs']),
    );
    expect(JSON.stringify(entries)).not.toMatch(/067|oksana|14:00/i);

    const home = await resident.follow(ok);
    expect(home.text).toMatch(/<html lang="uk" class="govuk-template tb-text-large tb-contrast-high">/);
    for (const text of [
      'Зміни збережено',
      '+380 67 123 45 67',
      'o***t@example.com',
      'Телефоном',
      'Потрібен перекладач жестової мови',
    ]) {
      expect(home.text).toContain(text);
    }
    // E-mail addresses are masked on the cabinet's pages, as the sign-in address is.
    expect(home.text).not.toContain('oksana.contact@example.com');
    // The same values again change nothing and add no audit entry.
    expect((await saveProfile(resident, VALID)).status).toBe(303);
    expect(await audits('resident.contacts_update')).toHaveLength(1);
  });

  it('applies the saved display settings at every sign-in, on any browser', async () => {
    const c = t.client();
    await c.get('/resident/login');
    const r = await c.post('/resident/login', { email: 'resident@example.com', password: t.creds.password });
    expect(r.status, r.text.slice(0, 300)).toBe(303);
    expect(c.cookies.get('a11y')).toBe('large.high');
    expect((await c.get('/cabinet')).text).toContain('tb-text-large tb-contrast-high');
  });

  it('a post of only name and language leaves the contacts as they are', async () => {
    const r = await saveProfile(resident, { name: 'Оксана Мешканка', locale: 'uk' });
    expect(r.status).toBe(303);
    expect((await profileRow()).phone).toBe('+380671234567');
    expect(await audits('resident.contacts_update')).toHaveLength(1);
  });

  it('is only for residents: others go to the resident sign-in and change nothing', async () => {
    const anonymous = await t.client().get('/cabinet/profile');
    expect([anonymous.status, anonymous.location]).toEqual([302, '/resident/login']);
    const staff = t.client();
    await signInAs(t, staff, { username: 'worker' });
    expect((await staff.get('/cabinet/profile')).location).toBe('/resident/login');
    await staff.get('/staff');
    const post = await staff.post('/cabinet/profile', { ...VALID, phone: '0501112233' });
    expect([post.status, post.location]).toEqual([303, '/resident/login']);
    const noCsrf = await resident.post('/cabinet/profile', { ...VALID, phone: '0501112233', _csrf: null });
    expect(noCsrf.status).toBe(403);
    expect((await profileRow()).phone).toBe('+380671234567');
  });
});

describe('staff and notifications follow the profile', () => {
  let linkedPerson = '';
  let frontdesk: HttpClient;
  let worker: HttpClient;

  beforeAll(async () => {
    linkedPerson = await fx.addPerson('Профільна', settlement);
    await t.owner(
      `INSERT INTO resident_persons (user_id, person_id, hromada_id, verified_by) VALUES ($1, $2, $3, 'oidc')`,
      [residentId, linkedPerson, hromadaId],
    );
    await t.owner("UPDATE persons SET email = 'registry.copy@example.com' WHERE id = $1", [linkedPerson]);
    frontdesk = t.client();
    await signInAs(t, frontdesk, { username: 'frontdesk' });
    worker = t.client();
    await signInAs(t, worker, { username: 'worker' });
  });

  const notificationOf = async (applicationId: string) =>
    (
      await t.owner<{ user_id: string | null; email_to: string | null }>(
        'SELECT user_id, email_to FROM notifications WHERE application_id = $1',
        [applicationId],
      )
    ).rows;

  it('staff see how the applicant asks to be contacted and their needs; the read is audited', async () => {
    const id = fx.idOf(await fx.intake(frontdesk, linkedPerson, serviceId));
    const page = await worker.get(`/applications/${id}`);
    expect(page.status).toBe(200);
    const section = page.text.slice(page.text.indexOf('id="applicant-contact"'));
    expect(section).toContain('Зв’язок із заявником');
    for (const text of [
      'Телефоном',
      '+380 67 123 45 67',
      'Потрібен перекладач жестової мови',
      'Документи великим шрифтом',
      'Зручніше після 14:00',
    ]) {
      expect(section).toContain(text);
    }
    const read = await audits('resident.profile.view');
    expect(read.at(-1)).toMatchObject({ operation: 'read', reason: `application ${id}` });

    const stranger = await fx.addPerson('Безкабінетна', settlement);
    const other = fx.idOf(await fx.intake(frontdesk, stranger, serviceId));
    expect((await worker.get(`/applications/${other}`)).text).not.toContain('id="applicant-contact"');
  });

  it('e-mails go to the contact address, and none when the resident said no (the cabinet still gets them)', async () => {
    const first = fx.idOf(await fx.intake(frontdesk, linkedPerson, serviceId));
    expect(await notificationOf(first)).toEqual([{ user_id: residentId, email_to: 'oksana.contact@example.com' }]);

    expect((await saveProfile(resident, { ...VALID, contactEmail: '', emailNotifications: 'no' })).status).toBe(303);
    const second = fx.idOf(await fx.intake(frontdesk, linkedPerson, serviceId));
    expect(await notificationOf(second)).toEqual([{ user_id: residentId, email_to: null }]);

    expect((await saveProfile(resident, { ...VALID, contactEmail: '', emailNotifications: 'yes' })).status).toBe(303);
    const third = fx.idOf(await fx.intake(frontdesk, linkedPerson, serviceId));
    expect(await notificationOf(third)).toEqual([{ user_id: residentId, email_to: 'resident@example.com' }]);
  });
});
