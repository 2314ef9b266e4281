import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';

let t: TestApp;
let admin: HttpClient;
let homeCareId: string;
let tercentrId: number;

/** A complete, valid form for the home-care card with the given changes. */
function homeCareForm(over: Record<string, string | string[] | null> = {}): Record<string, string | string[] | null> {
  return {
    name: 'Догляд вдома',
    code: '015.1',
    nameEn: 'Home care',
    description: 'Соціальний робітник приходить додому і допомагає з покупками, прибиранням та оплатою послуг.',
    recipients: 'Люди похилого віку та особи з інвалідністю.',
    conditions: '',
    eligibleCategories: ['elderly_alone', 'disability_1'],
    minAge: '18',
    maxAge: '',
    cost: 'differentiated',
    tariff: 'За тарифами виконавчого комітету',
    maxProcessingDays: '10',
    channels: ['online', 'front_office', 'starosta'],
    providers: [String(tercentrId)],
    legalBasis: 'Закон України «Про соціальні послуги» №2671-VIII',
    doc0Name: 'Заява',
    doc0Required: '1',
    doc1Name: 'Паспорт',
    doc1Required: '1',
    doc2Name: 'Відомості про зареєстрованих у житловому приміщенні осіб',
    doc2Office: '1',
    doc2Required: '1',
    doc3Name: '',
    step0Title: 'Прийняти заяву',
    step0Role: 'адміністратор фронт-офісу',
    step0Days: '1',
    step1Title: 'Оцінити потреби',
    step1Role: 'фахівець із соціальної роботи',
    step1Days: '7',
    step2Title: '',
    step2Role: '',
    step2Days: '',
    ...over,
  };
}

beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  await signInAs(t, admin, { username: 'admin' });
  homeCareId = (await t.owner<{ id: string }>("SELECT id FROM services WHERE code = '015.1'")).rows[0].id;
  tercentrId = (await t.owner<{ id: number }>("SELECT id FROM agencies WHERE name LIKE 'Територіальний центр%'"))
    .rows[0].id;
});
afterAll(async () => {
  await t.close();
});

describe('who may edit the catalogue', () => {
  it('sends an anonymous visitor to the login page and refuses a worker with 403', async () => {
    const anon = await t.client().get('/admin/catalogue');
    expect(anon.status).toBe(302);
    expect(anon.location).toBe('/login');
    const worker = t.client();
    await signInAs(t, worker, { username: 'worker' });
    expect((await worker.get('/admin/catalogue')).status).toBe(403);
    expect((await worker.get(`/admin/catalogue/${homeCareId}/edit`)).status).toBe(403);
    await worker.get('/staff');
    expect((await worker.post(`/admin/catalogue/${homeCareId}/deactivate`, { reason: 'x' })).status).toBe(403);
    const still = await t.owner<{ active: boolean }>('SELECT active FROM services WHERE id = $1', [homeCareId]);
    expect(still.rows[0].active).toBe(true);
  });

  it('shows the catalogue link on the staff home of an administrator and a manager only', async () => {
    expect((await admin.get('/staff')).text).toContain('href="/admin/catalogue"');
    const manager = t.client();
    await signInAs(t, manager, { username: 'manager' });
    expect((await manager.get('/staff')).text).toContain('href="/admin/catalogue"');
    expect((await manager.get('/admin/catalogue')).status).toBe(200);
    const worker = t.client();
    await signInAs(t, worker, { username: 'worker' });
    expect((await worker.get('/staff')).text).not.toContain('href="/admin/catalogue"');
  });
});

describe('creating a service', () => {
  it('refuses bad input with 400 and Ukrainian messages, and saves nothing', async () => {
    const before = await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM services');
    await admin.get('/admin/catalogue/new');
    const res = await admin.post('/admin/catalogue/new', {
      name: '',
      code: '15',
      description: 'коротко',
      cost: 'paid',
      tariff: '',
      maxProcessingDays: 'десять',
      doc0Name: 'Х',
      step0Title: '',
      step0Role: '',
      step0Days: 'abc',
    });
    expect(res.status).toBe(400);
    for (const msg of [
      'Вкажіть назву',
      'Код має бути у форматі 015.1',
      'Опишіть послугу простою мовою',
      'Для платної послуги вкажіть тариф',
      'Вкажіть строк',
      'Оберіть, де можна звернутися',
      'Назва документа має містити',
      'Строк етапу',
    ])
      expect(res.text).toContain(msg);
    expect(res.text).toContain('href="#doc0Name"');
    expect(res.text).toContain('>коротко</textarea>');
    const after = await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM services');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('refuses a taken classifier code and a crisis service with a long deadline', async () => {
    const res = await admin.post('/admin/catalogue/new', homeCareForm({ name: 'Догляд вдома 2', crisis: '1' }));
    expect(res.status).toBe(400);
    expect(res.text).toContain('строк рішення — не більше 1 дня');
    const taken = await admin.post('/admin/catalogue/new', homeCareForm({ name: 'Догляд вдома 2' }));
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('Послуга з таким кодом уже є');
  });

  it('creates a service with documents, steps and providers, audited', async () => {
    const res = await admin.post(
      '/admin/catalogue/new',
      homeCareForm({ name: 'Соціальна кав’ярня', code: '', cost: 'free', tariff: '' }),
    );
    expect(res.status).toBe(303);
    const id = /\/admin\/catalogue\/([0-9a-f-]{36})\/history/.exec(res.location ?? '')?.[1] ?? '';
    const docs = await t.owner<{ name: string; obtained_by_office: boolean }>(
      'SELECT name, obtained_by_office FROM service_documents WHERE service_id = $1 ORDER BY position',
      [id],
    );
    expect(docs.rows.map((d) => [d.name, d.obtained_by_office])).toEqual([
      ['Заява', false],
      ['Паспорт', false],
      ['Відомості про зареєстрованих у житловому приміщенні осіб', true],
    ]);
    const steps = await t.owner<{ title: string }>(
      'SELECT title FROM service_steps WHERE service_id = $1 ORDER BY position',
      [id],
    );
    expect(steps.rows.map((s) => s.title)).toEqual(['Прийняти заяву', 'Оцінити потреби']);
    const audit = await t.owner(
      "SELECT actor_label FROM audit_log WHERE action = 'catalogue.service.create' AND entity_id = $1",
      [id],
    );
    expect(audit.rowCount).toBe(1);
    expect((await t.client().get('/services')).text).toContain('Соціальна кав’ярня');
  });
});

describe('editing a service', () => {
  it('needs a reason for the change', async () => {
    await admin.get(`/admin/catalogue/${homeCareId}/edit`);
    const res = await admin.post(`/admin/catalogue/${homeCareId}/edit`, homeCareForm({ version: '1', reason: '' }));
    expect(res.status).toBe(400);
    expect(res.text).toContain('Вкажіть причину зміни');
  });

  it('keeps the old card in the history, bumps the version and writes the audit trail', async () => {
    const old = await t.owner<{ description: string; tariff: string }>(
      'SELECT description, tariff FROM services WHERE id = $1',
      [homeCareId],
    );
    const res = await admin.post(
      `/admin/catalogue/${homeCareId}/edit`,
      homeCareForm({ version: '1', reason: 'Новий тариф на 2026 рік', tariff: 'Новий тариф: 50 грн за годину' }),
    );
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/admin/catalogue/${homeCareId}/history?done=updated`);
    const s = await t.owner<{ version: number; tariff: string }>('SELECT version, tariff FROM services WHERE id = $1', [
      homeCareId,
    ]);
    expect(s.rows[0]).toEqual({ version: 2, tariff: 'Новий тариф: 50 грн за годину' });
    const h = await t.owner<{
      version: number;
      reason: string;
      snapshot: { description: string; tariff: string; requiredDocuments: unknown[] };
    }>('SELECT version, reason, snapshot FROM service_history WHERE service_id = $1', [homeCareId]);
    expect(h.rows).toHaveLength(1);
    expect(h.rows[0].version).toBe(1);
    expect(h.rows[0].reason).toBe('Новий тариф на 2026 рік');
    expect(h.rows[0].snapshot.description).toBe(old.rows[0].description);
    expect(h.rows[0].snapshot.tariff).toBe(old.rows[0].tariff);
    expect(h.rows[0].snapshot.requiredDocuments).toHaveLength(5);
    const audit = await t.owner<{ fields: string[]; reason: string }>(
      "SELECT fields, reason FROM audit_log WHERE action = 'catalogue.service.update' AND entity_id = $1",
      [homeCareId],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].fields).toEqual(
      expect.arrayContaining(['tariff', 'description', 'requiredDocuments', 'steps']),
    );
    const page = await admin.get(`/admin/catalogue/${homeCareId}/history?done=updated`);
    expect(page.text).toContain('Версія 1 → 2');
    expect(page.text).toContain('Новий тариф на 2026 рік');
    expect(page.text).toContain('Олена Адміністраторка');
    expect(page.text).toContain(old.rows[0].tariff);
  });

  it('refuses a stale form and saves nothing when nothing changed', async () => {
    const stale = await admin.post(
      `/admin/catalogue/${homeCareId}/edit`,
      homeCareForm({ version: '1', reason: 'ще раз' }),
    );
    expect(stale.status).toBe(400);
    expect(stale.text).toContain('тим часом змінив інший користувач');
    const same = await admin.post(
      `/admin/catalogue/${homeCareId}/edit`,
      homeCareForm({ version: '2', reason: 'без змін', tariff: 'Новий тариф: 50 грн за годину' }),
    );
    expect(same.location).toBe(`/admin/catalogue/${homeCareId}/history?done=unchanged`);
    const v = await t.owner<{ version: number }>('SELECT version FROM services WHERE id = $1', [homeCareId]);
    expect(v.rows[0].version).toBe(2);
  });
});

describe('switching a service off', () => {
  it('asks for confirmation, hides the service from the public list and the API, and records it', async () => {
    const confirm = await admin.get(`/admin/catalogue/${homeCareId}/deactivate`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Вимкнути послугу «Догляд вдома»?');
    const res = await admin.post(`/admin/catalogue/${homeCareId}/deactivate`, {
      reason: 'Послугу передано іншому надавачу',
    });
    expect(res.status).toBe(303);
    expect((await t.client().get('/services')).text).not.toContain('>Догляд вдома<');
    expect((await t.client().get(`/services/${homeCareId}`)).status).toBe(404);
    const token = `tb_cat_${crypto.randomBytes(12).toString('hex')}`;
    await t.owner(
      `INSERT INTO api_tokens (hromada_id, user_id, name, token_hash, prefix)
      SELECT g.hromada_id, u.id, 'test', $1, 'tb_cat_' FROM users u JOIN grants g ON g.user_id = u.id WHERE u.username = 'worker'`,
      [crypto.createHash('sha256').update(token).digest('hex')],
    );
    const auth = { authorization: `Bearer ${token}` };
    const list = (await t.client().get('/api/v1/services', auth)).json<{ items: { id: string }[] }>();
    expect(list.items.map((i) => i.id)).not.toContain(homeCareId);
    expect((await t.client().get(`/api/v1/services/${homeCareId}`, auth)).status).toBe(404);
    expect((await admin.get('/admin/catalogue')).text).toContain('Вимкнена');
    const h = await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM service_history WHERE service_id = $1', [
      homeCareId,
    ]);
    expect(h.rows[0].n).toBe(2);
    expect(
      (
        await t.owner("SELECT 1 FROM audit_log WHERE action = 'catalogue.service.deactivate' AND entity_id = $1", [
          homeCareId,
        ])
      ).rowCount,
    ).toBe(1);
    await admin.post(`/admin/catalogue/${homeCareId}/activate`, { reason: '' });
    expect((await t.client().get(`/services/${homeCareId}`)).status).toBe(200);
  });
});

describe('life situations', () => {
  it('edits the instruction and linked services', async () => {
    const sit = (await t.owner<{ id: string }>("SELECT id FROM life_situations WHERE slug = 'vykhid-na-pensiiu'"))
      .rows[0].id;
    await admin.get(`/admin/catalogue/situations/${sit}`);
    const bad = await admin.post(`/admin/catalogue/situations/${sit}`, {
      name: 'Вихід на пенсію',
      instruction: '  ',
      services: [],
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Додайте хоча б один крок');
    const res = await admin.post(`/admin/catalogue/situations/${sit}`, {
      name: 'Вихід на пенсію',
      summary: '',
      instruction: 'Оформіть пенсію\nЗверніться по денний догляд',
      services: [homeCareId],
    });
    expect(res.status).toBe(303);
    const page = await t.client().get('/life-situations/vykhid-na-pensiiu');
    expect(page.text).toContain('Зверніться по денний догляд');
    expect(page.text).toContain(`href="/services/${homeCareId}"`);
    expect(page.text).not.toContain('Соціальне таксі');
    expect(
      (await t.owner("SELECT 1 FROM audit_log WHERE action = 'catalogue.situation.update' AND entity_id = $1", [sit]))
        .rowCount,
    ).toBe(1);
  });
});
