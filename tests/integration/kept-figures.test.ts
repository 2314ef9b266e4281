import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { HttpClient } from '../helpers/http.js';
import { apiTokenFor } from '../helpers/api.js';
import { agency, person, service, serviceAct, signedIn } from '../factories/index.js';
import { kyivToday } from '../../src/platform/dates.js';

/**
 * Decision 0035: dashboards and public pages show the computed indicators' kept figures with when they were computed;
 * a stale figure is shown while the background job computes it again, and «Перерахувати зараз» asks for all of a
 * plan's at once.
 */
let t: TestApp;
let manager: HttpClient;
let plan: number;
let svc: string;
let provider: number;
const year = kyivToday().slice(0, 4);

const PLAN = {
  hromada: 'Тестова громада',
  document: { title: 'План для перевірки обчислених показників', period: { from: Number(year), to: Number(year) } },
  strategic_goals: [
    {
      code: 'A',
      title: 'Послуги вдома',
      operational_goals: [
        {
          code: 'A.1',
          title: 'Догляд',
          tasks: [
            {
              code: 'A.1.1',
              title: 'Догляд вдома',
              executors: ['Центр'],
              period: `${year} рік`,
              indicators: [
                { name: 'Отримувачі догляду', unit: 'осіб', targets: { [year]: 10 }, metric: 'delivery.personsServed' },
              ],
            },
          ],
        },
      ],
    },
  ],
};

const act = async (lastName: string) =>
  serviceAct(t, { personId: await person(t, { lastName }), serviceId: svc, agencyId: provider, actDate: kyivToday() });
const kept = async () =>
  (
    await t.owner<{ total: string; computed_at: Date; refresh_requested_at: Date | null }>(
      `SELECT total::text, computed_at, refresh_requested_at FROM metric_figures
       WHERE metric_key = 'delivery.personsServed' AND period_from = $1::date AND period_to = $2::date`,
      [`${year}-01-01`, `${year}-12-31`],
    )
  ).rows;
const actualOnDashboard = async () => {
  const page = await manager.get(`/action-plans/${plan}/dashboard`);
  expect(page.status).toBe(200);
  const m = new RegExp(`${year}[^<]*</td>\\s*<td[^>]*>10</td>\\s*<td[^>]*>(\\d+|—)</td>`).exec(page.text);
  expect(m).not.toBeNull();
  return { page, actual: !m || m[1] === '—' ? null : Number(m[1]) };
};
const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the background job did not finish in 10 s');
};

beforeAll(async () => {
  t = await startTestApp({ jobs: true });
  manager = await signedIn(t, 'manager');
  const token = await apiTokenFor(t, 'manager');
  const r = await fetch(`${t.baseUrl}/api/v1/action-plans/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(PLAN),
  });
  expect(r.status).toBe(201);
  plan = ((await r.json()) as { id: number }).id;
  svc = (await service(t, { name: 'Догляд вдома (показники)' })).id;
  provider = await agency(t, { name: 'Центр (показники)' });
});
afterAll(async () => {
  await t?.close();
});

describe('kept figures', () => {
  it('the first view asks the job for the figure and says so; later views show it as kept, with when', async () => {
    const first = await actualOnDashboard();
    expect(first.actual).toBeNull();
    expect(first.page.text).toContain('Зараз показники перераховуються');
    await until(async () => (await kept())[0]?.total != null);
    const before = (await actualOnDashboard()).actual;
    expect(before).not.toBeNull();
    expect(await kept()).toHaveLength(1);
    expect(Number((await kept())[0].total)).toBe(before);
    await act('Перша');
    const { page, actual } = await actualOnDashboard();
    expect(page.text).not.toContain('Зараз показники перераховуються');
    expect(actual).toBe(before);
    expect(page.text).toContain('Обчислені показники станом на');
    expect(page.text).toContain('Перерахувати зараз');
  });

  it('«Перерахувати зараз» computes the plan’s figures again in the background', async () => {
    const before = (await kept())[0];
    const served = Number(before.total) + 1;
    await manager.get(`/action-plans/${plan}/dashboard`);
    const asked = await manager.post(`/action-plans/${plan}/figures/refresh`, {});
    expect(asked.status).toBe(303);
    expect(asked.location).toBe(`/action-plans/${plan}/dashboard?done=refresh`);
    expect((await manager.get(asked.location ?? '')).text).toContain('Перерахунок обчислених показників запущено');
    await until(async () => (await kept())[0].computed_at > before.computed_at);
    expect((await actualOnDashboard()).actual).toBe(served);
    expect((await kept())[0].refresh_requested_at).toBeNull();
  });

  it('a figure older than ten minutes is shown while it is computed again', async () => {
    const shown = Number((await kept())[0].total);
    await act('Друга');
    await t.owner(`UPDATE metric_figures SET computed_at = now() - interval '11 minutes'`);
    const { page, actual } = await actualOnDashboard();
    expect(actual).toBe(shown);
    expect(page.text).toContain('Зараз показники перераховуються');
    await until(async () => Number((await kept())[0].total) === shown + 1);
    const after = await actualOnDashboard();
    expect(after.actual).toBe(shown + 1);
    expect(after.page.text).not.toContain('Зараз показники перераховуються');
  });

  it('the public page shows the same kept figure with when it was computed', async () => {
    await manager.get(`/action-plans/${plan}`);
    expect((await manager.post(`/action-plans/${plan}/publish`, { publish: 'yes' })).status).toBe(303);
    const code = (
      await t.owner<{ code: string }>(
        'SELECT h.code FROM hromadas h JOIN action_plans p ON p.hromada_id = h.id WHERE p.id = $1',
        [plan],
      )
    ).rows[0].code;
    const page = await new HttpClient(t.baseUrl).get(`/hromadas/${code}/plans/${plan}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Дані обчислено');
  });

  it('asking a recompute needs a signed-in member of the hromada and the form’s token', async () => {
    const provider = await signedIn(t, 'provider');
    await provider.get('/');
    expect((await provider.post(`/action-plans/${plan}/figures/refresh`, {})).status).toBe(403);
    const anonymous = new HttpClient(t.baseUrl);
    const r = await anonymous.post(`/action-plans/${plan}/figures/refresh`, {});
    expect([303, 401, 403]).toContain(r.status);
    expect(r.location ?? '').not.toContain('done=refresh');
    expect((await manager.post(`/action-plans/999999/figures/refresh`, {})).status).toBe(404);
  });
});
