import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { apiTokenFor } from '../helpers/api.js';
import { newHromada, signedIn, staffUser } from '../factories/index.js';

/** Issue 13 item 1: a task of a plan edited in the UI, with the history of the change. */
let t: TestApp;
let manager: HttpClient;
let worker: HttpClient;
let otherManager: HttpClient;
let url: string;
let taskId: string;

const PLAN = {
  hromada: 'Громада редагування',
  document: {
    title: 'План 2026–2027',
    approved_by: 'Рада',
    number: '1',
    date: '2026-01-10',
    period: { from: 2026, to: 2027 },
  },
  values: [],
  strategic_goals: [
    {
      code: '1',
      title: 'Ціль',
      operational_goals: [
        {
          code: '1.1',
          title: 'Підціль',
          tasks: [
            {
              code: '1.1.1',
              title: 'Стара назва',
              executors: ['Відділ'],
              period: '2026',
              indicators: [],
              expected_result: null,
              funding_sources: [],
            },
          ],
        },
      ],
    },
  ],
  monitoring: null,
};

beforeAll(async () => {
  t = await startTestApp();
  const h = await newHromada(t);
  const m = await staffUser(t, { role: 'manager', hromadaId: h.id, displayName: 'Олена Редакторка' });
  const w = await staffUser(t, { role: 'worker', hromadaId: h.id });
  manager = await signedIn(t, m.username, { hromadaCode: h.code });
  worker = await signedIn(t, w.username, { hromadaCode: h.code });
  otherManager = await signedIn(t, 'manager');
  const res = await fetch(`${t.baseUrl}/api/v1/action-plans/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await apiTokenFor(t, m.username)}`, 'content-type': 'application/json' },
    body: JSON.stringify(PLAN),
  });
  const planId = ((await res.json()) as { id: number }).id;
  taskId = (await t.owner<{ id: string }>('SELECT id FROM plan_tasks WHERE plan_id = $1', [planId])).rows[0].id;
  url = `/action-plans/${planId}/tasks/${taskId}`;
});
afterAll(async () => {
  await t?.close();
});

describe('editing a task', () => {
  it('changes its title, executors, period and expected result, and the history shows before and after', async () => {
    const page = await manager.get(url);
    expect(page.text).toContain('Змінити завдання');
    const res = await manager.post(`${url}/edit`, {
      title: 'Нова назва завдання',
      executors: 'Відділ\nЦентр надання соціальних послуг; Відділ',
      period: 'ІІ півріччя 2026',
      expectedResult: 'Послуга в усіх селах',
    });
    expect(res.status).toBe(303);
    expect(res.location).toContain('done=edited');
    const task = await t.owner<{ title: string; period_from: string; period_to: string; expected_result: string }>(
      `SELECT title, to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to,
         expected_result FROM plan_tasks WHERE id = $1`,
      [taskId],
    );
    expect(task.rows[0]).toEqual({
      title: 'Нова назва завдання',
      period_from: '2026-07-01',
      period_to: '2026-12-31',
      expected_result: 'Послуга в усіх селах',
    });
    const after = await manager.get(res.location!);
    expect(after.text).toContain('Завдання змінено.');
    expect(after.text).toContain('Відділ; Центр надання соціальних послуг');
    const history = after.text.slice(after.text.indexOf('id="task-history"'));
    expect(history).toContain('Змінено завдання');
    expect(history).toContain('Стара назва');
    expect(history).toContain('Нова назва завдання');
    expect(history).toContain('Олена Редакторка');
    // The same form again changes nothing and adds no history.
    const again = await manager.post(`${url}/edit`, {
      title: 'Нова назва завдання',
      executors: 'Відділ; Центр надання соціальних послуг',
      period: 'ІІ півріччя 2026',
      expectedResult: 'Послуга в усіх селах',
    });
    expect(again.location).toContain('done=unchanged');
    const n = await t.owner<{ n: number }>(
      `SELECT count(*)::int AS n FROM plan_history WHERE task_id = $1 AND entity = 'task'`,
      [taskId],
    );
    expect(n.rows[0].n).toBe(1);
  });

  it('refuses an empty title with the form shown again, and those who may not change plans', async () => {
    const bad = await manager.post(`${url}/edit`, { title: '  ', executors: 'Відділ' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Введіть назву завдання');
    expect(bad.text).toMatch(/<details[^>]*open/);
    await worker.get(url);
    expect((await worker.post(`${url}/edit`, { title: 'Працівник' })).status).toBe(403);
    await otherManager.get('/action-plans');
    expect((await otherManager.post(`${url}/edit`, { title: 'Чужа громада' })).status).toBe(404);
    const task = await t.owner<{ title: string }>('SELECT title FROM plan_tasks WHERE id = $1', [taskId]);
    expect(task.rows[0].title).toBe('Нова назва завдання');
  });
});
