import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { apiTokenFor } from '../helpers/api.js';
import { closeCase, kase, newHromada, person, signedIn, staffUser } from '../factories/index.js';
import { addDays, kyivToday } from '../../src/platform/dates.js';

/** Issue 11 item 4: the multidisciplinary team of a case, its meetings and the tasks they set. */
let t: TestApp;
let worker: HttpClient;

const parts = (name: string, iso: string) => {
  const [y = '', m = '', d = ''] = iso.split('-');
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y };
};
const count = async (sql: string, values: unknown[]) => (await t.owner<{ n: number }>(sql, values)).rows[0].n;
const memberIds = async (caseId: string) =>
  (
    await t.owner<{ id: string; name: string; user_id: string | null }>(
      `SELECT m.id, coalesce(u.display_name, m.contact_name) AS name, m.user_id FROM case_team m
       LEFT JOIN users u ON u.id = m.user_id WHERE m.case_id = $1 AND m.removed_at IS NULL`,
      [caseId],
    )
  ).rows;

beforeAll(async () => {
  t = await startTestApp();
  worker = await signedIn(t, 'worker');
});
afterAll(async () => {
  await t?.close();
});

describe('the team of a case', () => {
  it('adds a colleague and an external contact, each with a role; the colleague then sees the restricted case', async () => {
    const k = await kase(t, { personId: await person(t, { lastName: 'Гнатюк' }), typeCode: 'violence' });
    const colleague = await staffUser(t, { role: 'children', displayName: 'Коваль Марія' });
    const c = await signedIn(t, colleague.username);
    expect((await c.get(`/cases/${k.id}`)).status).toBe(404);

    const form = await worker.get(`/cases/${k.id}/team/new`);
    expect(form.status, form.text).toBe(200);
    expect(form.text).toContain('Коваль Марія');
    const added = await worker.post(`/cases/${k.id}/team`, {
      kind: 'staff',
      userId: colleague.userId,
      agencyKind: 'children_service',
      caseRole: 'фахівчиня служби у справах дітей',
    });
    expect(added.status, added.text.slice(0, 300)).toBe(303);
    const contact = await worker.post(`/cases/${k.id}/team`, {
      kind: 'contact',
      contactName: 'Петренко Олег',
      contactOrg: 'Ліцей №2, класний керівник',
      contactPhone: '+380 67 123 45 67',
      agencyKind: 'education',
      caseRole: 'класний керівник',
    });
    expect(contact.status).toBe(303);
    await worker.post(`/cases/${k.id}/access`, { reason: 'Склад команди' });
    const page = await worker.get(`/cases/${k.id}`);
    expect(page.text).toContain('Петренко Олег');
    expect(page.text).toContain('класний керівник');
    expect(page.text).toContain('Освіта');
    expect(page.text).toContain('До команди додано: класний керівник');
    // On the team now: the colleague sees the restricted case, the contact has no account at all.
    expect((await c.get(`/cases/${k.id}`)).status).toBe(200);
    expect((await c.get('/cases')).status).toBe(200);
    expect(
      await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.team.add' AND entity_id = $1", [k.id]),
    ).toBe(2);
    // The API lists the whole team, the external contact without an account.
    const token = await apiTokenFor(t, 'worker');
    const api = await fetch(`${t.baseUrl}/api/v1/cases/${k.id}`, { headers: { authorization: `Bearer ${token}` } });
    const team = (
      (await api.json()) as { team: { userId: string | null; caseRole: string | null; agencyKind: string }[] }
    ).team;
    expect(team.map((m) => [m.userId === null, m.agencyKind]).sort()).toEqual([
      [false, 'children_service'],
      [false, 'social_service'],
      [true, 'education'],
    ]);
  });

  it('refuses bad members with Ukrainian messages and saves nothing', async () => {
    const k = await kase(t, { personId: await person(t, { lastName: 'Дмитрук' }) });
    const provider = (await t.owner<{ id: string }>("SELECT id FROM users WHERE username = 'provider'")).rows[0].id;
    const workerId = (await t.owner<{ id: string }>("SELECT id FROM users WHERE username = 'worker'")).rows[0].id;
    const bad: [Record<string, string>, string][] = [
      [{}, 'Оберіть, хто це'],
      [{ kind: 'staff', agencyKind: 'health', caseRole: 'лікар' }, 'Оберіть працівника зі списку'],
      [
        { kind: 'staff', userId: provider, agencyKind: 'provider', caseRole: 'надавач' },
        'Оберіть працівника зі списку',
      ],
      [
        { kind: 'staff', userId: workerId, agencyKind: 'social_service', caseRole: 'ще раз' },
        'Цей працівник уже в команді',
      ],
      [
        { kind: 'staff', userId: workerId, supervisor: 'yes', agencyKind: 'social_service', caseRole: 'с' },
        'Супервізором може бути лише керівник',
      ],
      [{ kind: 'contact', agencyKind: 'police', caseRole: 'дільничний' }, 'Вкажіть прізвище та ім’я'],
      [
        {
          kind: 'contact',
          contactName: 'Іван',
          contactPhone: 'дзвоніть',
          agencyKind: 'police',
          caseRole: 'дільничний',
        },
        'Вкажіть телефон цифрами',
      ],
      [{ kind: 'contact', contactName: 'Іван', agencyKind: 'army', caseRole: 'x' }, 'Оберіть установу'],
      [{ kind: 'contact', contactName: 'Іван', agencyKind: 'police', caseRole: '' }, 'Вкажіть роль у випадку'],
    ];
    for (const [body, message] of bad) {
      const r = await worker.post(`/cases/${k.id}/team`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.text, JSON.stringify(body)).toContain(message);
    }
    expect(await memberIds(k.id)).toHaveLength(1);
  });

  it('removes a member after a confirmation; the manager and a member with open tasks stay', async () => {
    const k = await kase(t, { personId: await person(t, { lastName: 'Сидорук' }), typeCode: 'child_at_risk' });
    const colleague = await staffUser(t, { role: 'worker', displayName: 'Олійник Петро' });
    expect((await worker.get(`/cases/${k.id}/team/new`)).text).toContain('Олійник Петро');
    const add = await worker.post(`/cases/${k.id}/team`, {
      kind: 'staff',
      userId: colleague.userId,
      agencyKind: 'social_service',
      caseRole: 'психолог',
    });
    expect(add.status).toBe(303);
    const team = await memberIds(k.id);
    const manager = team.find((m) => m.user_id !== colleague.userId)!;
    const other = team.find((m) => m.user_id === colleague.userId)!;
    expect((await worker.get(`/cases/${k.id}/team/${manager.id}/remove`)).status).toBe(404);
    const refused = await worker.post(`/cases/${k.id}/team/${manager.id}/remove`, {});
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Того, хто веде випадок, не можна вивести з команди');
    // A task keeps the colleague on the team until it is done.
    const meeting = await worker.post(`/cases/${k.id}/meetings`, {
      ...parts('heldOn', kyivToday()),
      participants: [manager.id, other.id],
      decisions: 'Провести консультацію',
      task1Title: 'Консультація психолога',
      task1Assignee: other.id,
      ...parts('task1Due', addDays(kyivToday(), 7)),
    });
    expect(meeting.status).toBe(303);
    const confirm = await worker.get(`/cases/${k.id}/team/${other.id}/remove`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Вивести з команди: Олійник Петро');
    const busy = await worker.post(`/cases/${k.id}/team/${other.id}/remove`, {});
    expect(busy.status).toBe(409);
    expect(busy.text).toContain('є невиконані завдання');
    const c = await signedIn(t, colleague.username);
    const task = (await t.owner<{ id: string }>('SELECT id FROM case_tasks WHERE case_id = $1', [k.id])).rows[0].id;
    expect((await c.get(`/cases/${k.id}`)).text).toContain('причина перегляду');
    await c.post(`/cases/${k.id}/access`, { reason: 'Виконую завдання' });
    expect((await c.get(`/cases/${k.id}`)).text).toContain('Консультація психолога');
    expect((await c.post(`/cases/${k.id}/tasks/${task}/done`, {})).status).toBe(303);
    expect((await worker.post(`/cases/${k.id}/team/${other.id}/remove`, {})).status).toBe(303);
    // Off the team: the restricted case is hidden from them again; the meeting still names them.
    expect((await c.get(`/cases/${k.id}`)).status).toBe(404);
    await worker.post(`/cases/${k.id}/access`, { reason: 'Перевірка команди' });
    const page = await worker.get(`/cases/${k.id}`);
    expect(page.text).toContain('Олійник Петро');
    expect(page.text).toContain('З команди виведено: психолог');
  });
});

describe('meetings and tasks', () => {
  it('records a meeting with participants, decisions and tasks; a task is in its assignee’s list until done', async () => {
    const k = await kase(t, { personId: await person(t, { lastName: 'Мельничук' }), typeCode: 'family_sjo' });
    const children = (await t.owner<{ id: string }>("SELECT id FROM users WHERE username = 'children'")).rows[0].id;
    await worker.post(`/cases/${k.id}/team`, {
      kind: 'staff',
      userId: children,
      agencyKind: 'children_service',
      caseRole: 'ССД',
    });
    await worker.post(`/cases/${k.id}/team`, {
      kind: 'contact',
      contactName: 'Бойко Ніна',
      agencyKind: 'health',
      caseRole: 'сімейна лікарка',
    });
    const team = await memberIds(k.id);
    const id = (name: string) => team.find((m) => m.name.includes(name))!.id;
    const childrenMember = team.find((m) => m.user_id === children)!.id;
    const form = await worker.get(`/cases/${k.id}/meetings/new`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Бойко Ніна');
    const due = addDays(kyivToday(), 3);
    const r = await worker.post(`/cases/${k.id}/meetings`, {
      ...parts('heldOn', kyivToday()),
      participants: team.map((m) => m.id),
      decisions: 'Оформити дитину до садочка; відвідати сім’ю',
      task1Title: 'Відвідати сім’ю вдома',
      task1Assignee: childrenMember,
      ...parts('task1Due', due),
      task2Title: 'Направлення до садочка',
      task2Assignee: id('Бойко'),
      ...parts('task2Due', addDays(kyivToday(), 10)),
    });
    expect(r.status, r.text.slice(0, 400)).toBe(303);
    const page = await worker.get(`/cases/${k.id}`);
    expect(page.text).toContain('Оформити дитину до садочка');
    expect(page.text).toContain('Відвідати сім’ю вдома');
    expect(page.text).toContain('Нарада команди');
    // The assignee's list and the staff home counter.
    const c = await signedIn(t, 'children');
    const mine = await c.get('/tasks');
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('Відвідати сім’ю вдома');
    expect(mine.text).toContain(k.number);
    expect(mine.text).not.toContain('Направлення до садочка');
    const task = (
      await t.owner<{ id: string }>(
        "SELECT id FROM case_tasks WHERE case_id = $1 AND title = 'Відвідати сім’ю вдома'",
        [k.id],
      )
    ).rows[0].id;
    expect((await c.post(`/cases/${k.id}/tasks/${task}/done`, {})).status).toBe(303);
    expect((await c.get('/tasks')).text).not.toContain('Відвідати сім’ю вдома');
    const again = await c.post(`/cases/${k.id}/tasks/${task}/done`, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain('Це завдання вже виконано');
    expect((await worker.get(`/cases/${k.id}`)).text).toContain('Завдання виконано: Відвідати сім’ю вдома');
  });

  it('refuses a meeting with bad input as a whole: nothing partial is saved', async () => {
    const k = await kase(t, { personId: await person(t, { lastName: 'Кравчук' }) });
    const [manager] = await memberIds(k.id);
    const stranger = (await memberIds((await kase(t, { personId: await person(t, { lastName: 'Інший' }) })).id))[0];
    const base = { ...parts('heldOn', kyivToday()), participants: [manager.id], decisions: 'Рішення' };
    const bad: [Record<string, string | string[]>, string][] = [
      [{ ...base, ...parts('heldOn', addDays(kyivToday(), 1)) }, 'Дата наради не може бути в майбутньому'],
      [{ ...base, ...parts('heldOn', addDays(kyivToday(), -30)) }, 'не може бути раніше відкриття випадку'],
      [{ ...base, participants: [] }, 'Позначте учасників наради'],
      [{ ...base, participants: [stranger.id] }, 'Позначте учасників наради'],
      [{ ...base, decisions: '' }, 'Опишіть рішення наради'],
      [{ ...base, task1Assignee: manager.id, ...parts('task1Due', kyivToday()) }, 'Вкажіть, що зробити'],
      [{ ...base, task1Title: 'Зробити', ...parts('task1Due', kyivToday()) }, 'Оберіть виконавця з команди'],
      [
        { ...base, task1Title: 'Зробити', task1Assignee: stranger.id, ...parts('task1Due', kyivToday()) },
        'Оберіть виконавця з команди',
      ],
      [{ ...base, task1Title: 'Зробити', task1Assignee: manager.id }, 'Вкажіть строк'],
      [
        { ...base, task1Title: 'Зробити', task1Assignee: manager.id, ...parts('task1Due', addDays(kyivToday(), -1)) },
        'Строк не може бути раніше дати наради',
      ],
    ];
    for (const [body, message] of bad) {
      const r = await worker.post(`/cases/${k.id}/meetings`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.text, JSON.stringify(body)).toContain(message);
    }
    expect(await count('SELECT count(*)::int AS n FROM case_meetings WHERE case_id = $1', [k.id])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM case_tasks WHERE case_id = $1', [k.id])).toBe(0);
  });

  it('keeps the team of a closed case, another hromada’s case and roles without cases out', async () => {
    const k = await kase(t, { personId: await person(t, { lastName: 'Закритий' }) });
    const [manager] = await memberIds(k.id);
    await closeCase(t, k.id);
    expect((await worker.get(`/cases/${k.id}/team/new`)).status).toBe(409);
    const m = await worker.post(`/cases/${k.id}/meetings`, {
      ...parts('heldOn', kyivToday()),
      participants: [manager.id],
      decisions: 'x',
    });
    expect(m.status).toBe(409);
    expect(m.text).toContain('Випадок закрито');
    const other = await newHromada(t);
    const foreign = await staffUser(t, { role: 'manager', hromadaId: other.id });
    const f = await signedIn(t, foreign.username, { hromadaCode: other.code });
    expect((await f.get(`/cases/${k.id}/team/new`)).status).toBe(404);
    expect((await f.get('/tasks')).text).not.toContain(k.number);
    for (const who of ['frontdesk', 'provider', 'admin']) {
      const c = await signedIn(t, who);
      expect((await c.get(`/cases/${k.id}/team/new`)).status, who).toBe(403);
      expect((await c.get('/tasks')).status, who).toBe(403);
    }
  });
});
