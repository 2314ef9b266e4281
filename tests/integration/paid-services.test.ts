import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { apiTokenFor } from '../helpers/api.js';
import { pdfText } from './subject-report.pdf-text.js';
import {
  agency,
  demoHromadaId,
  newHromada,
  person,
  resident,
  service,
  serviceAct,
  signedIn,
  staffUser,
} from '../factories/index.js';

/**
 * Issue 12 item 5: paid services — tariffs, income and categories, the month's invoices from the acts (one full run
 * through HTTP, its arithmetic checked by hand), idempotent re-runs, payments, the API, the cabinet, and isolation.
 */
let t: TestApp;
let hromadaId: number;
let manager: HttpClient;
let worker: HttpClient;
let providerA: HttpClient;
let providerB: HttpClient;
let providerAName = '';
let agencyA = 0;
let agencyB = 0;
let care = '';
const p: Record<'one' | 'two' | 'three', string> = { one: '', two: '', three: '' };
let residentOne = { email: '' };

const one = async <T extends Record<string, unknown>>(sql: string, values: unknown[] = []) =>
  (await t.owner<T>(sql, values)).rows[0];
const invoiceOf = (personId: string) =>
  one<{ id: string; total: string; number: string; purpose: string }>(
    `SELECT id, total::text, number, purpose FROM paid_service_invoices WHERE person_id = $1 AND month = '2026-03-01'`,
    [personId],
  );
const count = async (table: string) => Number((await one<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).n);

const tariff = (o: Record<string, string> = {}) => ({
  agencyId: String(agencyA),
  serviceId: care,
  unit: 'hour',
  price: '50,00',
  validFrom: '01.01.2026',
  validTo: '15.03.2026',
  source: 'catalogue',
  ...o,
});

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  manager = await signedIn(t, 'manager');
  worker = await signedIn(t, 'worker');
  providerAName = `ГО «Опіка» ${Date.now()}`;
  agencyA = await agency(t, { name: providerAName });
  agencyB = await agency(t);
  const a = await staffUser(t, { role: 'provider', agencyId: agencyA });
  const b = await staffUser(t, { role: 'provider', agencyId: agencyB });
  providerA = await signedIn(t, a.username);
  providerB = await signedIn(t, b.username);
  care = (await service(t, { name: 'Догляд вдома (платний)', cost: 'paid', providers: [agencyA, agencyB] })).id;
  p.one = await person(t, { lastName: 'Оплатна', firstName: 'Ганна', birthDate: '1944-02-03' });
  p.two = await person(t, { lastName: 'Диференційна', firstName: 'Олена', birthDate: '1946-04-05' });
  p.three = await person(t, { lastName: 'Безоплатний', firstName: 'Петро', birthDate: '1941-06-07' });
  residentOne = await resident(t, { persons: [p.one] });
});
afterAll(async () => {
  await t?.close();
});

describe('tariffs, income and categories', () => {
  it('sets two tariffs of one provider and service; an overlapping period is refused, nothing saved', async () => {
    await manager.get('/paid-services/tariffs');
    const first = await manager.post('/paid-services/tariffs', tariff());
    expect(first.status).toBe(303);
    const second = await manager.post(
      '/paid-services/tariffs',
      tariff({ price: '60', validFrom: '16.03.2026', validTo: '' }),
    );
    expect(second.status).toBe(303);
    const before = await count('paid_service_tariffs');
    const overlap = await manager.post(
      '/paid-services/tariffs',
      tariff({ price: '70', validFrom: '01.03.2026', validTo: '31.03.2026' }),
    );
    expect(overlap.status).toBe(400);
    expect(overlap.text).toContain('Період тарифу перетинається з іншим тарифом цього надавача на цю послугу');
    expect(overlap.text).toContain('href="#validFrom"');
    expect(await count('paid_service_tariffs')).toBe(before);
    // Another provider may have its own tariff for the same days.
    const page = await manager.get('/paid-services/tariffs');
    expect(page.text).toContain('50,00');
    expect(page.text).toContain('60,00');
  });

  it('income without its quarter is refused in Ukrainian; with it, recorded once per quarter', async () => {
    await manager.get(`/paid-services/recipients/${p.two}`);
    const income = {
      year: '2025',
      quarter: '4',
      totalIncome: '36336,00',
      members: '2',
      documents: 'Довідки про пенсію',
    };
    const missing = await manager.post(`/paid-services/recipients/${p.two}/incomes`, { ...income, quarter: '' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Вкажіть квартал, за який зазначено дохід');
    expect(await count('paid_service_incomes')).toBe(0);
    expect((await manager.post(`/paid-services/recipients/${p.two}/incomes`, income)).status).toBe(303);
    const twice = await manager.post(`/paid-services/recipients/${p.two}/incomes`, income);
    expect(twice.status).toBe(400);
    expect(twice.text).toContain('Дохід за цей квартал уже внесено');
    expect(await count('paid_service_incomes')).toBe(1);
  });

  it('a category by income takes the quarter before the month preceding the decision and the rules of that day', async () => {
    const category = {
      serviceId: care,
      kind: 'income',
      ground: '',
      decidedOn: '10.03.2026',
      validFrom: '01.03.2026',
      validTo: '',
    };
    // No income for Q1 2026 (a decision on 10.05.2026 would need it).
    const noIncome = await manager.post(`/paid-services/recipients/${p.two}/categories`, {
      ...category,
      decidedOn: '10.05.2026',
    });
    expect(noIncome.status).toBe(400);
    expect(noIncome.text).toContain('Немає внесеного доходу за 1 квартал 2026 року');
    // 36336,00 / 3 / 2 = 6056,00 = exactly 2 × 3028: the first differentiated band, 20 %.
    expect((await manager.post(`/paid-services/recipients/${p.two}/categories`, category)).status).toBe(303);
    const k = await one<{ share_bp: number; ratio: string }>(
      'SELECT share_bp, ratio::text FROM paid_service_categories WHERE person_id = $1',
      [p.two],
    );
    expect(k).toEqual({ share_bp: 2000, ratio: '2.0000' });
    // Free needs a ground of art. 28; an overlapping period is refused.
    const noGround = await manager.post(`/paid-services/recipients/${p.three}/categories`, {
      ...category,
      kind: 'free',
      validFrom: '20.03.2026',
    });
    expect(noGround.status).toBe(400);
    expect(noGround.text).toContain('Для безоплатних послуг оберіть підставу зі статті 28');
    const free = { ...category, kind: 'free', ground: 'violence', validFrom: '20.03.2026' };
    expect((await manager.post(`/paid-services/recipients/${p.three}/categories`, free)).status).toBe(303);
    const overlap = await manager.post(`/paid-services/recipients/${p.three}/categories`, {
      ...category,
      kind: 'full',
      validFrom: '25.03.2026',
    });
    expect(overlap.status).toBe(400);
    expect(overlap.text).toContain('Період перетинається з іншою категорією оплати цієї послуги');
  });
});

describe('the hromada’s rules and payee details', () => {
  it('dated rules replace a default of the same day; bands with a gap are refused; payee details are checked', async () => {
    await manager.get('/paid-services/settings');
    const rules = {
      validFrom: '01.07.2026',
      subsistence: '3328,00',
      freeBelow: '2',
      fullAbove: '4',
      bands: '2-3: 30\n3-4: 70',
    };
    const gap = await manager.post('/paid-services/settings/rules', { ...rules, bands: '2-3: 30' });
    expect(gap.status).toBe(400);
    expect(gap.text).toContain('Смуги мають іти від одного порогу до другого без пропусків');
    const format = await manager.post('/paid-services/settings/rules', { ...rules, bands: 'два-три' });
    expect(format.text).toContain('Кожен рядок має бути у форматі «від-до: відсоток»');
    expect(await count('paid_service_rules')).toBe(0);
    expect((await manager.post('/paid-services/settings/rules', rules)).status).toBe(303);
    const page = await manager.get('/paid-services/settings');
    expect(page.text).toContain('01.07.2026');
    expect(page.text).toContain('3\u00a0328,00');
    expect(page.text).toContain('встановлено громадою');
    const badIban = await manager.post('/paid-services/settings/payee', {
      payeeName: 'Виконавчий комітет',
      edrpou: '1234567',
      iban: 'UA12',
      bankName: '',
      dueDays: '15',
      purposeCode: '101',
    });
    expect(badIban.status).toBe(400);
    expect(badIban.text).toContain('Код ЄДРПОУ — 8 цифр');
    expect(badIban.text).toContain('IBAN — UA і 27 цифр');
    // Until the details are saved, the invoices' readers are told that they could not be paid; the manager is shown
    // the way to the details, a provider (who cannot keep them) is not.
    const warned = await manager.get('/paid-services');
    expect(warned.text).toContain('id="payee-missing"');
    expect(warned.text).toContain('у рахунках не буде IBAN чи коду ЄДРПОУ');
    expect(warned.text).toContain('Заповнити реквізити');
    const toProvider = await providerA.get('/paid-services');
    expect(toProvider.text).toContain('id="payee-missing"');
    expect(toProvider.text).not.toContain('Заповнити реквізити');
    const ok = await manager.post('/paid-services/settings/payee', {
      payeeName: 'Виконавчий комітет',
      edrpou: '12345678',
      iban: 'UA21 3223 1300 0002 6007 2335 6600 1',
      bankName: 'Казначейство',
      dueDays: '20',
      purposeCode: '101',
    });
    expect(ok.status).toBe(303);
    expect((await one<{ iban: string }>('SELECT iban FROM paid_service_settings')).iban).toBe(
      'UA213223130000026007233566001',
    );
    expect((await manager.get('/paid-services')).text).not.toContain('payee-missing');
    expect((await providerA.get('/paid-services')).text).not.toContain('payee-missing');
  });
});

describe('the month’s invoices', () => {
  it('a full run: hand-checked totals, cancelled acts skipped, acts without a tariff reported', async () => {
    // One: 10.03 2 h × 50,00 = 100,00; 16.03 3 h × 60,00 = 180,00 (the tariff changed on 16.03) → 280,00.
    await serviceAct(t, { personId: p.one, serviceId: care, agencyId: agencyA, actDate: '2026-03-10', minutes: 120 });
    await serviceAct(t, { personId: p.one, serviceId: care, agencyId: agencyA, actDate: '2026-03-16', minutes: 180 });
    await serviceAct(t, {
      personId: p.one,
      serviceId: care,
      agencyId: agencyA,
      actDate: '2026-03-17',
      cancelled: true,
    });
    // Two: 5 h × 50,00 × 20 % = 50,00.
    await serviceAct(t, { personId: p.two, serviceId: care, agencyId: agencyA, actDate: '2026-03-02', minutes: 300 });
    // Three: 05.03 and 12.03 full, 2 h × 50,00 = 100,00; 20.03 and 27.03 free, 2 h × 60,00 × 0 % = 0,00 → 100,00.
    for (const day of ['2026-03-05', '2026-03-12', '2026-03-20', '2026-03-27'])
      await serviceAct(t, { personId: p.three, serviceId: care, agencyId: agencyA, actDate: day });
    // Provider B has no tariff: its act is not invoiced but reported.
    await serviceAct(t, { personId: p.one, serviceId: care, agencyId: agencyB, actDate: '2026-03-11' });

    await manager.get('/paid-services');
    const run = await manager.post('/paid-services/run', { month: '2026-03', agencyId: '' });
    expect(run.status).toBe(303);
    expect(run.location).toContain('created=3&existing=0&unpriced=1');
    expect((await invoiceOf(p.one)).total).toBe('280.00');
    expect((await invoiceOf(p.two)).total).toBe('50.00');
    expect((await invoiceOf(p.three)).total).toBe('100.00');
    const lines = (
      await t.owner<{ volume: string; price: string; share_bp: number; amount: string }>(
        `SELECT volume::text, price::text, share_bp, amount::text FROM paid_service_invoice_lines
         WHERE invoice_id = $1 ORDER BY position`,
        [(await invoiceOf(p.three)).id],
      )
    ).rows;
    expect(lines).toEqual([
      { volume: '2.00', price: '50.00', share_bp: 10000, amount: '100.00' },
      { volume: '2.00', price: '60.00', share_bp: 0, amount: '0.00' },
    ]);
    expect((await invoiceOf(p.one)).purpose).toMatch(
      /^\*;101;[0-9A-F]{8};Плата за соціальні послуги за 03\.2026, рахунок № /,
    );

    // Each invoice written is audited (the entries go with the provider's commit).
    const created = await t.owner<{ entity_id: string }>(
      "SELECT entity_id FROM audit_log WHERE action = 'billing.invoice.create' ORDER BY entity_id",
    );
    const made = await t.owner<{ id: string }>('SELECT id::text FROM paid_service_invoices ORDER BY id');
    expect(created.rows.map((r) => r.entity_id)).toEqual(made.rows.map((r) => r.id));
    expect(made.rows).toHaveLength(3);

    const page = await manager.get(run.location!);
    expect(page.text).toContain('Рахунки сформовано: нових — 3, уже було — 0.');
    expect(page.text).toContain('Актів без тарифу на їхній день: 1');
    expect(page.text).toContain('280,00');
  });

  it('re-running the month is idempotent: the same invoices, none twice', async () => {
    const before = await count('paid_service_invoices');
    const ids = (await t.owner<{ id: string }>('SELECT id FROM paid_service_invoices ORDER BY id')).rows;
    const again = await manager.post('/paid-services/run', { month: '2026-03', agencyId: String(agencyA) });
    expect(again.status).toBe(303);
    expect(again.location).toContain('created=0&existing=3');
    expect(await count('paid_service_invoices')).toBe(before);
    expect((await t.owner<{ id: string }>('SELECT id FROM paid_service_invoices ORDER BY id')).rows).toEqual(ids);
    const page = await manager.get(again.location!);
    expect(page.text).toContain('Рахунки сформовано: нових — 0, уже було — 3.');
  });

  it('the invoice page, its PDF and the provider’s XLSX register', async () => {
    const inv = await invoiceOf(p.one);
    const page = await manager.get(`/paid-services/invoices/${inv.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Оплатна Ганна');
    expect(page.text).not.toContain('payee-missing'); // the details were saved above
    expect(page.text).toContain('180,00');
    expect(page.text).toContain('Не сплачено');
    const pdf = await fetch(`${t.baseUrl}/paid-services/invoices/${inv.id}/pdf`, {
      headers: { cookie: [...manager.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const body = Buffer.from(await pdf.arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    // The invoice's own lines and the payee's details set above are in it.
    const text = pdfText(body).text;
    for (const part of [inv.number, 'Оплатна Ганна', '180,00', 'Виконавчий комітет', 'UA213223130000026007233566001'])
      expect(text).toContain(part);
    const xlsx = await fetch(`${t.baseUrl}/paid-services/register.xlsx?month=2026-03&agencyId=${agencyA}`, {
      headers: { cookie: [...manager.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const audit = await one<{ n: string }>(
      `SELECT count(*) AS n FROM audit_log WHERE action IN ('billing.invoice.view', 'billing.invoice.pdf') AND entity_id = $1`,
      [inv.id],
    );
    expect(Number(audit.n)).toBe(2);
  });

  it('payments: partly, then paid; more than the balance is refused', async () => {
    const inv = await invoiceOf(p.two);
    await manager.get(`/paid-services/invoices/${inv.id}`);
    const today = new Intl.DateTimeFormat('uk-UA', { timeZone: 'Europe/Kyiv' }).format(new Date());
    const part = await manager.post(`/paid-services/invoices/${inv.id}/payments`, { paidOn: today, amount: '20,00' });
    expect(part.status).toBe(303);
    expect((await manager.get(`/paid-services/invoices/${inv.id}`)).text).toContain('Сплачено частково');
    const over = await manager.post(`/paid-services/invoices/${inv.id}/payments`, { paidOn: today, amount: '30,01' });
    expect(over.status).toBe(400);
    expect(over.text).toContain('Сума більша за залишок до сплати');
    // The provider of the invoice records the rest.
    await providerA.get(`/paid-services/invoices/${inv.id}`);
    const rest = await providerA.post(`/paid-services/invoices/${inv.id}/payments`, { paidOn: today, amount: '30' });
    expect(rest.status).toBe(303);
    expect((await manager.get(`/paid-services/invoices/${inv.id}`)).text).toContain('id="invoice-status">Сплачено<');
  });
});

describe('access', () => {
  it('a provider sees only its own invoices; another provider’s is 404', async () => {
    const inv = await invoiceOf(p.one);
    expect((await providerA.get(`/paid-services/invoices/${inv.id}`)).status).toBe(200);
    expect((await providerB.get(`/paid-services/invoices/${inv.id}`)).status).toBe(404);
    const res = await fetch(`${t.baseUrl}/paid-services/invoices/${inv.id}/pdf`, {
      headers: { cookie: [...providerB.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.status).toBe(404);
    const register = await fetch(`${t.baseUrl}/paid-services/register.xlsx?month=2026-03&agencyId=${agencyA}`, {
      headers: { cookie: [...providerB.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(register.status).toBe(404);
    const listB = await providerB.get(`/paid-services?month=2026-03&agencyId=${agencyA}`);
    expect(listB.status).toBe(200);
    expect(listB.text).not.toContain(inv.number);
    expect((await providerA.get('/paid-services?month=2026-03')).text).toContain(inv.number);
    // Providers and workers neither run invoices nor set tariffs.
    await providerA.get('/paid-services');
    expect((await providerA.post('/paid-services/run', { month: '2026-03' })).status).toBe(403);
    await worker.get('/paid-services');
    expect((await worker.get('/paid-services?month=2026-03')).text).toContain(inv.number);
    expect((await worker.post('/paid-services/run', { month: '2026-03' })).status).toBe(403);
    expect((await worker.get('/paid-services/tariffs')).status).toBe(403);
    expect((await worker.get(`/paid-services/recipients/${p.two}`)).status).toBe(403);
    // A refused personal-data page is audited.
    const refused = await one<{ n: string }>(
      `SELECT count(*) AS n FROM audit_log WHERE action = 'page.refused' AND entity_id = $1`,
      [inv.id],
    );
    expect(Number(refused.n)).toBeGreaterThan(0);
  });

  it('who opens the pages: the office and providers read invoices, only managers keep tariffs', async () => {
    const expected: Record<string, [number, number]> = {
      admin: [200, 403],
      manager: [200, 200],
      worker: [200, 403],
      frontdesk: [403, 403],
      starosta: [403, 403],
      provider: [200, 403],
      children: [403, 403],
    };
    for (const [role, [list, tariffs]] of Object.entries(expected)) {
      const c = await signedIn(t, role);
      expect([role, (await c.get('/paid-services')).status]).toEqual([role, list]);
      expect([role, (await c.get('/paid-services/tariffs')).status]).toEqual([role, tariffs]);
    }
  });

  it('another hromada’s manager reaches nothing', async () => {
    const other = await newHromada(t);
    const m = await staffUser(t, { role: 'manager', hromadaId: other.id });
    const c = await signedIn(t, m.username, { hromadaCode: other.code });
    const inv = await invoiceOf(p.one);
    expect((await c.get(`/paid-services/invoices/${inv.id}`)).status).toBe(404);
    expect((await c.get('/paid-services?month=2026-03')).text).not.toContain(inv.number);
    expect((await c.get(`/paid-services/recipients/${p.two}`)).status).toBe(404);
  });

  it('the resident sees their own invoice and services in the cabinet, never another person’s', async () => {
    const mine = await invoiceOf(p.one);
    const theirs = await invoiceOf(p.two);
    const c = await signedIn(t, { email: residentOne.email });
    const page = await c.get('/cabinet/paid-services');
    expect(page.status).toBe(200);
    expect(page.text).toContain(mine.number);
    expect(page.text).not.toContain(theirs.number);
    expect(page.text).not.toContain('сплатити цей рахунок поки не вийде'); // the payee's details are set
    // Without the hromada's IBAN the resident is told that the invoice cannot be paid yet, and where to ask.
    await t.owner('UPDATE paid_service_settings SET iban = NULL');
    try {
      const unpayable = await c.get('/cabinet/paid-services');
      expect(unpayable.text).toContain(
        'Громада ще не внесла реквізити для оплати, тож сплатити цей рахунок поки не вийде',
      );
    } finally {
      await t.owner("UPDATE paid_service_settings SET iban = 'UA213223130000026007233566001'");
    }
    expect(page.text).toContain('10.03.2026');
    expect(page.text).not.toContain('17.03.2026'); // the cancelled act
    const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const pdf = await fetch(`${t.baseUrl}/cabinet/paid-services/invoices/${mine.id}/pdf`, { headers: { cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await pdf.arrayBuffer())).text;
    expect(text).toContain(mine.number);
    expect(text).not.toContain(theirs.number);
    expect(text).toContain('UA213223130000026007233566001');
    const foreign = await fetch(`${t.baseUrl}/cabinet/paid-services/invoices/${theirs.id}/pdf`, {
      headers: { cookie },
    });
    expect(foreign.status).toBe(404);
    // Staff pages are not the resident's.
    expect((await c.get(`/paid-services/invoices/${mine.id}`)).status).not.toBe(200);
  });
});

describe('/api/v1/invoices', () => {
  it('lists the month’s invoices and gives one with its lines and total; a provider’s token sees its own only', async () => {
    const token = await apiTokenFor(t, 'manager');
    const get = (path: string, tk = token) =>
      fetch(`${t.baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${tk}` } });
    const list = await get(`/invoices?month=2026-03&providerId=${agencyA}`);
    expect(list.status).toBe(200);
    const body = (await list.json()) as { items: { id: string; total: string }[]; total: number };
    expect(body.total).toBe(3);
    expect(body.items.map((i) => i.total).sort()).toEqual(['100.00', '280.00', '50.00']);
    const inv = await invoiceOf(p.one);
    const one_ = await get(`/invoices/${inv.id}`);
    expect(one_.status).toBe(200);
    const detail = (await one_.json()) as { total: string; lines: { amount: string; price: string }[] };
    expect(detail.total).toBe('280.00');
    expect(detail.lines.map((l) => [l.price, l.amount])).toEqual([
      ['50.00', '100.00'],
      ['60.00', '180.00'],
    ]);
    const bad = await get('/invoices?month=2026-3');
    expect(bad.status).toBe(400);

    const b = await staffUser(t, { role: 'provider', agencyId: agencyB });
    const tokenB = await apiTokenFor(t, b.username);
    expect((await get(`/invoices/${inv.id}`, tokenB)).status).toBe(404);
    const listB = (await (await get('/invoices?month=2026-03', tokenB)).json()) as { total: number };
    expect(listB.total).toBe(0);
  });
});

it('the person card links the manager to the recipient’s incomes and categories', async () => {
  const card = await manager.get(`/persons/${p.two}`);
  expect(card.text).toContain(`/paid-services/recipients/${p.two}`);
  expect(hromadaId).toBeGreaterThan(0);
  expect(providerAName).not.toBe('');
});
