import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { pdfText } from './subject-report.pdf-text.js';
import {
  application,
  demoHromadaId,
  household,
  kase,
  person,
  service,
  signedIn,
  staffUser,
  type StaffUser,
} from '../factories/index.js';

/**
 * Issue 11 item 7: the address and contacts of a restricted case's subject (theirs, or their household's case)
 * are hidden from everyone outside that case's team — on the person card, the edit form, the registry search and
 * its filter by settlement; an edit from outside the team leaves them as they are. The team sees them.
 */
let t: TestApp;
let settlementCode: string;
let settlementName: string;
let a: StaffUser;
let b: StaffUser;
let victim: string;
let member: string;
let plain: string;
let hh: string;
const PHONE = '+380671112233';
const EMAIL = 'zakhyst@example.com';
const STREET = 'вул. Потаємна';

beforeAll(async () => {
  t = await startTestApp();
  const hromadaId = await demoHromadaId(t);
  const s = await t.owner<{ code: string; name: string }>(
    `SELECT s.code, s.name FROM district_settlements ds JOIN settlements s ON s.code = ds.settlement_code
     WHERE ds.hromada_id = $1 ORDER BY s.code LIMIT 1`,
    [hromadaId],
  );
  settlementCode = s.rows[0].code;
  settlementName = s.rows[0].name;
  a = await staffUser(t, { displayName: 'Команда Анна' });
  b = await staffUser(t, { displayName: 'Стороння Богдана' });
  const address = { settlementCode, street: STREET, house: '7', phone: PHONE, email: EMAIL };
  victim = await person(t, { lastName: 'Захищена', firstName: 'Ірина', ...address });
  member = await person(t, { lastName: 'Захищений', firstName: 'Павло', ...address, phone: '+380671112244' });
  plain = await person(t, { lastName: 'Звичайна', firstName: 'Ірина', ...address, phone: '+380671112255' });
  await kase(t, { personId: victim, typeCode: 'violence', byUserId: a.userId });
  hh = await household(t, { headPersonId: member });
  await kase(t, { householdId: hh, typeCode: 'child_at_risk', byUserId: a.userId });
});
afterAll(() => t.close());

describe('protected contacts', () => {
  it('the card shows them to the team only', async () => {
    const team = await signedIn(t, a.username);
    const mine = await team.get(`/persons/${victim}`);
    expect(mine.status).toBe(200);
    expect(mine.text).toContain(PHONE);
    expect(mine.text).toContain(STREET);
    for (const who of [b.username, 'manager', 'worker']) {
      const other = await signedIn(t, who);
      const card = await other.get(`/persons/${victim}`);
      expect(card.status, who).toBe(200);
      expect(card.text, who).toContain('Захищена');
      expect(card.text, who).toContain('Приховано: обмежений випадок');
      for (const secret of [PHONE, EMAIL, STREET]) expect(card.text, `${who}: ${secret}`).not.toContain(secret);
      // A household's restricted case protects its members too.
      const m = await other.get(`/persons/${member}`);
      expect(m.text, who).not.toContain('+380671112244');
      // Someone without a restricted case: nothing hidden.
      expect((await other.get(`/persons/${plain}`)).text, who).toContain('+380671112255');
    }
    // The audited read names no contacts when none were shown.
    const { rows } = await t.owner<{ fields: string[] }>(
      "SELECT fields FROM audit_log WHERE action = 'person.view' AND entity_id = $1 AND actor_id = $2",
      [victim, b.userId],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.fields).not.toContain('contacts');
  });

  it('the household card hides the address of a household with a protected member, outside the team', async () => {
    const street = (await t.owner<{ street: string | null }>('SELECT street FROM households WHERE id = $1', [hh]))
      .rows[0].street;
    const team = await signedIn(t, a.username);
    const mine = await team.get(`/households/${hh}`);
    expect(mine.status).toBe(200);
    expect(street).toBe(STREET);
    expect(mine.text).toContain(STREET);
    const other = await signedIn(t, b.username);
    const card = await other.get(`/households/${hh}`);
    expect(card.status).toBe(200);
    expect(card.text).toContain('Приховано: обмежений випадок');
    expect(card.text).not.toContain(STREET);
  });

  it('a provider delivering a service to a protected person sees neither address nor phone', async () => {
    const agencyId = (
      await t.owner<{ agency_id: number }>(
        "SELECT g.agency_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'provider'",
      )
    ).rows[0].agency_id;
    const svc = await service(t, { name: 'Догляд вдома (захист)', providers: [agencyId] });
    const app = await application(t, { personId: victim, serviceId: svc.id, status: 'granted' });
    const manager = await signedIn(t, 'manager');
    await manager.get(`/applications/${app}`);
    const handed = await manager.post(`/applications/${app}/provider`, {
      agencyId: String(agencyId),
      providerNotes: '',
      assignmentVersion: '',
    });
    expect(handed.status).toBe(303);
    const id = (await t.owner<{ id: string }>('SELECT id FROM service_assignments WHERE application_id = $1', [app]))
      .rows[0].id;
    const provider = await signedIn(t, 'provider');
    await provider.get(`/assignments/${id}`);
    await provider.post(`/assignments/${id}/action`, { command: 'accept', version: '1' });
    const page = await provider.get(`/assignments/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Захищена');
    expect(page.text).toContain('адресу й телефон повідомить ведучий випадку');
    for (const secret of [PHONE, STREET]) expect(page.text).not.toContain(secret);
  });

  it('the subject-access report of another member leaves out the address of a household with a protected person', async () => {
    const kid = await person(t, { lastName: 'Захищенко', firstName: 'Марко', birthDate: '2015-03-03' });
    const kidOnly = await person(t, { lastName: 'Незахищенко', firstName: 'Іван', birthDate: '2015-03-03' });
    await household(t, { headPersonId: victim, members: [[kid, 'child']] });
    await household(t, { headPersonId: plain, members: [[kidOnly, 'child']] });
    const manager = await signedIn(t, 'manager');
    const report = async (id: string) => {
      const res = await fetch(`${t.baseUrl}/persons/${id}/subject-report`, {
        headers: { cookie: [...manager.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        redirect: 'manual',
      });
      expect(res.status).toBe(200);
      return pdfText(Buffer.from(await res.arrayBuffer())).text.replace(/\s+/g, ' ');
    };
    const hidden = await report(kid);
    expect(hidden).toContain('в домогосподарстві є особа під захистом');
    expect(hidden).not.toContain('Потаємна');
    // A household without a protected member: its address is in the report.
    expect(await report(kidOnly)).toContain('Потаємна');
  });

  it('the search neither shows where they live nor finds them by settlement, outside the team', async () => {
    const other = await signedIn(t, b.username);
    await other.get('/persons');
    const byName = await other.post('/persons/search', { q: 'Захищена Ірина' });
    expect(byName.status).toBe(200);
    const row = /<tr[^>]*>(?:(?!<\/tr>)[\s\S])*Захищена(?:(?!<\/tr>)[\s\S])*<\/tr>/.exec(byName.text)?.[0] ?? '';
    expect(row).not.toBe('');
    expect(row).not.toContain(settlementName);
    const bySettlement = await other.post('/persons/search', { q: 'Ірина', settlementCode });
    expect(bySettlement.text).toContain('Звичайна');
    expect(bySettlement.text).not.toContain('Захищена');
    const team = await signedIn(t, a.username);
    await team.get('/persons');
    const teamSearch = await team.post('/persons/search', { q: 'Ірина', settlementCode });
    expect(teamSearch.text).toContain('Захищена');
  });

  it('an edit from outside the team leaves the hidden contacts as they are; the team changes them', async () => {
    const other = await signedIn(t, b.username);
    const form = await other.get(`/persons/${victim}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).not.toContain(PHONE);
    expect(form.text).not.toContain(STREET);
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? '1';
    const saved = await other.post(`/persons/${victim}/edit`, {
      lastName: 'Захищена',
      firstName: 'Ірина',
      patronymic: 'Петрівна',
      phone: '',
      email: '',
      settlementCode: '',
      street: '',
      house: '',
      version,
    });
    expect([303, 200]).toContain(saved.status);
    const { rows } = await t.owner<{ phone: string; email: string; reg_street: string; patronymic: string }>(
      'SELECT phone, email, reg_street, patronymic FROM persons WHERE id = $1',
      [victim],
    );
    expect(rows[0]).toEqual({ phone: PHONE, email: EMAIL, reg_street: STREET, patronymic: 'Петрівна' });
  });
});
