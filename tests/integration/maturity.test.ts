import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { agency, newHromada, signedIn, staffUser } from '../factories/index.js';

/** Issue 13 item 8: the yearly digital-maturity self-assessment of institutions, in a hromada of its own. */
let t: TestApp;
let manager: HttpClient;
let worker: HttpClient;
let otherManager: HttpClient;
let hromadaId: number;
let centre: number;

const questions = async () =>
  (
    await t.owner<{ id: string; domain: string; active: boolean }>(
      'SELECT id, domain, active FROM maturity_questions WHERE hromada_id = $1 ORDER BY domain, position, id',
      [hromadaId],
    )
  ).rows;

/** Every active question answered with `score`, except those given in `own`. */
async function allAnswers(score: number, own: Record<string, number> = {}) {
  const fields: Record<string, string> = {};
  for (const q of await questions()) if (q.active) fields[`q${q.id}`] = String(own[q.id] ?? score);
  return fields;
}

async function open(year: string): Promise<string> {
  await manager.get('/maturity');
  const res = await manager.post('/maturity/assessments', { agencyId: String(centre), year });
  expect(res.status).toBe(303);
  return res.headers.get('location')!;
}

beforeAll(async () => {
  t = await startTestApp();
  const h = await newHromada(t);
  hromadaId = h.id;
  const m = await staffUser(t, { role: 'manager', hromadaId: h.id });
  const w = await staffUser(t, { role: 'worker', hromadaId: h.id });
  manager = await signedIn(t, m.username, { hromadaCode: h.code });
  worker = await signedIn(t, w.username, { hromadaCode: h.code });
  otherManager = await signedIn(t, 'manager');
  centre = await agency(t, { hromadaId: h.id, name: 'Центр надання соціальних послуг (зрілість)' });
});
afterAll(async () => {
  await t?.close();
});

describe('the self-assessment', () => {
  it('starts with the default questionnaire, saves a draft with scores by domain, and is submitted whole', async () => {
    const list = await manager.get('/maturity');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Питальник: 16 чинних питань');
    const url = await open('2025');
    expect(await open('2025')).toBe(url); // the same year opens the same assessment
    const qs = await questions();
    const governance = qs.filter((q) => q.domain === 'governance');
    // A draft: governance answered 4 and 2 (mean 3 of 4: 75 %), the rest not yet.
    const draft = await manager.post(url, {
      [`q${governance[0].id}`]: '4',
      [`q${governance[1].id}`]: '2',
      [`c${governance[1].id}`]: 'Плану цифрового розвитку ще немає',
      action: 'save',
    });
    expect(draft.status).toBe(303);
    const page = await manager.get(url);
    expect(page.text).toMatch(/Управління і стратегія<\/th><td[^>]*>75 %/);
    expect(page.text).toMatch(/Загальна оцінка<\/th><td[^>]*>75 %/);
    expect(page.text).toContain('Плану цифрового розвитку ще немає');
    // Submitting with questions unanswered names each of them; nothing changes.
    const partial = await manager.post(url, { [`q${governance[0].id}`]: '4', action: 'submit' });
    expect(partial.status).toBe(400);
    expect(partial.text).toContain('Оберіть відповідь від 0 до 4');
    const bad = await manager.post(url, { [`q${governance[0].id}`]: '7', action: 'save' });
    expect(bad.status).toBe(400);
    const stored = await t.owner<{ n: number }>(
      'SELECT count(*)::int AS n FROM maturity_answers WHERE hromada_id = $1',
      [hromadaId],
    );
    expect(stored.rows[0].n).toBe(2);
    // All answered: submitted, and then not changed again.
    const submitted = await manager.post(url, { ...(await allAnswers(2)), action: 'submit' });
    expect(submitted.status).toBe(303);
    const after = await manager.get(url);
    expect(after.text).toContain('Подано:');
    expect(after.text).toMatch(/Загальна оцінка<\/th><td[^>]*>50 %/);
    const again = await manager.post(url, { ...(await allAnswers(4)), action: 'save' });
    expect(again.status).toBe(409);
  });

  it('compares the years side by side, and keeps a switched-off question in the year it was answered', async () => {
    const first = (await questions())[0];
    await manager.get('/maturity/questions');
    const off = await manager.post(`/maturity/questions/${first.id}`, {
      domain: first.domain,
      text: 'Змінене питання',
    });
    expect(off.status).toBe(303);
    const added = await manager.post('/maturity/questions', { domain: 'data', text: 'Чи ведеться електронний архів?' });
    expect(added.status).toBe(303);
    const url = await open('2026');
    const page2026 = await manager.get(url);
    expect(page2026.text).not.toContain('Змінене питання');
    expect(page2026.text).toContain('Чи ведеться електронний архів?');
    expect((await manager.post(url, { ...(await allAnswers(3)), action: 'submit' })).status).toBe(303);
    const page = await manager.get(url);
    const years = page.text.slice(page.text.indexOf('id="maturity-years"'));
    expect(years).toMatch(/>2025<\/th>[\s\S]*?>2026<\/th>/);
    expect(years).toMatch(/Загальна оцінка<\/th><td[^>]*>50 %<\/td><td[^>]*>75 %/);
    const page2025 = await manager.get(
      (await manager.get('/maturity')).text.match(/href="(\/maturity\/assessments\/[^"]+)">2025/)![1],
    );
    expect(page2025.text).toContain('Змінене питання');
  });

  it('refuses a future year, an institution of another hromada, and those who may only read', async () => {
    const thisYear = new Date().getFullYear();
    await manager.get('/maturity');
    const future = await manager.post('/maturity/assessments', {
      agencyId: String(centre),
      year: String(thisYear + 1),
    });
    expect(future.status).toBe(400);
    const other = await agency(t, { name: 'Чужа установа (зрілість)' });
    expect((await manager.post('/maturity/assessments', { agencyId: String(other), year: '2025' })).status).toBe(404);
    const url = (
      await t.owner<{ id: string }>('SELECT id FROM maturity_assessments WHERE hromada_id = $1 LIMIT 1', [hromadaId])
    ).rows[0].id;
    expect((await worker.get(`/maturity/assessments/${url}`)).status).toBe(200);
    await worker.get('/maturity');
    expect((await worker.post('/maturity/assessments', { agencyId: String(centre), year: '2024' })).status).toBe(403);
    expect((await worker.post('/maturity/questions', { domain: 'data', text: 'Питання працівника' })).status).toBe(403);
    expect((await otherManager.get(`/maturity/assessments/${url}`)).status).toBe(404);
  });
});
