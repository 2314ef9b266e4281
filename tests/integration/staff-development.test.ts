import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { multipartForm, SAMPLE } from '../helpers/cabinet.js';
import { agency, newHromada, signedIn, staffUser, type StaffUser } from '../factories/index.js';
import { kyivToday } from '../../src/platform/dates.js';
import { storedPath } from '../../src/modules/cabinet/cabinet.files.js';

/** Issue 12 item 6: staff development — qualifications, trainings, supervision, yearly hours, the plans' figures. */
let t: TestApp;
let manager: HttpClient;
let provA: HttpClient;
let provB: HttpClient;
let agencyA = 0;
let agencyB = 0;
let a1: StaffUser;
let a2: StaffUser;
let b1: StaffUser;
let hw: StaffUser;

const today = kyivToday();
const Y = Number(today.slice(0, 4));
const [ty, tm, td] = today.split('-');
const date = (name: string, iso: string) => {
  const [y = '', m = '', d = ''] = iso.split('-');
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y };
};
const lastYear = `${Y - 1}-06-15`;
const tomorrow = (() => {
  const d = new Date(Date.UTC(Number(ty), Number(tm) - 1, Number(td) + 1));
  return d.toISOString().slice(0, 10);
})();

const audited = async (action: string, entityId: string) =>
  (await t.owner('SELECT 1 FROM audit_log WHERE action = $1 AND entity_id = $2', [action, entityId])).rowCount ?? 0;
const count = async (table: string, userId: string) =>
  (await t.owner<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [userId])).rows[0].n;

const training = (o: Record<string, string> = {}) => ({
  course: 'Ведення випадку: базовий курс',
  organiser: 'Мінсоцполітики, Школа соціальної роботи',
  hours: '16',
  certificateNumber: 'СП-2026/17',
  ...date('trainedOn', today),
  ...o,
});
const postTraining = (
  c: HttpClient,
  userId: string,
  fields: Record<string, string>,
  file?: Buffer,
  name = 'cert.pdf',
) =>
  c.postMultipart(
    `/staff-development/${userId}/trainings`,
    multipartForm(fields, file ? { file: { data: file, name } } : {}),
  );
const supervision = (o: Record<string, string | string[]> = {}) => ({
  kind: 'individual',
  supervisor: 'Коваль Олена Петрівна',
  hours: '2',
  topics: 'Професійне вигорання, межі у роботі з родинами',
  ...date('heldOn', today),
  ...o,
});

beforeAll(async () => {
  t = await startTestApp();
  agencyA = await agency(t, { name: 'ГО «Навчання А»' });
  agencyB = await agency(t, { name: 'ГО «Навчання Б»' });
  a1 = await staffUser(t, { role: 'provider', agencyId: agencyA, displayName: 'Андрієнко Анна' });
  a2 = await staffUser(t, { role: 'provider', agencyId: agencyA, displayName: 'Бондар Богдан' });
  b1 = await staffUser(t, { role: 'provider', agencyId: agencyB, displayName: 'Вакуленко Віра' });
  hw = await staffUser(t, { role: 'worker', displayName: 'Гнатюк Галина' });
  manager = await signedIn(t, 'manager');
  provA = await signedIn(t, a1.username);
  provB = await signedIn(t, b1.username);
});
afterAll(async () => {
  await t?.close();
});

describe('records of a staff member', () => {
  it('the list is sorted by name in Ukrainian and links each member; the provider page links its staff', async () => {
    const list = await manager.get('/staff-development');
    expect(list.status).toBe(200);
    expect(list.text).toMatch(/Андрієнко Анна[\s\S]*Бондар Богдан[\s\S]*Вакуленко Віра[\s\S]*Гнатюк Галина/);
    expect(list.text).toContain(`/staff-development/${a1.userId}`);
    expect(
      (await t.owner("SELECT 1 FROM audit_log WHERE action = 'staffdev.list' AND operation = 'read'")).rowCount,
    ).toBeGreaterThan(0);
    const provider = await manager.get(`/providers/${agencyA}`);
    expect(provider.text).toContain(`href="/staff-development/${a1.userId}"`);
    expect((await manager.get('/staff')).text).toContain('href="/staff-development"');
  });

  it('a manager records a qualification; a missing position is refused and nothing is saved', async () => {
    const page = await manager.get(`/staff-development/${a1.userId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="staffdev-no-qualifications"');
    expect(await audited('staffdev.view', a1.userId)).toBe(1);
    await manager.get(`/staff-development/${a1.userId}/qualifications/new`);
    const form = {
      position: 'Фахівець із соціальної роботи',
      education: 'Вища, магістр',
      specialty: '231 Соціальна робота',
      category: 'Перша категорія',
      ...date('positionSince', '2020-09-01'),
      ...date('categoryOn', ''),
    };
    const missing = await manager.post(`/staff-development/${a1.userId}/qualifications`, { ...form, position: '' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Зазначте посаду');
    expect(missing.text).toContain('value="231 Соціальна робота"');
    const future = await manager.post(`/staff-development/${a1.userId}/qualifications`, {
      ...form,
      ...date('categoryOn', tomorrow),
    });
    expect(future.status).toBe(400);
    expect(future.text).toContain('Дата не може бути в майбутньому');
    expect(await count('staff_qualifications', a1.userId)).toBe(0);
    const ok = await manager.post(`/staff-development/${a1.userId}/qualifications`, form);
    expect(ok.status, ok.text.slice(0, 400)).toBe(303);
    expect(await audited('staffdev.qualification.add', a1.userId)).toBe(1);
    const after = await manager.get(ok.location ?? '');
    expect(after.text).toContain('Кваліфікацію додано.');
    expect(after.text).toMatch(/Фахівець із соціальної роботи[\s\S]*Перша категорія[\s\S]*01\.09\.2020/);
  });

  it('a provider records a training of its own staff with a certificate scan; bad input is refused', async () => {
    await provA.get(`/staff-development/${a2.userId}/trainings/new`);
    const zero = await postTraining(provA, a2.userId, training({ hours: '0' }));
    expect(zero.status).toBe(400);
    expect(zero.text).toContain('Тривалість — число годин більше нуля');
    const negative = await postTraining(provA, a2.userId, training({ hours: '-3' }));
    expect(negative.status).toBe(400);
    const future = await postTraining(provA, a2.userId, training(date('trainedOn', tomorrow)));
    expect(future.status).toBe(400);
    expect(future.text).toContain('Дата не може бути в майбутньому');
    expect(future.text).toContain('href="#trainedOn-day"');
    const noCourse = await postTraining(provA, a2.userId, training({ course: '' }));
    expect(noCourse.status).toBe(400);
    expect(noCourse.text).toContain('Зазначте назву курсу');
    const exe = await postTraining(provA, a2.userId, training(), SAMPLE.exe, 'cert.pdf');
    expect(exe.status).toBe(400);
    expect(exe.text).toContain('Сертифікат має бути файлом PDF, JPEG або PNG');
    expect(await count('staff_trainings', a2.userId)).toBe(0);

    const ok = await postTraining(provA, a2.userId, training({ hours: '7,5' }), SAMPLE.pdf, 'сертифікат.hta');
    expect(ok.status, ok.text.slice(0, 400)).toBe(303);
    const row = (
      await t.owner<{ id: string; hours: string; content_type: string; storage_key: string }>(
        'SELECT id, hours::text, content_type, storage_key FROM staff_trainings WHERE user_id = $1',
        [a2.userId],
      )
    ).rows[0];
    expect(row.hours).toBe('7.50');
    expect(row.content_type).toBe('application/pdf');
    expect(fs.existsSync(storedPath(t.services, 'staff', row.storage_key))).toBe(true);
    expect(await audited('staffdev.training.add', a2.userId)).toBe(1);
    const page = await provA.get(`/staff-development/${a2.userId}`);
    expect(page.text).toMatch(/Ведення випадку: базовий курс[\s\S]*7,5[\s\S]*СП-2026\/17/);
    const file = await provA.get(`/staff-development/${a2.userId}/trainings/${row.id}/certificate`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toContain('.pdf');
    expect(await audited('staffdev.certificate.download', a2.userId)).toBe(1);
  });

  it('supervision topics naming a recipient or a case are refused; a group session lists its participants', async () => {
    const form = await provA.get(`/staff-development/${a1.userId}/supervisions/new`);
    expect(form.text).toContain('Не зазначайте відомостей про випадки та отримувачів');
    // The provider is offered only its own agency's staff.
    expect(form.text).toContain('Бондар Богдан');
    expect(form.text).not.toContain('Вакуленко Віра');
    const rnokpp = await provA.post(
      `/staff-development/${a1.userId}/supervisions`,
      supervision({ topics: 'Обговорили отримувача 3012345678' }),
    );
    expect(rnokpp.status).toBe(400);
    expect(rnokpp.text).toContain('У темах є число, схоже на РНОКПП');
    const caseNo = await provA.post(
      `/staff-development/${a1.userId}/supervisions`,
      supervision({ topics: `Випадок В-${Y}-000042: що робити далі` }),
    );
    expect(caseNo.status).toBe(400);
    expect(caseNo.text).toContain('У темах є номер випадку');
    const alone = await provA.post(`/staff-development/${a1.userId}/supervisions`, supervision({ kind: 'group' }));
    expect(alone.status).toBe(400);
    expect(alone.text).toContain('позначте хоча б одного іншого учасника');
    // Another agency's worker cannot be slipped in.
    const foreign = await provA.post(
      `/staff-development/${a1.userId}/supervisions`,
      supervision({ kind: 'group', participants: [b1.userId] }),
    );
    expect(foreign.status).toBe(400);
    const zero = await provA.post(`/staff-development/${a1.userId}/supervisions`, supervision({ hours: '0' }));
    expect(zero.status).toBe(400);
    expect((await t.owner('SELECT 1 FROM staff_supervisions')).rowCount).toBe(0);

    const group = await provA.post(
      `/staff-development/${a1.userId}/supervisions`,
      supervision({ kind: 'group', participants: [a2.userId] }),
    );
    expect(group.status, group.text.slice(0, 400)).toBe(303);
    const parts = await t.owner<{ user_id: string }>('SELECT user_id FROM staff_supervision_participants');
    expect(parts.rows.map((r) => r.user_id).sort()).toEqual([a1.userId, a2.userId].sort());
    expect(await audited('staffdev.supervision.add', a1.userId)).toBe(1);
    expect(await audited('staffdev.supervision.add', a2.userId)).toBe(1);
    const page = await provA.get(`/staff-development/${a2.userId}`);
    expect(page.text).toMatch(/Групова[\s\S]*Коваль Олена Петрівна[\s\S]*Андрієнко Анна, Бондар Богдан/);
  });

  it('deletion asks first; a group session shared with another agency is the hromada’s to delete', async () => {
    const shared = await manager.post(
      `/staff-development/${a1.userId}/supervisions`,
      supervision({ kind: 'group', participants: [b1.userId], topics: 'Спільна сесія' }),
    );
    expect(shared.status, shared.text.slice(0, 400)).toBe(303);
    const id = (await t.owner<{ id: string }>("SELECT id FROM staff_supervisions WHERE topics = 'Спільна сесія'"))
      .rows[0].id;
    const confirm = await provA.get(`/staff-development/${a1.userId}/supervisions/${id}/delete`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Так, видалити');
    expect(confirm.text).toContain('id="staffdev-delete-shared"');
    expect((await provA.post(`/staff-development/${a1.userId}/supervisions/${id}/delete`)).status).toBe(403);
    await manager.get(`/staff-development/${a1.userId}/supervisions/${id}/delete`);
    const gone = await manager.post(`/staff-development/${a1.userId}/supervisions/${id}/delete`);
    expect(gone.status).toBe(303);
    expect((await t.owner('SELECT 1 FROM staff_supervisions WHERE id = $1', [id])).rowCount).toBe(0);
    expect(await audited('staffdev.supervision.delete', b1.userId)).toBe(1);

    // A training with its certificate: the file goes with the record.
    await provA.get(`/staff-development/${a1.userId}/trainings/new`);
    await postTraining(provA, a1.userId, training({ course: 'Видалити мене' }), SAMPLE.png, 'c.png');
    const tr = (
      await t.owner<{ id: string; storage_key: string }>(
        "SELECT id, storage_key FROM staff_trainings WHERE course = 'Видалити мене'",
      )
    ).rows[0];
    await provA.get(`/staff-development/${a1.userId}/trainings/${tr.id}/delete`);
    expect((await provA.post(`/staff-development/${a1.userId}/trainings/${tr.id}/delete`)).status).toBe(303);
    expect(fs.existsSync(storedPath(t.services, 'staff', tr.storage_key))).toBe(false);
  });
});

describe('who may', () => {
  it('a provider of another agency sees none of them (404) and cannot write to them', async () => {
    const tr = (await t.owner<{ id: string }>('SELECT id FROM staff_trainings WHERE user_id = $1', [a2.userId])).rows[0]
      .id;
    expect((await provB.get(`/staff-development/${a1.userId}`)).status).toBe(404);
    expect((await provB.get(`/staff-development/${a2.userId}/trainings/${tr}/certificate`)).status).toBe(404);
    expect((await provB.get(`/staff-development/${a2.userId}/trainings/${tr}/delete`)).status).toBe(404);
    await provB.get('/staff-development');
    expect((await provB.post(`/staff-development/${a2.userId}/trainings/${tr}/delete`)).status).toBe(404);
    expect((await postTraining(provB, a1.userId, training({ course: 'Чужий запис' }), SAMPLE.pdf)).status).toBe(404);
    expect((await provB.post(`/staff-development/${a1.userId}/qualifications`, { position: 'x' })).status).toBe(404);
    expect((await t.owner("SELECT 1 FROM staff_trainings WHERE course = 'Чужий запис'")).rowCount).toBe(0);
    const list = await provB.get('/staff-development');
    expect(list.text).toContain('Вакуленко Віра');
    expect(list.text).not.toContain('Андрієнко Анна');
    expect(list.text).not.toContain('Гнатюк Галина');
    // The refusal of a personal-data page is audited.
    const refused = await t.owner(
      "SELECT 1 FROM audit_log WHERE action = 'page.refused' AND entity_type = 'user' AND entity_id = $1",
      [a1.userId],
    );
    expect(refused.rowCount).toBeGreaterThan(0);
  });

  it('another hromada sees nothing; a role without the permission is refused (403)', async () => {
    const other = await newHromada(t);
    const boss = await staffUser(t, { role: 'manager', hromadaId: other.id });
    const otherManager = await signedIn(t, boss.username, { hromadaCode: other.code });
    expect((await otherManager.get(`/staff-development/${a1.userId}`)).status).toBe(404);
    const theirList = await otherManager.get('/staff-development');
    expect(theirList.status).toBe(200);
    expect(theirList.text).not.toContain('Андрієнко Анна');
    expect((await otherManager.post(`/staff-development/${a1.userId}/qualifications`, { position: 'x' })).status).toBe(
      404,
    );
    for (const who of ['worker', 'frontdesk', 'children']) {
      const c = await signedIn(t, who);
      expect((await c.get('/staff-development')).status, who).toBe(403);
      expect((await c.get(`/staff-development/${a1.userId}`)).status, who).toBe(403);
      expect((await c.get('/staff-development/figures')).status, who).toBe(403);
      expect((await c.get('/staff')).text).not.toContain('href="/staff-development"');
    }
  });
});

describe('yearly hours and the plans’ figures', () => {
  it('count this year only, a group session for each participant, by provider', async () => {
    // So far this year: a2 7,5 h of training; a1 + a2 one group session of 2 h.
    await manager.get(`/staff-development/${a1.userId}/trainings/new`);
    expect((await postTraining(manager, a1.userId, training({ hours: '16' }))).status).toBe(303);
    expect(
      (await postTraining(manager, a1.userId, training({ hours: '10', ...date('trainedOn', lastYear) }))).status,
    ).toBe(303);
    expect(
      (await manager.post(`/staff-development/${b1.userId}/supervisions`, supervision({ hours: '1,5' }))).status,
    ).toBe(303);
    expect((await postTraining(manager, hw.userId, training({ hours: '8' }))).status).toBe(303);
    expect(
      (await manager.post(`/staff-development/${hw.userId}/supervisions`, supervision(date('heldOn', lastYear))))
        .status,
    ).toBe(303);

    const page = await manager.get(`/staff-development/${a1.userId}?year=${Y}`);
    expect(page.text).toMatch(
      /id="staffdev-year"[\s\S]*?>\s*1\s*<[\s\S]*?>\s*16\s*<[\s\S]*?>\s*1\s*<[\s\S]*?>\s*2\s*</,
    );
    const before = await manager.get(`/staff-development/${a1.userId}?year=${Y - 1}`);
    expect(before.text).toMatch(
      /id="staffdev-year"[\s\S]*?>\s*1\s*<[\s\S]*?>\s*10\s*<[\s\S]*?>\s*0\s*<[\s\S]*?>\s*0\s*</,
    );

    const rowOf = (html: string, name: string) => {
      const m = new RegExp(`<th scope="row"[^>]*>${name}</th>([\\s\\S]*?)</tr>`).exec(html);
      return [...(m?.[1] ?? '').matchAll(/numeric"[^>]*>([^<]*)</g)].map((x) => x[1].trim());
    };
    const figures = await manager.get(`/staff-development/figures?year=${Y}`);
    expect(figures.status).toBe(200);
    // trained, supervised, sessions, training hours, supervision hours (per participant)
    expect(rowOf(figures.text, 'ГО «Навчання А»')).toEqual(['2', '2', '1', '23,5', '4']);
    expect(rowOf(figures.text, 'ГО «Навчання Б»')).toEqual(['0', '1', '1', '0', '1,5']);
    expect(rowOf(figures.text, 'Фахівці громади')).toEqual(['1', '0', '0', '8', '0']);
    expect(rowOf(figures.text, 'Усього')).toEqual(['3', '3', '2', '31,5', '5,5']);
    const previous = await manager.get(`/staff-development/figures?year=${Y - 1}`);
    expect(rowOf(previous.text, 'Усього')).toEqual(['1', '1', '1', '10', '2']);

    // A provider sees its own agency's figures only.
    const own = await provA.get(`/staff-development/figures?year=${Y}`);
    expect(rowOf(own.text, 'ГО «Навчання А»')).toEqual(['2', '2', '1', '23,5', '4']);
    expect(own.text).not.toContain('ГО «Навчання Б»');
    expect(rowOf(own.text, 'Усього')).toEqual(['2', '2', '1', '23,5', '4']);
  });
});

describe('in English', () => {
  it('the pages read in English for a user who chose it', async () => {
    const c = await signedIn(t, 'manager');
    await c.get('/staff-development');
    expect((await c.post('/settings/language', { locale: 'en' })).status).toBe(303);
    const list = await c.get('/staff-development');
    expect(list.text).toContain('Staff: training and supervision');
    const form = await c.get(`/staff-development/${a1.userId}/supervisions/new`);
    expect(form.text).toContain('Do not give details of cases or recipients.');
    expect(form.text).not.toContain('staffdev.');
  });
});
