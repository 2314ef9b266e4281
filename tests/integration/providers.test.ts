import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { demoHromadaId, kase, newHromada, person, service, signedIn, staffUser } from '../factories/index.js';
import { makeRnokpp } from '../../src/modules/persons/identity/index.js';
import { apiTokenFor } from '../helpers/api.js';

/** Issue 12 item 1: the provider registry — the hromada's agencies extended, their services and settings, isolation. */
let t: TestApp;
let manager: HttpClient;
let worker: HttpClient;

const audited = async (action: string, entityId: string) =>
  (await t.owner('SELECT 1 FROM audit_log WHERE action = $1 AND entity_id = $2', [action, entityId])).rowCount ?? 0;
const agencyByName = async (name: string) =>
  (
    await t.owner<{ id: number; hromada_id: number; ownership: string; code: string | null; places: number | null }>(
      'SELECT id, hromada_id, ownership, code, places FROM agencies WHERE name = $1 ORDER BY id',
      [name],
    )
  ).rows;

const form = (o: Record<string, string> = {}) => ({
  name: 'ГО «Турбота поруч»',
  ownership: 'ngo',
  code: '14360570',
  address: 'м. Старобільськ, вул. Центральна, 1',
  phone: '+380 50 123 45 67',
  email: 'info@turbota.example',
  licence: 'Запис № 123 у реєстрі надавачів',
  places: '20',
  hoursPerMonth: '640',
  staffCount: '8',
  active: 'yes',
  agreementNumber: '',
  'agreementDate-day': '',
  'agreementDate-month': '',
  'agreementDate-year': '',
  ...o,
});
const idOf = (location: string | null) => Number(/\/providers\/(\d+)/.exec(location ?? '')?.[1]);

beforeAll(async () => {
  t = await startTestApp();
  manager = await signedIn(t, 'manager');
  worker = await signedIn(t, 'worker');
});
afterAll(async () => {
  await t?.close();
});

describe('the registry', () => {
  it('lists the demo hromada’s existing agencies as communal providers, keeping their ids', async () => {
    const r = await worker.get('/providers');
    expect(r.status).toBe(200);
    expect(r.text).toContain('Територіальний центр соціального обслуговування');
    expect(r.text).toContain('Центр соціальних служб');
    expect(r.text).toContain('Комунальний заклад (установа)');
    const [tercentr] = await agencyByName('Територіальний центр соціального обслуговування');
    expect(r.text).toContain(`/providers/${tercentr?.id}`);
    // Its staff (the demo provider's grant) show on its page.
    const page = await worker.get(`/providers/${tercentr?.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/id="provider-staff"[\s\S]*Надавач послуг/);
    expect(page.text).not.toContain('id="provider-edit"');
  });

  it('a bad ЄДРПОУ is refused in Ukrainian and nothing is saved', async () => {
    await manager.get('/providers/new');
    const r = await manager.post('/providers', form({ name: 'ГО «Помилковий код»', code: '14360571' }));
    expect(r.status).toBe(400);
    expect(r.text).toContain('Код ЄДРПОУ введено з помилкою: не збігається контрольна цифра');
    expect(r.text).toContain('href="#code"');
    expect(r.text).toContain('value="ГО «Помилковий код»"');
    const short = await manager.post('/providers', form({ name: 'ГО «Помилковий код»', code: '1436' }));
    expect(short.text).toContain('Код ЄДРПОУ має складатися з 8 цифр');
    // A ФОП is identified by a РНОКПП; an 8-digit code is refused for it.
    const fop = await manager.post('/providers', form({ name: 'ГО «Помилковий код»', ownership: 'fop' }));
    expect(fop.text).toContain('РНОКПП ФОП має складатися з 10 цифр');
    // Every field's problem shows at once: the code is checked though the name is missing and a count is wrong.
    const several = await manager.post('/providers', form({ name: '', places: '-1', code: '14360571' }));
    expect(several.status).toBe(400);
    expect(several.text).toContain('Кількість місць — ціле число від 0');
    expect(several.text).toContain('Зазначте назву надавача');
    expect(several.text).toContain('Код ЄДРПОУ введено з помилкою');
    expect(await agencyByName('ГО «Помилковий код»')).toEqual([]);
  });

  it('a manager creates and edits a provider, both audited; the list filters by form and activity', async () => {
    const r = await manager.post('/providers', form());
    expect(r.status, r.text.slice(0, 500)).toBe(303);
    const id = idOf(r.location);
    expect(id).toBeGreaterThan(0);
    expect(await audited('provider.create', String(id))).toBe(1);
    expect(r.location).toBe(`/providers/${id}?done=created`);
    const page = await manager.get(r.location ?? '');
    expect(page.text).toContain('Надавача додано до реєстру.');
    expect(page.text).toContain('Громадська організація');
    expect(page.text).toContain('14360570');
    expect(page.text).toContain('640');

    const edit = await manager.get(`/providers/${id}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain('value="14360570"');
    const saved = await manager.post(
      `/providers/${id}`,
      form({
        active: '',
        places: '25',
        agreementNumber: '7-М',
        'agreementDate-day': '15',
        'agreementDate-month': '3',
        'agreementDate-year': '2025',
      }),
    );
    expect(saved.status, saved.text.slice(0, 500)).toBe(303);
    const [row] = await agencyByName('ГО «Турбота поруч»');
    expect(row?.places).toBe(25);
    const entry = (
      await t.owner<{ fields: string[] }>(
        "SELECT fields FROM audit_log WHERE action = 'provider.update' AND entity_id = $1",
        [String(id)],
      )
    ).rows[0];
    expect(entry?.fields.sort()).toEqual(['interMunicipalAgreement', 'providerActive', 'providerCapacity']);
    const after = await manager.get(`/providers/${id}`);
    expect(after.text).toContain('№ 7-М від 15.03.2025');
    expect(after.text).toContain('Не діє');

    const ngo = await manager.get('/providers?ownership=ngo');
    expect(ngo.text).toContain('ГО «Турбота поруч»');
    expect(ngo.text).not.toContain('Центр соціальних служб');
    const activeOnly = await manager.get('/providers?ownership=ngo&active=only');
    expect(activeOnly.text).not.toContain('ГО «Турбота поруч»');
    expect(activeOnly.text).toContain('id="providers-empty"');

    // The same code twice in one hromada is refused.
    const twice = await manager.post('/providers', form({ name: 'ГО «Двійник»' }));
    expect(twice.status).toBe(400);
    expect(twice.text).toContain('Надавач із таким кодом уже є в реєстрі громади');
  });

  it('a ФОП is registered with its РНОКПП', async () => {
    const code = makeRnokpp('1980-05-05', 'female', 123);
    const r = await manager.post('/providers', form({ name: 'ФОП Доглядальниця', ownership: 'fop', code }));
    expect(r.status, r.text.slice(0, 500)).toBe(303);
    expect((await agencyByName('ФОП Доглядальниця'))[0]?.code).toBe(code);
  });

  it('records the services a provider delivers and where, audited; the catalogue service must exist', async () => {
    const care = await service(t, { name: 'Догляд вдома (реєстр)' });
    const [tercentr] = await agencyByName('Територіальний центр соціального обслуговування');
    const id = tercentr?.id ?? 0;
    await manager.get(`/providers/${id}`);
    const none = await manager.post(`/providers/${id}/services`, { serviceId: care.id });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Виберіть, де надається послуга');
    const add = await manager.post(`/providers/${id}/services`, {
      serviceId: care.id,
      settings: ['home', 'day_centre'],
    });
    expect(add.status).toBe(303);
    expect(await audited('provider.service.add', String(id))).toBe(1);
    const page = await worker.get(`/providers/${id}`);
    expect(page.text).toMatch(/Догляд вдома \(реєстр\)[\s\S]*Вдома[\s\S]*У денному центрі/);
    // The catalogue's own list of who delivers the service (what the hand-over offers) names the provider now.
    const inCatalogue = async () =>
      (await t.owner('SELECT 1 FROM service_providers WHERE agency_id = $1 AND service_id = $2', [id, care.id]))
        .rowCount;
    expect(await inCatalogue()).toBe(1);
    const delivered = (
      await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM service_providers WHERE agency_id = $1', [id])
    ).rows[0].n;
    const list = await worker.get('/providers');
    expect(list.text).toMatch(new RegExp(`/providers/${id}"[\\s\\S]*?numeric"[^>]*>${delivered}<`));
    const remove = await manager.post(`/providers/${id}/services/remove`, { serviceId: care.id, setting: 'home' });
    expect(remove.status).toBe(303);
    expect(await audited('provider.service.remove', String(id))).toBe(1);
    const rows = await t.owner('SELECT setting FROM provider_services WHERE agency_id = $1 AND service_id = $2', [
      id,
      care.id,
    ]);
    expect(rows.rows).toEqual([{ setting: 'day_centre' }]);
    expect(await inCatalogue()).toBe(1);
    // Its last setting removed, the provider no longer delivers the service: it leaves the catalogue's list too.
    await manager.post(`/providers/${id}/services/remove`, { serviceId: care.id, setting: 'day_centre' });
    expect(await inCatalogue()).toBe(0);
    // A service the catalogue card names the provider for shows without a setting.
    const other = await service(t, { name: 'Консультування (реєстр)', providers: [id] });
    const page2 = await worker.get(`/providers/${id}`);
    expect(page2.text).toMatch(/Консультування \(реєстр\)[\s\S]*?Місце надання не вказано/);
    expect(other.id).toBeTruthy();
  });
});

describe('an inactive provider', () => {
  it('gets no new hand-overs: not offered on a case plan, refused there; a plan item that has it keeps it', async () => {
    const created = await manager.post('/providers', form({ name: 'ГО «Пауза»', code: '' }));
    expect(created.status, created.text.slice(0, 300)).toBe(303);
    const id = idOf(created.location);
    const care = await service(t, { name: 'Денний догляд (неактивний надавач)', providers: [id] });
    const worker = await signedIn(t, 'worker');
    const k = await kase(t, { personId: await person(t, { lastName: 'Пауза' }) });
    const planForm = (agencyId: number) => ({
      version: '0',
      rows: '1',
      'i0-kind': 'service',
      'i0-serviceId': care.id,
      'i0-agencyId': String(agencyId),
      'i0-text': 'Двічі на тиждень',
    });
    expect((await worker.get(`/cases/${k.id}/plan`)).text).toContain('ГО «Пауза»');
    expect((await worker.post(`/cases/${k.id}/plan`, planForm(id))).status).toBe(303);
    // The registry marks it inactive.
    await manager.get(`/providers/${id}/edit`);
    expect((await manager.post(`/providers/${id}`, form({ name: 'ГО «Пауза»', code: '', active: '' }))).status).toBe(
      303,
    );
    // The plan that has it keeps it (saved again unchanged), and still shows it in its choices.
    const version = (await t.owner<{ version: number }>('SELECT version FROM case_plans WHERE case_id = $1', [k.id]))
      .rows[0].version;
    const item = (await t.owner<{ id: string }>('SELECT id FROM case_plan_items WHERE case_id = $1', [k.id])).rows[0];
    expect((await worker.get(`/cases/${k.id}/plan`)).text).toContain('ГО «Пауза»');
    const again = await worker.post(`/cases/${k.id}/plan`, {
      ...planForm(id),
      version: String(version),
      'i0-id': item.id,
    });
    expect(again.status, again.text.slice(0, 300)).toBe(303);
    // Another case's plan is not offered it, and choosing it anyway is refused.
    const other = await kase(t, { personId: await person(t, { lastName: 'Інша' }) });
    expect((await worker.get(`/cases/${other.id}/plan`)).text).not.toContain('ГО «Пауза»');
    const refused = await worker.post(`/cases/${other.id}/plan`, planForm(id));
    expect(refused.status).toBe(400);
    expect((await t.owner('SELECT 1 FROM case_plan_items WHERE case_id = $1', [other.id])).rowCount).toBe(0);
  });
});

describe('in English', () => {
  it('the registry reads in English for a user who chose it', async () => {
    const c = await signedIn(t, 'manager');
    await c.get('/providers');
    expect((await c.post('/settings/language', { locale: 'en' })).status).toBe(303);
    const list = await c.get('/providers');
    expect(list.text).toContain('Social service providers');
    expect(list.text).toContain('Communal institution');
    const form = await c.get('/providers/new');
    expect(form.text).toContain('Form of ownership');
    expect(form.text).not.toContain('providers.');
  });
});

describe('who may', () => {
  it('a worker reads but cannot create or edit (403)', async () => {
    const [css] = await agencyByName('Центр соціальних служб');
    expect((await worker.get('/providers/new')).status).toBe(403);
    expect((await worker.get(`/providers/${css?.id}/edit`)).status).toBe(403);
    expect((await worker.post('/providers', form({ name: 'ГО «Від працівника»', code: '00032129' }))).status).toBe(403);
    expect((await worker.post(`/providers/${css?.id}`, form({ name: 'Змінено', code: '00032129' }))).status).toBe(403);
    expect(await agencyByName('ГО «Від працівника»')).toEqual([]);
    expect(await agencyByName('Змінено')).toEqual([]);
  });

  it('the front office and a provider are refused the registry', async () => {
    for (const who of ['frontdesk', 'provider']) {
      const c = await signedIn(t, who);
      expect((await c.get('/providers')).status, who).toBe(403);
      expect((await c.get('/providers/new')).status, who).toBe(403);
    }
  });

  it('the staff home links the registry for those who read it', async () => {
    expect((await worker.get('/staff')).text).toContain('href="/providers"');
    const front = await signedIn(t, 'frontdesk');
    expect((await front.get('/staff')).text).not.toContain('href="/providers"');
  });
});

describe('many hromadas', () => {
  it('the same legal entity is registered in two hromadas, each its own row; another hromada’s provider is 404', async () => {
    const other = await newHromada(t);
    const boss = await staffUser(t, { role: 'manager', hromadaId: other.id });
    const otherManager = await signedIn(t, boss.username, { hromadaCode: other.code });
    await otherManager.get('/providers/new');
    const there = await otherManager.post('/providers', form({ name: 'Міжмуніципальний центр', code: '40075815' }));
    expect(there.status, there.text.slice(0, 500)).toBe(303);
    const here = await manager.post(
      '/providers',
      form({
        name: 'Міжмуніципальний центр',
        code: '40075815',
        agreementNumber: '12',
        'agreementDate-day': '1',
        'agreementDate-month': '2',
        'agreementDate-year': '2026',
      }),
    );
    expect(here.status, here.text.slice(0, 500)).toBe(303);
    const rows = await agencyByName('Міжмуніципальний центр');
    expect(rows.map((r) => r.hromada_id).sort()).toEqual([await demoHromadaId(t), other.id].sort());
    const theirs = idOf(there.location);
    expect((await manager.get(`/providers/${theirs}`)).status).toBe(404);
    expect((await manager.get(`/providers/${theirs}/edit`)).status).toBe(404);
    expect((await manager.post(`/providers/${theirs}`, form({ name: 'Захоплено', code: '40075815' }))).status).toBe(
      404,
    );
    expect((await worker.get('/providers')).text).not.toContain(`/providers/${theirs}"`);
    expect((await otherManager.get('/providers')).text).not.toContain('Центр соціальних служб');
  });
});

describe('/api/v1/providers', () => {
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('registers a provider with its services (201), lists and reads it; bad input saves nothing', async () => {
    const token = await apiTokenFor(t, 'manager');
    const svc = await service(t, { name: 'Догляд вдома (API)' });
    const body = {
      name: 'БО «Милосердя» (API)',
      ownership: 'charity',
      code: '20000019',
      places: 12,
      services: [{ serviceId: svc.id, settings: ['home', 'remote'] }],
    };
    for (const [bad, field] of [
      [{ ...body, code: '20000018' }, 'code'],
      [{ ...body, ownership: 'fop' }, 'code'],
      [{ ...body, name: '' }, 'name'],
      [{ ...body, services: [{ serviceId: svc.id, settings: [] }] }, 'services.0.settings'],
      [{ ...body, places: -1 }, 'places'],
      [{ ...body, extra: 1 }, ''],
    ] as const) {
      const r = await call(token, 'POST', '/providers', bad);
      expect(r.status, JSON.stringify(r.json)).toBe(400);
      expect(JSON.stringify(r.json.errors)).toContain(`"path":"${field}"`);
    }
    // A service of no catalogue of this hromada: refused as a whole, no provider left behind.
    const foreign = await call(token, 'POST', '/providers', {
      ...body,
      services: [{ serviceId: '00000000-0000-4000-8000-000000000000', settings: ['home'] }],
    });
    expect(foreign.status, JSON.stringify(foreign.json)).toBe(400);
    expect(await agencyByName(body.name)).toEqual([]);

    const made = await call(token, 'POST', '/providers', body);
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    expect(made.json).toMatchObject({
      name: body.name,
      ownership: 'charity',
      code: '20000019',
      places: 12,
      active: true,
      services: [{ serviceId: svc.id, name: 'Догляд вдома (API)', settings: ['home', 'remote'] }],
    });
    const id = Number(made.json.id);
    expect(await audited('api.providers.create', String(id))).toBe(1);
    // The catalogue now names it as the service's provider (what the hand-over offers).
    const listed = await t.owner('SELECT 1 FROM service_providers WHERE agency_id = $1 AND service_id = $2', [
      id,
      svc.id,
    ]);
    expect(listed.rowCount).toBe(1);

    const again = await call(token, 'POST', '/providers', { ...body, name: 'Інша назва' });
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.json)).toContain('Надавач із таким кодом уже є');

    const list = await call(token, 'GET', '/providers?ownership=charity&limit=100');
    expect(list.status).toBe(200);
    expect(list.json.items).toEqual(expect.arrayContaining([expect.objectContaining({ id, services: 1 })]));
    const got = await call(token, 'GET', `/providers/${id}`);
    expect(got.status).toBe(200);
    expect(got.json.name).toBe(body.name);
  });

  it('a worker reads but may not register; another hromada’s provider is 404; a provider is refused', async () => {
    const workerToken = await apiTokenFor(t, 'worker');
    expect((await call(workerToken, 'GET', '/providers')).status).toBe(200);
    const refused = await call(workerToken, 'POST', '/providers', { name: 'Не можна', ownership: 'ngo' });
    expect(refused.status).toBe(403);
    expect(await agencyByName('Не можна')).toEqual([]);
    const other = await newHromada(t);
    const theirs = (
      await t.owner<{ id: number }>(
        `INSERT INTO agencies (hromada_id, name, kind) VALUES ($1, 'Чужий надавач', 'provider') RETURNING id`,
        [other.id],
      )
    ).rows[0].id;
    expect((await call(workerToken, 'GET', `/providers/${theirs}`)).status).toBe(404);
    const list = await call(workerToken, 'GET', '/providers?limit=100');
    expect(JSON.stringify(list.json)).not.toContain('Чужий надавач');
    const providerToken = await apiTokenFor(t, 'provider');
    expect((await call(providerToken, 'GET', '/providers')).status).toBe(403);
  });
});
