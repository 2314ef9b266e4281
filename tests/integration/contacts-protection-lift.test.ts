import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { apiTokenFor } from '../helpers/api.js';
import { caseTeamMember } from '../factories/case-team.js';
import { demoHromadaId, kase, person, signedIn, staffUser, type StaffUser } from '../factories/index.js';

/**
 * Issue 11 item 7, decision 0023: the manager or a supervisor of a restricted case's team lifts the protection of its
 * subject's address and contacts — with a reason and a confirmation, audited, in the case's timeline — and restores it.
 * While lifted, that case hides nothing; another restricted case of the same person that is not lifted still does.
 */
let t: TestApp;
let hromadaId: number;
let manager: StaffUser;
let member: StaffUser;
let other: StaffUser;
let outsider: StaffUser;
let victim: string;
let twice: string;
let caseId: string;
const PHONE = '+380671113301';
const PHONE2 = '+380671113302';

/** The case page of a restricted case, after the reason its reader must give first. */
async function casePage(c: HttpClient, id: string): Promise<string> {
  const first = await c.get(`/cases/${id}`);
  if (first.text.includes('name="reason"')) await c.post(`/cases/${id}/access`, { reason: 'Підготовка до візиту' });
  const page = await c.get(`/cases/${id}`);
  expect(page.status).toBe(200);
  return page.text;
}

const hiddenFor = async (c: HttpClient, id: string, phone: string) => {
  const card = await c.get(`/persons/${id}`);
  expect(card.status).toBe(200);
  return !card.text.includes(phone);
};

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  manager = await staffUser(t, { displayName: 'Ведуча Ольга' });
  member = await staffUser(t, { displayName: 'Членкиня Марта' });
  other = await staffUser(t, { displayName: 'Інша Ведуча' });
  outsider = await staffUser(t, { displayName: 'Стороння Віра' });
  victim = await person(t, { lastName: 'Переїхала', firstName: 'Олена', phone: PHONE });
  twice = await person(t, { lastName: 'Двічі', firstName: 'Ганна', phone: PHONE2 });
  caseId = (await kase(t, { personId: victim, typeCode: 'violence', byUserId: manager.userId })).id;
  await caseTeamMember(t, { hromadaId, caseId, userId: member.userId, role: 'member' });
});
afterAll(() => t.close());

describe('lifting the protection of a restricted case subject’s contacts', () => {
  it('the case page shows the protection in force and, to its manager, the form to lift it', async () => {
    const c = await signedIn(t, manager.username);
    const page = await casePage(c, caseId);
    expect(page).toContain('Захист адреси й контактів');
    expect(page).toContain(`action="/cases/${caseId}/protection/lift"`);
    expect(page).toContain('name="protectionConfirm"');
    // A member who is neither the manager nor a supervisor sees the state, not the form.
    const m = await signedIn(t, member.username);
    const theirs = await casePage(m, caseId);
    expect(theirs).toContain('Захист адреси й контактів');
    expect(theirs).not.toContain('/protection/lift');
  });

  it('asks for a reason and the confirmation; without them nothing changes', async () => {
    const c = await signedIn(t, manager.username);
    await casePage(c, caseId);
    const noConfirm = await c.post(`/cases/${caseId}/protection/lift`, { protectionReason: 'Переїхала в інше місто' });
    expect(noConfirm.status).toBe(400);
    expect(noConfirm.text).toContain('Підтвердьте, що розумієте наслідки зняття захисту');
    expect(noConfirm.text).toContain('Переїхала в інше місто');
    const noReason = await c.post(`/cases/${caseId}/protection/lift`, {
      protectionReason: '',
      protectionConfirm: 'yes',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Вкажіть причину');
    const { rows } = await t.owner('SELECT protection_lifted_at FROM cases WHERE id = $1', [caseId]);
    expect(rows[0]).toEqual({ protection_lifted_at: null });
    expect(await hiddenFor(await signedIn(t, outsider.username), victim, PHONE)).toBe(true);
  });

  it('only the manager or a supervisor of the team lifts it: a member is refused, an outsider finds no case', async () => {
    const m = await signedIn(t, member.username);
    await m.get(`/persons/${victim}`);
    const byMember = await m.post(`/cases/${caseId}/protection/lift`, {
      protectionReason: 'Переїхала',
      protectionConfirm: 'yes',
    });
    expect(byMember.status).toBe(403);
    expect(byMember.text).toContain('Знімати й відновлювати захист може лише');
    const o = await signedIn(t, outsider.username);
    await o.get(`/persons/${victim}`);
    const byOutsider = await o.post(`/cases/${caseId}/protection/lift`, {
      protectionReason: 'Переїхала',
      protectionConfirm: 'yes',
    });
    expect(byOutsider.status).toBe(404);
    expect(await hiddenFor(o, victim, PHONE)).toBe(true);
  });

  it('lifted: everyone sees the contacts; the timeline and the audit trail have it with the reason', async () => {
    const c = await signedIn(t, manager.username);
    await casePage(c, caseId);
    const res = await c.post(`/cases/${caseId}/protection/lift`, {
      protectionReason: 'Переїхала в інше місто, згодна',
      protectionConfirm: 'yes',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/cases/${caseId}?done=protectionLifted#protection`);
    const page = await c.get(`/cases/${caseId}?done=protectionLifted`);
    expect(page.text).toContain('Захист адреси й контактів знято.');
    expect(page.text).toContain('Захист знято');
    expect(page.text).toContain('Ведуча Ольга');
    expect(page.text).toContain(`action="/cases/${caseId}/protection/restore"`);
    const timeline = /<ol class="govuk-list" id="case-timeline"[\s\S]*?<\/ol>/.exec(page.text)?.[0] ?? '';
    expect(timeline).toContain('Знято захист адреси й контактів отримувача');
    expect(timeline).toContain('Переїхала в інше місто, згодна');
    const audit = await t.owner<{ actor_id: string; reason: string; fields: string[]; operation: string }>(
      "SELECT actor_id, reason, fields, operation FROM audit_log WHERE action = 'case.protection.lift' AND entity_id = $1",
      [caseId],
    );
    expect(audit.rows).toEqual([
      {
        actor_id: manager.userId,
        reason: 'Переїхала в інше місто, згодна',
        fields: ['protection'],
        operation: 'write',
      },
    ]);
    for (const who of [outsider.username, 'manager', 'worker']) {
      expect(await hiddenFor(await signedIn(t, who), victim, PHONE), who).toBe(false);
    }
    // Lifting it again (another member did it meanwhile) is a conflict.
    const again = await c.post(`/cases/${caseId}/protection/lift`, {
      protectionReason: 'Ще раз',
      protectionConfirm: 'yes',
    });
    expect(again.status).toBe(409);
  });

  it('restored with a reason: hidden again outside the team, in the timeline and the audit trail', async () => {
    const c = await signedIn(t, manager.username);
    await casePage(c, caseId);
    expect((await c.post(`/cases/${caseId}/protection/restore`, { protectionReason: '' })).status).toBe(400);
    const res = await c.post(`/cases/${caseId}/protection/restore`, { protectionReason: 'Кривдник дізнався адресу' });
    expect(res.status).toBe(303);
    const page = await c.get(`/cases/${caseId}`);
    expect(page.text).toContain('Відновлено захист адреси й контактів отримувача');
    expect(page.text).toContain('Кривдник дізнався адресу');
    expect(page.text).toContain(`action="/cases/${caseId}/protection/lift"`);
    const audit = await t.owner<{ reason: string }>(
      "SELECT reason FROM audit_log WHERE action = 'case.protection.restore' AND entity_id = $1",
      [caseId],
    );
    expect(audit.rows).toEqual([{ reason: 'Кривдник дізнався адресу' }]);
    const { rows } = await t.owner(
      'SELECT protection_lifted_at, protection_lifted_by, protection_lifted_reason FROM cases WHERE id = $1',
      [caseId],
    );
    expect(rows[0]).toEqual({ protection_lifted_at: null, protection_lifted_by: null, protection_lifted_reason: null });
    expect(await hiddenFor(await signedIn(t, outsider.username), victim, PHONE)).toBe(true);
    expect(await hiddenFor(await signedIn(t, member.username), victim, PHONE)).toBe(false);
  });

  it('another restricted case of the same person, not lifted, still hides the contacts; the lifted case’s team still sees them', async () => {
    const first = (await kase(t, { personId: twice, typeCode: 'violence', byUserId: manager.userId })).id;
    await kase(t, { personId: twice, typeCode: 'child_at_risk', byUserId: other.userId });
    const c = await signedIn(t, manager.username);
    await casePage(c, first);
    const res = await c.post(`/cases/${first}/protection/lift`, {
      protectionReason: 'Погодилася',
      protectionConfirm: 'yes',
    });
    expect(res.status).toBe(303);
    expect(await hiddenFor(await signedIn(t, outsider.username), twice, PHONE2)).toBe(true);
    expect(await hiddenFor(c, twice, PHONE2)).toBe(false);
    expect(await hiddenFor(await signedIn(t, other.username), twice, PHONE2)).toBe(false);
  });
});

describe('the person API says when the contacts are hidden (contactsHidden)', () => {
  const api = async (username: string, method: string, path: string, body?: unknown) => {
    const token = await apiTokenFor(t, username);
    return t.client().request(method, `/api/v1${path}`, {
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  };
  interface PersonJson {
    id: string;
    settlementCode: string | null;
    contactsHidden: boolean;
  }

  it('true for a reader outside the team (card, search, update), false for the team and for anyone else', async () => {
    const settlementCode = (
      await t.owner<{ code: string }>(
        'SELECT s.code FROM district_settlements ds JOIN settlements s ON s.code = ds.settlement_code WHERE ds.hromada_id = $1 LIMIT 1',
        [hromadaId],
      )
    ).rows[0].code;
    const shielded = await person(t, {
      lastName: 'Апішна',
      firstName: 'Софія',
      settlementCode,
      phone: '+380671113303',
    });
    await kase(t, { personId: shielded, typeCode: 'violence', byUserId: manager.userId });
    const card = await api(outsider.username, 'GET', `/persons/${shielded}`);
    expect(card.status).toBe(200);
    expect(card.json<PersonJson>()).toMatchObject({ id: shielded, settlementCode: null, contactsHidden: true });
    const team = await api(manager.username, 'GET', `/persons/${shielded}`);
    expect(team.json<PersonJson>()).toMatchObject({ settlementCode, contactsHidden: false });
    const unprotected = await person(t, { lastName: 'Відкрита', firstName: 'Софія', settlementCode });
    const plain = await api(outsider.username, 'GET', `/persons/${unprotected}`);
    expect(plain.json<PersonJson>().contactsHidden).toBe(false);
    const found = await api(outsider.username, 'POST', '/persons/search', { q: 'Апішна Софія' });
    expect(found.status).toBe(200);
    const item = found.json<{ items: PersonJson[] }>().items.find((i) => i.id === shielded);
    expect(item).toMatchObject({ settlementCode: null, contactsHidden: true });
    const patched = await api(outsider.username, 'PATCH', `/persons/${shielded}`, { patronymic: 'Іванівна' });
    expect(patched.status).toBe(200);
    expect(patched.json<PersonJson>().contactsHidden).toBe(true);
  });

  it('is declared in the OpenAPI document', async () => {
    const text = (await t.client().get('/api/v1/openapi.json')).text;
    expect(text).toMatch(/"contactsHidden":\{"type":"boolean"/);
  });
});

describe('the edit form tells an editor outside the team that the hidden fields are kept', () => {
  it('a notice outside the team (also when the form comes back with errors), none for the team', async () => {
    const kept = await person(t, { lastName: 'Збережена', firstName: 'Ліна', phone: '+380671113304' });
    await kase(t, { personId: kept, typeCode: 'violence', byUserId: manager.userId });
    const o = await signedIn(t, outsider.username);
    const form = await o.get(`/persons/${kept}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('id="contacts-hidden"');
    expect(form.text).toContain('Збережені адреса й контакти залишаться без змін');
    expect(form.text).not.toContain('+380671113304');
    const bad = await o.post(`/persons/${kept}/edit`, { lastName: '', firstName: 'Ліна', phone: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="contacts-hidden"');
    const team = await signedIn(t, manager.username);
    const theirs = await team.get(`/persons/${kept}/edit`);
    expect(theirs.text).toContain('+380671113304');
    expect(theirs.text).not.toContain('id="contacts-hidden"');
    // One restricted case lifted, another not: still hidden, still the notice.
    expect((await o.get(`/persons/${twice}/edit`)).text).toContain('id="contacts-hidden"');
    // A person nobody protects: no notice.
    const open = await person(t, { lastName: 'Незахищена', firstName: 'Ліна' });
    expect((await o.get(`/persons/${open}/edit`)).text).not.toContain('id="contacts-hidden"');
  });
});

describe('breaking the glass', () => {
  it('shows the restricted case subject’s contacts to the manager for as long as the access lasts, and not after', async () => {
    const phone = '+380671113309';
    const subject = await person(t, { lastName: 'Розбитоскляна', firstName: 'Ія', phone });
    const k = await kase(t, { personId: subject, typeCode: 'violence', byUserId: other.userId });
    const m = await signedIn(t, 'manager');
    expect(await hiddenFor(m, subject, phone)).toBe(true);
    await m.get('/cases/break-glass');
    const r = await m.post('/cases/break-glass', {
      number: k.number,
      reason: 'Поліція: загроза життю, потрібна адреса',
    });
    expect(r.status).toBe(303);
    expect(await hiddenFor(m, subject, phone)).toBe(false);
    // Others still do not see them; once the access expires, neither does the manager.
    expect(await hiddenFor(await signedIn(t, outsider.username), subject, phone)).toBe(true);
    await t.owner(
      "UPDATE case_access SET granted_at = now() - interval '1 hour', expires_at = now() - interval '1 minute' WHERE case_id = $1",
      [k.id],
    );
    expect(await hiddenFor(m, subject, phone)).toBe(true);
  });
});
