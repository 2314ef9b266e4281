import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { applicationFixtures } from '../helpers/applications.js';
import { demoHromadaId, kase, person, staffUser } from '../factories/index.js';

let t: TestApp;
let hromadaId: number;
const fx = applicationFixtures(() => ({ t, hromadaId }));
let outside: string;
let settlementOut: string;

async function client(who: { username?: string; email?: string }): Promise<HttpClient> {
  const c = t.client();
  await signInAs(t, c, who);
  return c;
}

const refusals = async (actor: string) =>
  (
    await t.owner<{ entity_type: string | null; entity_id: string | null; reason: string }>(
      `SELECT a.entity_type, a.entity_id, a.reason FROM audit_log a JOIN users u ON u.id = a.actor_id
   WHERE a.action = 'page.refused' AND (u.username = $1 OR u.email = $1) ORDER BY a.id`,
      [actor],
    )
  ).rows;

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  const district = (
    await t.owner<{ district_id: number }>(
      "SELECT g.district_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'starosta'",
    )
  ).rows[0].district_id;
  settlementOut = (
    await t.owner<{ settlement_code: string }>(
      'SELECT settlement_code FROM district_settlements WHERE district_id <> $1 LIMIT 1',
      [district],
    )
  ).rows[0].settlement_code;
  outside = await fx.addPerson('Позаокружна', settlementOut);
});
afterAll(async () => {
  await t?.close();
});

describe('refused page requests on personal-data routes are audited like refused API calls', () => {
  it('a starosta refused a card beyond the district (403): an entry with the person id and the route, not the address', async () => {
    const starosta = await client({ username: 'starosta' });
    const res = await starosta.get(`/persons/${outside}`);
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('Позаокружна');
    const rows = await refusals('starosta');
    expect(rows).toEqual([
      { entity_type: 'person', entity_id: outside, reason: 'refused: forbidden GET /persons/:id' },
    ]);
  });

  it('a worker asking for a person that does not exist (404) and an administrator on the merge comparison (403)', async () => {
    const worker = await client({ username: 'worker' });
    const missing = crypto.randomUUID();
    expect((await worker.get(`/persons/${missing}`)).status).toBe(404);
    expect(await refusals('worker')).toEqual([
      { entity_type: 'person', entity_id: missing, reason: 'refused: not_found GET /persons/:id' },
    ]);
    const admin = await client({ username: 'admin' });
    expect((await admin.get(`/persons/merge?a=${outside}&b=${missing}`)).status).toBe(403);
    const rows = await refusals('admin');
    expect(rows).toEqual([{ entity_type: 'person', entity_id: null, reason: 'refused: forbidden GET /persons/merge' }]);
    // The query string (ids of the persons) is not recorded anywhere in the entry.
    const all = await t.owner(
      "SELECT reason FROM audit_log WHERE action = 'page.refused' AND reason LIKE '%' || $1 || '%'",
      [outside],
    );
    expect(all.rowCount).toBe(0);
  });

  it("a refused POST (a provider adding a household) and a resident on another resident's application are recorded", async () => {
    const provider = await client({ username: 'provider' });
    await provider.get('/staff');
    expect((await provider.post('/households', { headPersonId: outside })).status).toBe(403);
    expect((await refusals('provider')).map((r) => r.reason)).toEqual(['refused: forbidden POST /households']);
    const resident = await client({ email: 'resident@example.com' });
    const id = crypto.randomUUID();
    expect((await resident.get(`/cabinet/applications/${id}`)).status).toBe(404);
    expect(await refusals('resident@example.com')).toEqual([
      { entity_type: 'application', entity_id: id, reason: 'refused: not_found GET /cabinet/applications/:id' },
    ]);
  });

  it('a refusal outside personal data (user administration) is not such an entry', async () => {
    const worker = await client({ username: 'children' });
    expect((await worker.get('/admin/users')).status).toBe(403);
    expect(await refusals('children')).toEqual([]);
  });

  it('case management pages too: a restricted case outside its team, a referral, the tasks and signals of a role without them', async () => {
    const manager = await staffUser(t, { displayName: 'Веде Випадок' });
    const outsider = await staffUser(t, { displayName: 'Поза Командою' });
    const victim = await person(t, { lastName: 'Обмежена', firstName: 'Ніна' });
    const caseId = (await kase(t, { personId: victim, typeCode: 'violence', byUserId: manager.userId })).id;
    const worker = await client({ username: outsider.username });
    expect((await worker.get(`/cases/${caseId}`)).status).toBe(404);
    const referral = crypto.randomUUID();
    expect((await worker.get(`/referrals/${referral}`)).status).toBe(404);
    expect(await refusals(outsider.username)).toEqual([
      { entity_type: 'case', entity_id: caseId, reason: 'refused: not_found GET /cases/:id' },
      { entity_type: 'referral', entity_id: referral, reason: 'refused: not_found GET /referrals/:id' },
    ]);
    const admin = await staffUser(t, { role: 'admin' });
    const a = await client({ username: admin.username });
    expect((await a.get('/tasks')).status).toBe(403);
    expect((await a.get('/signals')).status).toBe(403);
    expect(await refusals(admin.username)).toEqual([
      { entity_type: 'case', entity_id: null, reason: 'refused: forbidden GET /tasks' },
      { entity_type: 'signal', entity_id: null, reason: 'refused: forbidden GET /signals' },
    ]);
  });
});
