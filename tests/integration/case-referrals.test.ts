import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { apiTokenFor } from '../helpers/api.js';
import { demoHromadaId, kase, person, signedIn, staffUser } from '../factories/index.js';
import { addDays, kyivToday } from '../../src/platform/dates.js';

/** Issue 11 item 5: referral and transfer of a case, with the person's consent, a ground of law or an override. */
let t: TestApp;
let worker: HttpClient;
let hromadaId = 0;
let agencyA = { id: 0, name: '' };
let agencyB = 0;
let providerA: HttpClient;
let providerB: HttpClient;

const parts = (name: string, iso: string) => {
  const [y = '', m = '', d = ''] = iso.split('-');
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y };
};
const one = async <T extends Record<string, unknown>>(sql: string, values: unknown[] = []) =>
  (await t.owner<T>(sql, values)).rows[0];
const referralsOf = async (caseId: string) =>
  (
    await t.owner<{ id: string; status: string; basis: string }>(
      'SELECT id, status, basis FROM case_referrals WHERE case_id = $1 ORDER BY sent_at',
      [caseId],
    )
  ).rows;
const audited = async (action: string, entityId: string) =>
  (await t.owner('SELECT 1 FROM audit_log WHERE action = $1 AND entity_id = $2', [action, entityId])).rowCount ?? 0;

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  worker = await signedIn(t, 'worker');
  agencyA = await one<{ id: number; name: string }>(
    `INSERT INTO agencies (hromada_id, name) VALUES ($1, 'Центр реабілітації «Джерело»') RETURNING id, name`,
    [hromadaId],
  );
  agencyB = (
    await one<{ id: number }>(`INSERT INTO agencies (hromada_id, name) VALUES ($1, 'Інший надавач') RETURNING id`, [
      hromadaId,
    ])
  ).id;
  providerA = await signedIn(t, (await staffUser(t, { role: 'provider', agencyId: agencyA.id })).username);
  providerB = await signedIn(t, (await staffUser(t, { role: 'provider', agencyId: agencyB })).username);
});
afterAll(async () => {
  await t?.close();
});

async function newCase(lastName: string, typeCode = 'older_disability') {
  const personId = await person(t, { lastName, firstName: 'Олена', phone: '+380501112233' });
  await t.owner(`UPDATE persons SET reg_street = 'вул. Садова', reg_house = '5' WHERE id = $1`, [personId]);
  return { personId, ...(await kase(t, { personId, typeCode })) };
}

describe('referral with consent', () => {
  it('refuses a referral without consent and without a reason; nothing is saved', async () => {
    const k = await newCase('Безоснівна');
    expect((await worker.get(`/cases/${k.id}/referrals/new`)).text).toContain('Чинних згод особи немає');
    const base = {
      kind: 'service',
      recipient: `agency:${agencyA.id}`,
      purpose: 'Реабілітація',
      sections: ['identity'],
    };
    const bad: [Record<string, string | string[]>, string][] = [
      [base, 'Потрібна згода особи або обґрунтування передачі без згоди'],
      [{ ...base, basis: 'consent' }, 'Оберіть чинну згоду особи'],
      [{ ...base, basis: 'consentNow' }, 'Вкажіть дату згоди'],
      [
        { ...base, basis: 'consentNow', ...parts('consentGivenOn', addDays(kyivToday(), 2)) },
        'не може бути в майбутньому',
      ],
      [{ ...base, basis: 'law' }, 'Оберіть підставу закону'],
      [{ ...base, basis: 'law', lawGround: 'violence' }, 'Вкажіть обґрунтування передачі без згоди'],
      [{ ...base, basis: 'override', reason: 'Терміново' }, 'може лише керівник'],
      [
        { ...base, basis: 'law', lawGround: 'violence', reason: 'x', recipient: 'agency:999999' },
        'Оберіть отримувача зі списку',
      ],
      [{ ...base, basis: 'law', lawGround: 'violence', reason: 'x', purpose: '' }, 'Вкажіть мету направлення'],
      [{ ...base, basis: 'law', lawGround: 'violence', reason: 'x', kind: 'transfer' }, 'лише працівникові'],
    ];
    for (const [body, message] of bad) {
      const r = await worker.post(`/cases/${k.id}/referrals`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.text, JSON.stringify(body)).toContain(message);
    }
    expect(await referralsOf(k.id)).toEqual([]);
    expect(
      (await one<{ n: number }>('SELECT count(*)::int AS n FROM consents WHERE person_id = $1', [k.personId])).n,
    ).toBe(0);
  });

  it('the provider sees only what is shared, declines with a reason; resent to a colleague who opens a case', async () => {
    const k = await newCase('Направлена');
    await worker.get(`/cases/${k.id}/referrals/new`);
    const sent = await worker.post(`/cases/${k.id}/referrals`, {
      kind: 'case',
      recipient: `agency:${agencyA.id}`,
      purpose: 'Курс реабілітації після інсульту',
      sections: ['identity', 'caseInfo'],
      basis: 'consentNow',
      ...parts('consentGivenOn', kyivToday()),
    });
    expect(sent.status, sent.text.slice(0, 300)).toBe(303);
    const [r] = await referralsOf(k.id);
    expect(r).toMatchObject({ status: 'sent', basis: 'consent' });
    // The consent is on the person's card, for that recipient.
    const consent = await one<{ purpose: string }>('SELECT purpose FROM consents WHERE person_id = $1', [k.personId]);
    expect(consent.purpose).toContain('Центр реабілітації «Джерело»');
    expect((await worker.get(`/cases/${k.id}`)).text).toContain('Направлено: Центр реабілітації «Джерело»');

    // The provider of that agency: in its list, the shared sections only; the case itself stays closed to it.
    const inbox = await providerA.get('/referrals');
    expect(inbox.status).toBe(200);
    expect(inbox.text).toContain('Курс реабілітації після інсульту');
    const page = await providerA.get(`/referrals/${r.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Направлена Олена');
    expect(page.text).toContain(k.number);
    expect(page.text).not.toContain('+380501112233');
    expect(page.text).not.toContain('вул. Садова');
    expect((await providerA.get(`/cases/${k.id}`)).status).toBe(403);
    expect(await audited('referral.view', k.id)).toBeGreaterThanOrEqual(1);
    // Another agency's provider neither sees nor answers it.
    expect((await providerB.get('/referrals')).text).not.toContain('Курс реабілітації');
    expect((await providerB.get(`/referrals/${r.id}`)).status).toBe(404);
    await providerB.get('/referrals');
    expect((await providerB.post(`/referrals/${r.id}/decision`, { decision: 'accept' })).status).toBe(404);

    const noReason = await providerA.post(`/referrals/${r.id}/decision`, { decision: 'decline' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Вкажіть причину відмови');
    const declined = await providerA.post(`/referrals/${r.id}/decision`, {
      decision: 'decline',
      reason: 'Немає місць до весни',
    });
    expect(declined.status).toBe(303);
    const again = await providerA.post(`/referrals/${r.id}/decision`, { decision: 'accept' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('На це направлення вже відповіли');
    const casePage = await worker.get(`/cases/${k.id}`);
    expect(casePage.text).toContain('Відхилено');
    expect(casePage.text).toContain(`/cases/${k.id}/referrals/new?from=${r.id}`);

    // Sent again, to the children's service, on the consent already recorded.
    const form = await worker.get(`/cases/${k.id}/referrals/new?from=${r.id}`);
    expect(form.text).toContain('Немає місць до весни');
    const consentId = (await one<{ id: string }>('SELECT id FROM consents WHERE person_id = $1', [k.personId])).id;
    const children = (await one<{ id: string }>("SELECT id FROM users WHERE username = 'children'")).id;
    const resent = await worker.post(`/cases/${k.id}/referrals`, {
      kind: 'case',
      recipient: `user:${children}`,
      purpose: 'Курс реабілітації після інсульту',
      sections: ['identity'],
      basis: 'consent',
      consentId,
    });
    expect(resent.status).toBe(303);
    const second = (await referralsOf(k.id))[1];
    const c = await signedIn(t, 'children');
    expect((await c.get(`/referrals/${second.id}`)).status).toBe(200);
    const accepted = await c.post(`/referrals/${second.id}/decision`, { decision: 'accept' });
    expect(accepted.status).toBe(303);
    const opened = /\/cases\/([0-9a-f-]{36})/.exec(accepted.location ?? '')![1];
    expect(opened).not.toBe(k.id);
    const own = await one<{ manager: string; referral_id: string; person_id: string }>(
      'SELECT u.username AS manager, k.referral_id, k.person_id FROM cases k JOIN users u ON u.id = k.manager_id WHERE k.id = $1',
      [opened],
    );
    expect(own).toEqual({ manager: 'children', referral_id: second.id, person_id: k.personId });
    expect((await worker.get(`/cases/${k.id}`)).text).toContain('Направлення прийняв(-ла)');
  });
});

describe('without consent and transfer', () => {
  it('a ground of law or a manager’s override shares without consent, audited with its reason', async () => {
    const k = await newCase('Захищена', 'violence');
    const law = await worker.post(`/cases/${k.id}/referrals`, {
      kind: 'service',
      recipient: `agency:${agencyA.id}`,
      purpose: 'Притулок',
      sections: ['identity', 'address'],
      basis: 'law',
      lawGround: 'violence',
      reason: 'Кривдник проживає разом',
    });
    expect(law.status).toBe(303);
    const manager = await signedIn(t, 'manager');
    const m = await kase(t, { personId: await person(t, { lastName: 'Керівнича' }), by: 'manager' });
    await manager.get(`/cases/${m.id}/referrals/new`);
    const override = await manager.post(`/cases/${m.id}/referrals`, {
      kind: 'service',
      recipient: `agency:${agencyB}`,
      purpose: 'Продуктові набори',
      sections: [],
      basis: 'override',
      reason: 'Особа в лікарні, згоду отримати неможливо',
    });
    expect(override.status).toBe(303);
    const entry = await one<{ reason: string }>(
      "SELECT reason FROM audit_log WHERE action = 'case.referral.override' AND entity_id = $1",
      [m.id],
    );
    expect(entry.reason).toContain('Особа в лікарні');
    const [r] = await referralsOf(m.id);
    const page = await providerB.get(`/referrals/${r.id}`);
    expect(page.text).toContain('Відомостей про особу не передано');
    expect(page.text).toContain('рішення керівника');
  });

  it('transfers management: the colleague accepts and manages the case, the former manager stays on the team', async () => {
    const own = await staffUser(t, { role: 'worker', displayName: 'Первісна Ганна' });
    const next = await staffUser(t, { role: 'worker', displayName: 'Наступна Ірина' });
    const k = await kase(t, {
      personId: await person(t, { lastName: 'Передана' }),
      typeCode: 'child_at_risk',
      byUserId: own.userId,
    });
    const a = await signedIn(t, own.username);
    await a.get(`/cases/${k.id}/referrals/new?kind=transfer`);
    const sent = await a.post(`/cases/${k.id}/referrals`, {
      kind: 'transfer',
      recipient: `user:${next.userId}`,
      purpose: 'Переходжу до іншого відділу',
      sections: ['identity', 'caseInfo'],
      basis: 'law',
      lawGround: 'child_at_risk',
      reason: 'Дитина в небезпеці: ведення не може перерватися',
    });
    expect(sent.status).toBe(303);
    const b = await signedIn(t, next.username);
    expect((await b.get(`/cases/${k.id}`)).status).toBe(404);
    const [r] = await referralsOf(k.id);
    await b.get(`/referrals/${r.id}`);
    const accepted = await b.post(`/referrals/${r.id}/decision`, { decision: 'accept' });
    expect(accepted.location).toContain(`/cases/${k.id}`);
    // A restricted case: its page opens on a reason given.
    expect((await b.get(`/cases/${k.id}`)).text).toContain('причина перегляду');
    await b.post(`/cases/${k.id}/access`, { reason: 'Прийняла ведення випадку' });
    const page = await b.get(`/cases/${k.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Ведення випадку прийняв(-ла)');
    const team = (
      await t.owner<{ name: string; role: string }>(
        `SELECT u.display_name AS name, m.role FROM case_team m JOIN users u ON u.id = m.user_id
         WHERE m.case_id = $1 AND m.removed_at IS NULL ORDER BY m.role`,
        [k.id],
      )
    ).rows;
    expect(team).toEqual([
      { name: 'Наступна Ірина', role: 'manager' },
      { name: 'Первісна Ганна', role: 'member' },
    ]);
  });
});

describe('the referrals API', () => {
  it('sends with a consent, refuses without a basis, and the recipient answers', async () => {
    const k = await newCase('Апішна');
    const token = await apiTokenFor(t, 'worker');
    const post = (path: string, body: unknown, bearer = token) =>
      fetch(`${t.baseUrl}/api/v1${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const body = { caseId: k.id, kind: 'service', toAgencyId: agencyA.id, purpose: 'Догляд', sections: ['identity'] };
    const noBasis = await post('/referrals', { ...body, basis: 'consent' });
    expect(noBasis.status).toBe(400);
    expect(await referralsOf(k.id)).toEqual([]);
    const lawNoReason = await post('/referrals', { ...body, basis: 'law', lawGround: 'threat_to_life' });
    expect(lawNoReason.status).toBe(400);
    const ok = await post('/referrals', {
      ...body,
      basis: 'law',
      lawGround: 'threat_to_life',
      reason: 'Загроза життю',
    });
    expect(ok.status).toBe(201);
    const r = (await ok.json()) as { id: string; status: string };
    expect(r.status).toBe('sent');
    const provider = await apiTokenFor(t, (await staffUser(t, { role: 'provider', agencyId: agencyA.id })).username);
    const other = await apiTokenFor(t, (await staffUser(t, { role: 'provider', agencyId: agencyB })).username);
    expect((await post(`/referrals/${r.id}/decision`, { decision: 'accept' }, other)).status).toBe(404);
    expect((await post(`/referrals/${r.id}/decision`, { decision: 'accept' }, token)).status).toBe(403);
    const done = await post(`/referrals/${r.id}/decision`, { decision: 'accept' }, provider);
    expect(done.status).toBe(200);
    expect(((await done.json()) as { status: string }).status).toBe('accepted');
  });
});
