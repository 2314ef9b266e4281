import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { agency, kase, newHromada, person, service, serviceAct, signedIn, staffUser } from '../factories/index.js';
import { addDays, kyivToday } from '../../src/platform/dates.js';

/** Issue 12 item 2 (+ the manager's view of item 7): contracts with recipients, social orders, procurement, volume used. */
let t: TestApp;
let worker: HttpClient;
let manager: HttpClient;
let providerA: HttpClient;
let providerB: HttpClient;
let agencyA: number;
let agencyB: number;
let svcHome: string;
let svcVisit: string;
let svcDay: string;
let svcOther: string;
let svcCrisis: string;
let p1: string;
let p2: string;
let p3: string;
let case1: string;
let case2: string;
const today = kyivToday();
const Y = Number(today.slice(0, 4));

const audited = async (action: string, entityId?: string) =>
  (
    await t.owner(
      `SELECT 1 FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR entity_id = $2 OR reason LIKE '%' || $2 || '%')`,
      [action, entityId ?? null],
    )
  ).rowCount ?? 0;
const contractCount = async () =>
  (await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM recipient_contracts')).rows[0].n;
const parts = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y };
};

/** A contract form: person p1 with provider A, home care 40 h a month at 1 250,00 and visits 8 a month free. */
const form = (o: Record<string, string> = {}) => ({
  personId: p1,
  agencyId: String(agencyA),
  number: 'Д-1',
  form: 'paper',
  ...parts('signedOn', today),
  ...parts('startsOn', today),
  ...parts('endsOn', addDays(today, 364)),
  caseId: case1,
  'service-1': svcHome,
  'volume-1': '40',
  'unit-1': 'hour',
  'cost-1': '1250',
  'service-2': svcVisit,
  'volume-2': '8',
  'unit-2': 'visit',
  'cost-2': '',
  ...o,
});
const idOf = (location: string | null) => /\/contracts\/([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? '';

let contractId = '';

beforeAll(async () => {
  t = await startTestApp();
  worker = await signedIn(t, 'worker');
  manager = await signedIn(t, 'manager');
  agencyA = await agency(t, { name: 'ГО «Догляд поруч»' });
  agencyB = await agency(t, { name: 'БО «Інший надавач»' });
  svcHome = (await service(t, { name: 'Догляд вдома (договори)', providers: [agencyA, agencyB] })).id;
  svcVisit = (await service(t, { name: 'Соціальний супровід (договори)', providers: [agencyA] })).id;
  svcDay = (await service(t, { name: 'Денний догляд (договори)', providers: [agencyA] })).id;
  svcOther = (await service(t, { name: 'Паліативний догляд (договори)', providers: [agencyB] })).id;
  svcCrisis = (await service(t, { name: 'Кризове втручання (договори)', crisis: true, providers: [agencyA] })).id;
  p1 = await person(t, { lastName: 'Договірна', firstName: 'Олена' });
  p2 = await person(t, { lastName: 'Сусідній', firstName: 'Петро' });
  p3 = await person(t, { lastName: 'Третя', firstName: 'Ганна' });
  case1 = (await kase(t, { personId: p1 })).id;
  case2 = (await kase(t, { personId: p2 })).id;
  const a = await staffUser(t, { role: 'provider', agencyId: agencyA });
  const b = await staffUser(t, { role: 'provider', agencyId: agencyB });
  providerA = await signedIn(t, a.username);
  providerB = await signedIn(t, b.username);
});
afterAll(async () => {
  await t?.close();
});

describe('contracts with recipients', () => {
  it('a worker makes a contract from the person card; its page shows services, volume, cost, term, form and the case', async () => {
    const card = await worker.get(`/persons/${p1}`);
    expect(card.text).toContain('id="person-contracts-empty"');
    expect(card.text).toContain(`/contracts/new?personId=${p1}`);
    const page = await worker.get(`/contracts/new?personId=${p1}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Договірна Олена');
    // Only the person's own cases are offered.
    expect(page.text).toContain(`value="${case1}"`);
    expect(page.text).not.toContain(`value="${case2}"`);
    const r = await worker.post('/contracts', form());
    expect(r.status, r.text.slice(0, 800)).toBe(303);
    contractId = idOf(r.location);
    expect(contractId).not.toBe('');
    expect(await audited('contract.create', contractId)).toBe(1);
    const view = await worker.get(r.location ?? '');
    expect(view.status).toBe(200);
    expect(view.text).toContain('Договір збережено.');
    expect(view.text).toContain('Договір № Д-1');
    expect(view.text).toContain('ГО «Догляд поруч»');
    expect(view.text).toContain('Паперова');
    expect(view.text).toMatch(/Догляд вдома \(договори\)[\s\S]*40 год[\s\S]*1 250,00/);
    expect(view.text).toMatch(/Соціальний супровід \(договори\)[\s\S]*8 відв\.[\s\S]*0,00/);
    expect(view.text).toContain(`href="/cases/${case1}"`);
    expect(view.text).toContain('id="contract-terminate"');
    expect(await audited('contract.view', contractId)).toBeGreaterThan(0);
    const stored = (
      await t.owner<{ n: number; cost: string }>(
        'SELECT count(*)::int AS n, sum(monthly_cost)::text AS cost FROM recipient_contract_services WHERE contract_id = $1',
        [contractId],
      )
    ).rows[0];
    expect(stored).toEqual({ n: 2, cost: '1250.00' });
    // The person card lists it.
    const after = await worker.get(`/persons/${p1}`);
    expect(after.text).toMatch(/id="person-contracts"[\s\S]*Д-1/);
    expect(await audited('person.contracts.view', p1)).toBeGreaterThan(0);
  });

  it('refuses each bad contract in Ukrainian and saves nothing', async () => {
    const before = await contractCount();
    const refused = async (o: Record<string, string>, message: string, href?: string) => {
      const r = await worker.post('/contracts', form({ number: 'Д-погано', ...o }));
      expect(r.status, message).toBe(400);
      expect(r.text).toContain(message);
      if (href) expect(r.text).toContain(`href="${href}"`);
      return r;
    };
    // A service the provider does not deliver.
    await refused(
      { personId: p3, caseId: '', 'service-2': svcOther },
      'Надавач «ГО «Догляд поруч»» не надає послугу «Паліативний догляд (договори)»',
      '#service-2',
    );
    // A second active contract of the same provider and person with an overlapping term.
    await refused(
      { ...parts('startsOn', addDays(today, 100)), ...parts('endsOn', addDays(today, 500)) },
      'У цього надавача вже є чинний договір № Д-1 з цією особою на ці дати',
    );
    // A crisis service.
    await refused(
      { personId: p3, caseId: '', 'service-1': svcCrisis },
      'Послуга «Кризове втручання (договори)» — кризова чи екстрена: її надають без договору',
      '#service-1',
    );
    // Ends before it starts.
    await refused(
      { personId: p3, caseId: '', ...parts('endsOn', addDays(today, -1)) },
      'Дата закінчення не може бути раніше за дату початку',
    );
    // No services at all.
    await refused(
      {
        personId: p3,
        caseId: '',
        'service-1': '',
        'volume-1': '',
        'cost-1': '',
        'service-2': '',
        'volume-2': '',
      },
      'Додайте щонайменше одну послугу',
    );
    // A volume of zero, and a negative one.
    await refused({ personId: p3, caseId: '', 'volume-1': '0' }, 'Обсяг — число більше за нуль', '#volume-1');
    await refused({ personId: p3, caseId: '', 'volume-2': '-3' }, 'Обсяг — число більше за нуль', '#volume-2');
    // Another person's case.
    await refused({ personId: p3, caseId: case2 }, 'Цей випадок стосується іншої особи');
    // The same number twice at one provider.
    await refused({ personId: p3, caseId: '', number: 'Д-1' }, 'У цього надавача вже є договір з таким номером');
    expect(await contractCount()).toBe(before);
    // The same provider and person in another, non-overlapping term is fine (a renewal).
    const renewal = await worker.post(
      '/contracts',
      form({
        number: 'Д-2',
        ...parts('startsOn', addDays(today, 365)),
        ...parts('endsOn', addDays(today, 700)),
        ...parts('signedOn', today),
      }),
    );
    expect(renewal.status, renewal.text.slice(0, 500)).toBe(303);
  });

  it('only those allowed reach a contract: the provider’s own staff read it, others are refused', async () => {
    // The provider's own staff read it (no terminate button); the list shows their agency's only.
    const own = await providerA.get(`/contracts/${contractId}`);
    expect(own.status).toBe(200);
    expect(own.text).not.toContain('id="contract-terminate"');
    expect((await providerA.get('/contracts')).text).toContain('Д-1');
    // Another provider's staff: not found; their list is empty.
    expect((await providerB.get(`/contracts/${contractId}`)).status).toBe(404);
    const otherList = await providerB.get('/contracts');
    expect(otherList.status).toBe(200);
    expect(otherList.text).toContain('id="contracts-empty"');
    // A provider may not make or end contracts.
    expect((await providerA.get(`/contracts/new?personId=${p1}`)).status).toBe(403);
    expect((await providerA.post(`/contracts/${contractId}/terminate`, { reason: 'x' })).status).toBe(403);
    // A role without the permission.
    const frontdesk = await signedIn(t, 'frontdesk');
    expect((await frontdesk.get(`/contracts/${contractId}`)).status).toBe(403);
    expect((await frontdesk.get('/contracts')).status).toBe(403);
    expect((await frontdesk.post('/contracts', form({ number: 'Д-чуже' }))).status).toBe(403);
    const admin = await signedIn(t, 'admin');
    expect((await admin.get(`/contracts/${contractId}`)).status).toBe(403);
    // Another hromada's manager: not found.
    const h2 = await newHromada(t);
    const m2 = await staffUser(t, { role: 'manager', hromadaId: h2.id });
    const other = await signedIn(t, m2.username, { hromadaCode: h2.code });
    expect((await other.get(`/contracts/${contractId}`)).status).toBe(404);
    expect((await other.get('/contracts')).text).toContain('id="contracts-empty"');
    expect((await other.get(`/contracts/new?personId=${p1}`)).status).toBe(404);
    // Refused requests of a personal-data route are audited.
    expect(await audited('page.refused', contractId)).toBeGreaterThan(0);
  });

  it('a contract is terminated on a day with a reason after a confirmation', async () => {
    expect((await manager.get(`/contracts/new?personId=${p3}`)).status).toBe(200);
    const r = await manager.post('/contracts', {
      ...form({ personId: p3, caseId: '', number: 'Д-3' }),
    });
    expect(r.status, r.text.slice(0, 500)).toBe(303);
    const id = idOf(r.location);
    const confirm = await manager.get(`/contracts/${id}/terminate`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Я підтверджую розірвання договору');
    const unconfirmed = await manager.post(`/contracts/${id}/terminate`, {
      ...parts('terminatedOn', today),
      reason: 'Отримувач переїхав',
    });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('Підтвердьте розірвання договору');
    const early = await manager.post(`/contracts/${id}/terminate`, {
      ...parts('terminatedOn', addDays(today, -5)),
      reason: 'Отримувач переїхав',
      confirm: 'yes',
    });
    expect(early.status).toBe(400);
    expect(early.text).toContain('День розірвання не може бути раніше за початок дії договору');
    const done = await manager.post(`/contracts/${id}/terminate`, {
      ...parts('terminatedOn', today),
      reason: 'Отримувач переїхав',
      confirm: 'yes',
    });
    expect(done.status).toBe(303);
    const page = await manager.get(done.location ?? '');
    expect(page.text).toContain('Договір розірвано.');
    expect(page.text).toContain('Розірваний');
    expect(page.text).toContain('Отримувач переїхав');
    expect(page.text).not.toContain('id="contract-terminate"');
    expect(await audited('contract.terminate', id)).toBe(1);
    // A terminated contract frees the term: a new one for the same provider and person is accepted.
    const again = await manager.post('/contracts', form({ personId: p3, caseId: '', number: 'Д-4' }));
    expect(again.status).toBe(303);
    // Terminating twice is refused.
    expect(
      (
        await manager.post(`/contracts/${id}/terminate`, {
          ...parts('terminatedOn', today),
          reason: 'ще раз',
          confirm: 'yes',
        })
      ).status,
    ).toBe(409);
  });

  it('the overview lists contracts ending soon, marks the re-assessment due, and the staff home counts them', async () => {
    // p2: a contract ending in 10 days (re-assessment due: within 30 days, no assessment in its case).
    const soon = await worker.post(
      '/contracts',
      form({
        personId: p2,
        caseId: case2,
        number: 'Д-10',
        ...parts('startsOn', addDays(today, -300)),
        ...parts('signedOn', addDays(today, -300)),
        ...parts('endsOn', addDays(today, 10)),
      }),
    );
    expect(soon.status, soon.text.slice(0, 500)).toBe(303);
    const soonId = idOf(soon.location);
    const overview = await manager.get('/contracts/overview');
    expect(overview.status).toBe(200);
    expect(overview.text).toMatch(/id="ending-table"[\s\S]*Д-10/);
    expect(overview.text).toContain(`data-reassessment="${soonId}"`);
    expect(overview.text).toContain('потрібне повторне оцінювання');
    // The year-long contract of p1 is not ending soon; a wider window shows it.
    expect(overview.text).not.toContain(`/contracts/${contractId}"`);
    const wide = await manager.get('/contracts/overview?days=365');
    expect(wide.text).toContain(`/contracts/${contractId}"`);
    expect(wide.text).not.toContain(`data-reassessment="${contractId}"`);
    // The contract page marks it too.
    expect((await worker.get(`/contracts/${soonId}`)).text).toContain('id="reassessment-due"');
    // The worker's and the manager's home count it and link the overview.
    for (const who of [worker, manager]) {
      const home = await who.get('/staff');
      const m =
        /href="\/contracts\/overview" data-counter="contractsReassessment"><span class="tb-counter__n">(\d+)</.exec(
          home.text,
        );
      expect(Number(m?.[1])).toBe(1);
    }
    // A provider's overview shows its own agency's only; no social orders.
    const prov = await providerB.get('/contracts/overview');
    expect(prov.status).toBe(200);
    expect(prov.text).toContain('id="ending-empty"');
    expect(prov.text).not.toContain('id="orders"');
  });
});

describe('social orders', () => {
  const orderForm = (o: Record<string, string> = {}) => ({
    number: `СЗ-${Y}-1`,
    title: 'Соціальні послуги для людей похилого віку',
    ...parts('startsOn', `${Y}-01-01`),
    ...parts('endsOn', `${Y}-12-31`),
    budget: '40000',
    'service-1': svcHome,
    'volume-1': '100',
    'unit-1': 'hour',
    'price-1': '250',
    'service-2': svcVisit,
    'volume-2': '50',
    'unit-2': 'visit',
    'price-2': '120,50',
    'service-3': svcDay,
    'volume-3': '20',
    'unit-3': 'day',
    'price-3': '400',
    ...o,
  });
  let orderId = '';

  it('a manager drafts an order; the lines may not exceed the budget; workers and providers may not', async () => {
    const over = await manager.post('/social-orders', orderForm({ budget: '39000' }));
    expect(over.status).toBe(400);
    expect(over.text).toContain('Сума рядків (39 025,00 грн) перевищує бюджет (39 000,00 грн)');
    const empty = await manager.post(
      '/social-orders',
      orderForm({
        'service-1': '',
        'volume-1': '',
        'price-1': '',
        'service-2': '',
        'volume-2': '',
        'price-2': '',
        'service-3': '',
        'volume-3': '',
        'price-3': '',
      }),
    );
    expect(empty.text).toContain('Додайте щонайменше одну послугу');
    const backwards = await manager.post('/social-orders', orderForm({ ...parts('endsOn', `${Y - 1}-12-31`) }));
    expect(backwards.text).toContain('Дата закінчення не може бути раніше за дату початку');
    expect((await t.owner('SELECT 1 FROM social_orders')).rowCount).toBe(0);
    expect((await worker.post('/social-orders', orderForm())).status).toBe(403);
    expect((await providerA.get('/social-orders')).status).toBe(403);
    const r = await manager.post('/social-orders', orderForm());
    expect(r.status, r.text.slice(0, 500)).toBe(303);
    orderId = /\/social-orders\/([0-9a-f-]{36})/.exec(r.location ?? '')?.[1] ?? '';
    const page = await worker.get(`/social-orders/${orderId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Чернетка');
    expect(page.text).toContain('39 025,00');
    expect(page.text).toContain('40 000,00');
    expect(page.text).not.toContain('action="/social-orders/' + orderId + '/announce"');
    expect(await audited('socialOrder.create', orderId)).toBe(1);
  });

  it('the procurement is recorded: announcement, bids, evaluation and the decision naming the winner', async () => {
    const announced = await manager.post(`/social-orders/${orderId}/announce`, {
      ...parts('announcedOn', `${Y}-01-05`),
      announcementNumber: 'ОГ-7',
      announcementPlace: 'Офіційний вебсайт громади',
    });
    expect(announced.status).toBe(303);
    const badBid = await manager.post(`/social-orders/${orderId}/bids`, {
      bidderName: 'ГО «Догляд поруч»',
      bidderCode: '1436',
      price: '38000',
      score: '87',
    });
    expect(badBid.status).toBe(400);
    expect(badBid.text).toContain('Код учасника — 8 цифр ЄДРПОУ або 10 цифр РНОКПП');
    for (const [name, code, price, score] of [
      ['ГО «Догляд поруч»', '14360570', '38000', '87'],
      ['БО «Інший надавач»', '00032129', '39500', '71,5'],
    ]) {
      const r = await manager.post(`/social-orders/${orderId}/bids`, {
        bidderName: name,
        bidderCode: code,
        price,
        score,
      });
      expect(r.status, r.text.slice(0, 300)).toBe(303);
    }
    const page = await manager.get(`/social-orders/${orderId}`);
    expect(page.text).toContain('ОГ-7');
    expect(page.text).toContain('Офіційний вебсайт громади');
    expect(page.text).toMatch(
      /id="bids-table"[\s\S]*ГО «Догляд поруч»[\s\S]*38 000,00[\s\S]*87[\s\S]*БО «Інший надавач»/,
    );
    const bidId = (await t.owner<{ id: string }>("SELECT id FROM social_order_bids WHERE bidder_code = '14360570'"))
      .rows[0].id;
    const noNote = await manager.post(`/social-orders/${orderId}/award`, {
      bidId,
      agencyId: String(agencyA),
      ...parts('decidedOn', `${Y}-01-20`),
      decisionNumber: 'Р-12',
      evaluationNote: '',
    });
    expect(noNote.status).toBe(400);
    expect(noNote.text).toContain('Зазначте висновок оцінки пропозицій');
    const awarded = await manager.post(`/social-orders/${orderId}/award`, {
      bidId,
      agencyId: String(agencyA),
      ...parts('decidedOn', `${Y}-01-20`),
      decisionNumber: 'Р-12',
      evaluationNote: 'Найвищий бал за якістю та ціною',
    });
    expect(awarded.status, awarded.text.slice(0, 300)).toBe(303);
    const after = await manager.get(`/social-orders/${orderId}`);
    expect(after.text).toContain('Переможця визначено');
    expect(after.text).toContain('id="winner"');
    expect(after.text).toContain('Р-12');
    expect(after.text).toContain('Найвищий бал за якістю та ціною');
    for (const a of ['socialOrder.announce', 'socialOrder.bid', 'socialOrder.award'])
      expect(await audited(a, orderId)).toBeGreaterThan(0);
  });

  it('counts the volume used from the provider’s acts in the period: hours, visits and person-days (hand-checked)', async () => {
    const act = (o: Parameters<typeof serviceAct>[1]) => serviceAct(t, o);
    // Hours of home care: 90 + 45 + 30 minutes = 165 min = 2,75 h. Not counted: a cancelled act, an act before the
    // period, an act of another provider.
    const h1 = await act({ personId: p1, serviceId: svcHome, agencyId: agencyA, actDate: `${Y}-02-10`, minutes: 90 });
    await act({
      personId: p1,
      serviceId: svcHome,
      agencyId: agencyA,
      actDate: `${Y}-02-11`,
      minutes: 45,
      assignmentId: h1.assignmentId,
    });
    await act({ personId: p2, serviceId: svcHome, agencyId: agencyA, actDate: `${Y}-03-01`, minutes: 30 });
    await act({
      personId: p1,
      serviceId: svcHome,
      agencyId: agencyA,
      actDate: `${Y}-02-12`,
      minutes: 120,
      cancelled: true,
      assignmentId: h1.assignmentId,
    });
    await act({
      personId: p1,
      serviceId: svcHome,
      agencyId: agencyA,
      actDate: `${Y - 1}-12-31`,
      minutes: 60,
      assignmentId: h1.assignmentId,
    });
    await act({ personId: p1, serviceId: svcHome, agencyId: agencyB, actDate: `${Y}-02-10`, minutes: 600 });
    // Visits: two acts on one day and one more = 3. Not counted: a cancelled one, one after the period.
    const v1 = await act({ personId: p1, serviceId: svcVisit, agencyId: agencyA, actDate: `${Y}-04-01`, minutes: 20 });
    await act({
      personId: p1,
      serviceId: svcVisit,
      agencyId: agencyA,
      actDate: `${Y}-04-01`,
      minutes: 25,
      assignmentId: v1.assignmentId,
    });
    await act({ personId: p2, serviceId: svcVisit, agencyId: agencyA, actDate: `${Y}-04-02`, minutes: 30 });
    await act({
      personId: p1,
      serviceId: svcVisit,
      agencyId: agencyA,
      actDate: `${Y}-04-03`,
      minutes: 30,
      cancelled: true,
      assignmentId: v1.assignmentId,
    });
    await act({
      personId: p1,
      serviceId: svcVisit,
      agencyId: agencyA,
      actDate: `${Y + 1}-01-01`,
      minutes: 30,
      assignmentId: v1.assignmentId,
    });
    // Days: p1 on 5 May (two acts: one day) and 6 May, p2 on 5 May = 3 person-days. Not counted: a cancelled act.
    const d1 = await act({ personId: p1, serviceId: svcDay, agencyId: agencyA, actDate: `${Y}-05-05`, minutes: 240 });
    await act({
      personId: p1,
      serviceId: svcDay,
      agencyId: agencyA,
      actDate: `${Y}-05-05`,
      minutes: 60,
      assignmentId: d1.assignmentId,
    });
    await act({
      personId: p1,
      serviceId: svcDay,
      agencyId: agencyA,
      actDate: `${Y}-05-06`,
      minutes: 240,
      assignmentId: d1.assignmentId,
    });
    await act({ personId: p2, serviceId: svcDay, agencyId: agencyA, actDate: `${Y}-05-05`, minutes: 240 });
    await act({
      personId: p1,
      serviceId: svcDay,
      agencyId: agencyA,
      actDate: `${Y}-05-07`,
      minutes: 240,
      cancelled: true,
      assignmentId: d1.assignmentId,
    });

    const used = async (path: string) => {
      const page = await manager.get(path);
      expect(page.status).toBe(200);
      const table = new RegExp(`id="order-lines-${orderId}"[\\s\\S]*?</table>`).exec(page.text)?.[0] ?? '';
      return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
        .slice(1)
        .map((row) =>
          [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]+>/g, '').trim()),
        );
    };
    // Rows are ordered by the service's name: Денний, Догляд вдома, Соціальний супровід.
    const rows = await used(`/social-orders/${orderId}`);
    expect(rows.map((r) => [r[0], r[1], r[4], r[5]])).toEqual([
      ['Денний догляд (договори)', '20 дн.', '3 дн.', '15 %'],
      ['Догляд вдома (договори)', '100 год', '2,75 год', '3 %'],
      ['Соціальний супровід (договори)', '50 відв.', '3 відв.', '6 %'],
    ]);
    expect(rows.map((r) => r[3])).toEqual(['8 000,00', '25 000,00', '6 025,00']);
    // The manager's view shows the same for this year's orders.
    const overview = await used('/contracts/overview');
    expect(overview.map((r) => r[4])).toEqual(['3 дн.', '2,75 год', '3 відв.']);
  });

  it('closes an awarded order; the list pages and filters', async () => {
    const closed = await manager.post(`/social-orders/${orderId}/close`, parts('closedOn', `${Y}-12-31`));
    expect(closed.status).toBe(303);
    expect((await manager.get(`/social-orders/${orderId}`)).text).toContain(`Замовлення закрито 31.12.${Y}.`);
    const list = await worker.get('/social-orders');
    expect(list.text).toMatch(/id="orders-table"[\s\S]*СЗ-/);
    expect((await worker.get('/social-orders?status=draft')).text).toContain('id="orders-empty"');
    expect((await worker.get(`/social-orders?year=${Y - 5}`)).text).toContain('id="orders-empty"');
    const admin = await signedIn(t, 'admin');
    expect((await admin.get('/social-orders')).status).toBe(200);
    // Another hromada's manager: not found.
    const h2 = await newHromada(t);
    const m2 = await staffUser(t, { role: 'manager', hromadaId: h2.id });
    const other = await signedIn(t, m2.username, { hromadaCode: h2.code });
    expect((await other.get(`/social-orders/${orderId}`)).status).toBe(404);
  });
});
