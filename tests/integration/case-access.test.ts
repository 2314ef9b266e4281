import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { kase, person, signedIn, staffUser } from '../factories/index.js';
import { kyivToday } from '../../src/platform/dates.js';

/** Issue 11 item 7: opening a restricted case asks for a reason; a manager may break the glass. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const audit = async (action: string, entityId: string) =>
  (
    await t.owner<{ reason: string | null; actor_id: string }>(
      'SELECT reason, actor_id FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY id',
      [action, entityId],
    )
  ).rows;

describe('a restricted case', () => {
  it('opens to its team only after a reason, which is audited; an ordinary case opens directly', async () => {
    const own = await staffUser(t, { role: 'worker' });
    const k = await kase(t, {
      personId: await person(t, { lastName: 'Прихована' }),
      typeCode: 'violence',
      byUserId: own.userId,
    });
    const c = await signedIn(t, own.username);
    const first = await c.get(`/cases/${k.id}`);
    expect(first.status).toBe(200);
    expect(first.text).toContain('причина перегляду');
    expect(first.text).toContain(k.number);
    expect(first.text).not.toContain('Прихована');
    expect(await audit('case.view', k.id)).toEqual([]);
    const empty = await c.post(`/cases/${k.id}/access`, { reason: ' ', number: k.number });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Вкажіть причину перегляду');
    expect((await c.post(`/cases/${k.id}/access`, { reason: 'Підготовка до візиту' })).status).toBe(303);
    const page = await c.get(`/cases/${k.id}`);
    expect(page.text).toContain('Прихована');
    expect((await audit('case.access.reason', k.id)).map((a) => a.reason)).toEqual(['Підготовка до візиту']);
    expect((await audit('case.view', k.id))[0].reason).toBe('restricted;reason:Підготовка до візиту');
    // Outside the team a reason opens nothing.
    const other = await signedIn(t, 'worker');
    await other.get('/cases');
    expect((await other.post(`/cases/${k.id}/access`, { reason: 'Цікаво' })).status).toBe(404);
    const open = await kase(t, { personId: await person(t, { lastName: 'Звичайна' }) });
    expect((await other.get(`/cases/${open.id}`)).text).toContain('Звичайна');
  });

  it('a manager breaks the glass: reasoned, audited, read only, in the timeline and a task for the supervisor', async () => {
    const own = await staffUser(t, { role: 'worker', displayName: 'Ведуча Тетяна' });
    const k = await kase(t, {
      personId: await person(t, { lastName: 'Скляна' }),
      typeCode: 'child_at_risk',
      byUserId: own.userId,
    });
    const manager = await signedIn(t, 'manager');
    expect((await manager.get(`/cases/${k.id}`)).status).toBe(404);
    const form = await manager.get('/cases/break-glass');
    expect(form.status).toBe(200);
    const bad: [Record<string, string>, string][] = [
      [{ number: '123', reason: 'Терміново' }, 'Вкажіть номер випадку у форматі'],
      [{ number: 'В-2000-999999', reason: 'Терміново' }, 'Випадку з таким номером у громаді немає'],
      [{ number: k.number, reason: '' }, 'Вкажіть причину перегляду'],
    ];
    for (const [body, message] of bad) {
      const r = await manager.post('/cases/break-glass', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.text).toContain(message);
    }
    expect(await audit('case.breakGlass', k.id)).toEqual([]);
    const r = await manager.post('/cases/break-glass', {
      number: k.number,
      reason: 'Дзвінок з поліції: дитина зникла',
    });
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/cases/${k.id}`);
    const page = await manager.get(`/cases/${k.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Скляна');
    expect((await audit('case.breakGlass', k.id)).map((a) => a.reason)).toEqual(['Дзвінок з поліції: дитина зникла']);
    // Read only: no notes, no team changes.
    expect(
      (
        await manager.post(`/cases/${k.id}/notes`, {
          kind: 'call',
          'happenedOn-day': kyivToday().slice(8),
          'happenedOn-month': kyivToday().slice(5, 7),
          'happenedOn-year': kyivToday().slice(0, 4),
          text: 'x',
        })
      ).status,
    ).toBe(404);
    // The team sees it in the timeline, the case's manager has a task to check it.
    const c = await signedIn(t, own.username);
    await c.get('/cases');
    await c.post(`/cases/${k.id}/access`, { reason: 'Перевірка доступу' });
    expect((await c.get(`/cases/${k.id}`)).text).toContain('Екстрений доступ (поза командою)');
    const tasks = await c.get('/tasks');
    expect(tasks.text).toContain('Перевірити екстрений доступ до випадку');
    expect(tasks.text).toContain(k.number);
    const due = await t.owner<{ due_on: string }>(
      "SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on FROM case_tasks WHERE case_id = $1",
      [k.id],
    );
    expect(due.rows[0].due_on > kyivToday()).toBe(true);
    // Workers cannot break the glass.
    const w = await signedIn(t, 'worker');
    expect((await w.get('/cases/break-glass')).status).toBe(403);
  });
});
