import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { person, resident, signedIn } from '../factories/index.js';

/** Issue 11 item 6: a resident's own report — from the cabinet — becomes a signal the children's service triages. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const signalOf = async (number: string) =>
  (
    await t.owner<{
      id: string;
      source: string;
      person_id: string | null;
      subject_name: string | null;
      subject_child: boolean;
      urgency: string;
      reporter_name: string;
      reporter_contact: string;
      hours: string;
    }>(
      `SELECT id, source, person_id, subject_name, subject_child, urgency, reporter_name, reporter_contact,
         extract(epoch FROM triage_due_at - received_at) / 3600 AS hours
       FROM signals WHERE number = $1`,
      [number],
    )
  ).rows[0];
const numberIn = (location: string | null) => decodeURIComponent(/reported=([^&]+)/.exec(location ?? '')?.[1] ?? '');

describe('a resident reports a person at risk from the cabinet', () => {
  it('about someone else: a signal with its clock, the resident as reporter; the children’s service sees it', async () => {
    const r = await resident(t, { name: 'Оксана Небайдужа', email: 'oksana.report@example.test' });
    const c = await signedIn(t, { email: r.email });
    expect((await c.get('/cabinet')).text).toContain('/cabinet/signals/new');
    const form = await c.get('/cabinet/signals/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('телефонуйте 102');
    const sent = await c.post('/cabinet/signals', {
      about: 'other',
      subjectName: 'Хлопчик із сусіднього будинку, Максим',
      subjectAge: '7',
      subjectChild: 'yes',
      observed: 'Третій день сидить сам біля під’їзду до ночі, плаче',
      place: 'вул. Садова, 12',
      urgency: 'urgent',
      contact: '+380501112233',
    });
    expect(sent.status, sent.text.slice(0, 500)).toBe(303);
    const number = numberIn(sent.location);
    expect(number).toMatch(/^С-\d{4}-\d{6}$/);
    expect((await c.get(sent.location ?? '')).text).toContain(number);
    const s = await signalOf(number);
    expect(s).toMatchObject({
      source: 'other',
      person_id: null,
      subject_name: 'Хлопчик із сусіднього будинку, Максим',
      subject_child: true,
      urgency: 'urgent',
      reporter_name: 'Оксана Небайдужа',
      reporter_contact: '+380501112233',
    });
    expect(Number(s.hours)).toBe(24);
    expect(
      (await t.owner("SELECT 1 FROM audit_log WHERE action = 'signal.register' AND entity_id = $1", [s.id])).rowCount,
    ).toBe(1);
    const children = await signedIn(t, 'children');
    const page = await children.get(`/signals/${s.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Третій день сидить сам');
    expect(page.text).toContain('Оксана Небайдужа, +380501112233');
  });

  it('about themself: the resident’s own registry record when the account is linked, the account’s e-mail as contact', async () => {
    const me = await person(t, { lastName: 'Самостійна', firstName: 'Віра' });
    const r = await resident(t, { name: 'Віра Самостійна', email: 'vira.self@example.test', persons: [me] });
    const c = await signedIn(t, { email: r.email });
    await c.get('/cabinet/signals/new');
    const sent = await c.post('/cabinet/signals', {
      about: 'self',
      observed: 'Чоловік погрожує, боюся повертатися додому',
      urgency: 'high',
    });
    expect(sent.status).toBe(303);
    expect(await signalOf(numberIn(sent.location))).toMatchObject({
      source: 'self',
      person_id: me,
      subject_name: null,
      urgency: 'high',
      reporter_contact: 'vira.self@example.test',
    });
  });

  it('refuses what is missing, with Ukrainian messages, and saves nothing; limits reports per day', async () => {
    const r = await resident(t, { name: 'Поспішна' });
    const c = await signedIn(t, { email: r.email });
    await c.get('/cabinet/signals/new');
    const before = (await t.owner('SELECT 1 FROM signals')).rowCount;
    const noWho = await c.post('/cabinet/signals', { observed: 'Щось трапилося', urgency: 'normal' });
    expect(noWho.status).toBe(400);
    expect(noWho.text).toContain('Оберіть, кого стосується повідомлення');
    const noName = await c.post('/cabinet/signals', { about: 'other', observed: 'Щось трапилося', urgency: 'normal' });
    expect(noName.status).toBe(400);
    expect(noName.text).toContain('Вкажіть, про кого ви повідомляєте');
    const nothing = await c.post('/cabinet/signals', { about: 'self', observed: ' ', urgency: 'normal' });
    expect(nothing.text).toContain('Опишіть, що помічено');
    expect((await t.owner('SELECT 1 FROM signals')).rowCount).toBe(before);
    for (let n = 0; n < 5; n++)
      expect(
        (await c.post('/cabinet/signals', { about: 'self', observed: `Звернення ${n}`, urgency: 'normal' })).status,
      ).toBe(303);
    const sixth = await c.post('/cabinet/signals', { about: 'self', observed: 'Шосте', urgency: 'normal' });
    expect(sixth.status).toBe(400);
    expect(sixth.text).toContain('Ви вже надіслали 5 повідомлень за добу');
  });

  it('is for residents: a visitor is sent to sign in, staff are refused', async () => {
    const anonymous = t.client();
    const r = await anonymous.get('/cabinet/signals/new');
    expect(r.status).toBe(302);
    expect(r.location).toContain('/resident/login');
    const staff = await signedIn(t, 'worker');
    expect([401, 403]).toContain(
      (await staff.post('/cabinet/signals', { about: 'self', observed: 'x', urgency: 'normal' })).status,
    );
  });
});
