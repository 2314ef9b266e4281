import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { apiTokenFor } from '../helpers/api.js';
import { caseTeamMember, demoHromadaId, kase, newHromada, person, signedIn, staffUser } from '../factories/index.js';

/**
 * Issue 11 item 7: who learns that a restricted case exists, as a matrix — every staff role, on the case's team,
 * named its supervisor, in the same hromada off the team, in another hromada — over the case page, the cases
 * list, the person card, and the API (the case, the person's cases). An ordinary case beside it shows that the
 * same people do see ordinary cases (so a «not found» is the restriction, not a broken page).
 */
type Relation = 'team' | 'supervisor' | 'off-team' | 'other-hromada';
interface Who {
  label: string;
  role: string;
  relation: Relation;
  username: string;
  hromadaCode?: string;
}
interface Seen {
  page: number;
  list: boolean | number;
  card: boolean | number;
  api: number;
  apiList: boolean | number;
}

let t: TestApp;
let restricted = { id: '', number: '' };
let ordinary = { id: '', number: '' };
let personId = '';
const people: Who[] = [];

beforeAll(async () => {
  t = await startTestApp();
  const hromadaId = await demoHromadaId(t);
  const manager = await staffUser(t, { role: 'worker', displayName: 'Менеджерка Випадку' });
  personId = await person(t, { lastName: 'Матрична', firstName: 'Оксана' });
  restricted = await kase(t, { personId, typeCode: 'violence', byUserId: manager.userId });
  ordinary = await kase(t, { personId, typeCode: 'other', byUserId: manager.userId });
  people.push({ label: 'manager of the case (worker)', role: 'worker', relation: 'team', username: manager.username });
  for (const role of ['children', 'worker'] as const) {
    const member = await staffUser(t, { role });
    await caseTeamMember(t, { hromadaId, caseId: restricted.id, userId: member.userId, role: 'member' });
    people.push({ label: `${role} on the team`, role, relation: 'team', username: member.username });
  }
  const supervisor = await staffUser(t, { role: 'manager' });
  await caseTeamMember(t, { hromadaId, caseId: restricted.id, userId: supervisor.userId, role: 'supervisor' });
  people.push({
    label: 'manager named supervisor',
    role: 'manager',
    relation: 'supervisor',
    username: supervisor.username,
  });
  for (const role of ['manager', 'worker', 'children', 'frontdesk', 'starosta', 'provider', 'admin'] as const) {
    const u = await staffUser(t, { role });
    people.push({ label: `${role} off the team`, role, relation: 'off-team', username: u.username });
  }
  const other = await newHromada(t);
  for (const role of ['manager', 'worker'] as const) {
    const u = await staffUser(t, { role, hromadaId: other.id });
    people.push({
      label: `${role} of another hromada`,
      role,
      relation: 'other-hromada',
      username: u.username,
      hromadaCode: other.code,
    });
  }
});
afterAll(async () => {
  await t?.close();
});

async function seen(who: Who, k: { id: string; number: string }): Promise<Seen> {
  const c = await signedIn(t, who.username, who.hromadaCode ? { hromadaCode: who.hromadaCode } : {});
  const page = await c.get(`/cases/${k.id}`);
  const list = await c.get('/cases?scope=all');
  const card = await c.get(`/persons/${personId}`);
  const token = await apiTokenFor(t, who.username);
  const headers = { authorization: `Bearer ${token}` };
  const api = await fetch(`${t.baseUrl}/api/v1/cases/${k.id}`, { headers });
  const apiList = await fetch(`${t.baseUrl}/api/v1/cases?personId=${personId}`, { headers });
  return {
    page: page.status,
    list: list.status === 200 ? list.text.includes(k.number) : list.status,
    card: card.status === 200 ? card.text.includes(k.number) : card.status,
    api: api.status,
    apiList: apiList.status === 200 ? (await apiList.text()).includes(k.id) : apiList.status,
  };
}

/** What each relation and role may see of a restricted case. */
function expected(who: Who): Seen {
  const readsCases = ['manager', 'worker', 'children'].includes(who.role);
  if (who.relation === 'other-hromada') return { page: 404, list: false, card: 404, api: 404, apiList: 404 };
  if (!readsCases) {
    // No case permission at all: refused before any case is looked up. The front office reads the card but it
    // lists no cases; a starosta and a provider do not reach this person (no district, not their client).
    const card = who.role === 'frontdesk' ? false : 403;
    return { page: 403, list: 403, card, api: 403, apiList: 403 };
  }
  if (who.relation === 'team' || who.relation === 'supervisor')
    return { page: 200, list: true, card: true, api: 200, apiList: true };
  return { page: 404, list: false, card: false, api: 404, apiList: false };
}

describe('a restricted case as a matrix of who × where', () => {
  it('shows it to its team and named supervisor only; everyone else cannot tell it exists', async () => {
    const got: Record<string, Seen> = {};
    const want: Record<string, Seen> = {};
    for (const who of people) {
      got[who.label] = await seen(who, restricted);
      want[who.label] = expected(who);
    }
    expect(got).toEqual(want);
  });

  it('shows an ordinary case of the same person to every case role of the hromada', async () => {
    for (const who of people.filter((p) => ['manager', 'worker', 'children'].includes(p.role))) {
      const s = await seen(who, ordinary);
      if (who.relation === 'other-hromada') expect(s.page, who.label).toBe(404);
      else expect([s.page, s.list, s.api], who.label).toEqual([200, true, 200]);
    }
  });
});
