import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { demoHromadaId, newHromada, person, signedIn, staffUser } from '../factories/index.js';

/**
 * Issue 11 item 1: the administrator extends the hromada's list of case types. A type of the hromada's own is
 * offered when a case opens; a restricted one makes its cases visible to their team only; switched off, it is no
 * longer offered and its cases keep it. The shared list cannot be changed; other roles and hromadas are refused.
 */
let t: TestApp;
let hromadaId: number;

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
});
afterAll(() => t.close());

const rowOf = (html: string, code: string) =>
  new RegExp(`<tr class="govuk-table__row" data-type="${code}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';

describe('case types', () => {
  it('the administrator adds a restricted type; a case of it is the team’s only; switched off, it is not offered', async () => {
    const admin = await signedIn(t, 'admin');
    const list = await admin.get('/admin/case-types');
    expect(list.status).toBe(200);
    expect(rowOf(list.text, 'violence')).toContain('Спільний');
    expect(rowOf(list.text, 'violence')).toContain('Обмежений');
    // A shared type has no edit page.
    expect(list.text).not.toContain('href="/admin/case-types/violence"');
    expect((await admin.get('/admin/case-types/violence')).status).toBe(404);

    const added = await admin.post('/admin/case-types', { nameUk: 'Торгівля людьми', nameEn: '', restricted: 'yes' });
    expect(added.status).toBe(303);
    expect(added.location).toBe('/admin/case-types?done=added');
    const after = await admin.get('/admin/case-types?done=added');
    expect(after.text).toContain('Тип випадку додано.');
    expect(rowOf(after.text, 'own_1')).toContain('Торгівля людьми');
    expect(rowOf(after.text, 'own_1')).toContain('Вашої громади');
    expect(rowOf(after.text, 'own_1')).toContain('Обмежений');
    const { rows } = await t.owner<{ name_en: string; restricted: boolean }>(
      "SELECT name_en, restricted FROM case_types WHERE hromada_id = $1 AND code = 'own_1'",
      [hromadaId],
    );
    expect(rows).toEqual([{ name_en: 'Торгівля людьми', restricted: true }]);
    const audited = await t.owner(
      "SELECT 1 FROM audit_log WHERE action = 'caseType.create' AND entity_id = 'own_1' AND hromada_id = $1",
      [hromadaId],
    );
    expect(audited.rowCount).toBe(1);

    // The worker is offered it when opening a case; the case is restricted: another worker does not see it.
    const worker = await signedIn(t, 'worker');
    const personId = await person(t, { lastName: 'Типова', firstName: 'Ольга' });
    const form = await worker.get(`/cases/new?personId=${personId}`);
    expect(form.text).toContain('<option value="own_1">Торгівля людьми (обмежений доступ)</option>');
    const opened = await worker.post('/cases', { personId, typeCode: 'own_1', priority: 'high', note: '' });
    expect(opened.status).toBe(303);
    const caseId = /\/cases\/([0-9a-f-]{36})/.exec(opened.location ?? '')?.[1] ?? '';
    const other = await staffUser(t, { role: 'worker' });
    const asOther = await signedIn(t, other.username);
    expect((await asOther.get(`/cases/${caseId}`)).status).toBe(404);
    expect((await t.owner('SELECT 1 FROM cases WHERE id = $1 AND restricted', [caseId])).rowCount).toBe(1);

    // Switched off: not offered, and the case keeps its type (its name on the list of cases).
    const edit = await admin.get('/admin/case-types/own_1');
    expect(edit.status).toBe(200);
    expect(edit.text).toContain('1 випадок');
    const saved = await admin.post('/admin/case-types/own_1', {
      nameUk: 'Протидія торгівлі людьми',
      nameEn: 'Human trafficking',
      restricted: 'yes',
      active: '',
    });
    expect(saved.status).toBe(303);
    expect(rowOf((await admin.get('/admin/case-types')).text, 'own_1')).toContain('Вимкнено');
    expect((await worker.get(`/cases/new?personId=${personId}`)).text).not.toContain('value="own_1"');
    expect((await worker.get('/cases')).text).toContain('Протидія торгівлі людьми');
    const refused = await worker.post('/cases', { personId, typeCode: 'own_1', priority: 'normal', note: '' });
    expect(refused.status).toBe(400);
  });

  it('refuses an empty or taken name with the form again, and nothing is saved', async () => {
    const admin = await signedIn(t, 'manager');
    await admin.get('/admin/case-types');
    const before = (await t.owner('SELECT 1 FROM case_types WHERE hromada_id = $1', [hromadaId])).rowCount;
    const empty = await admin.post('/admin/case-types', { nameUk: ' ', nameEn: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Вкажіть назву українською');
    expect(empty.text).toContain('govuk-error-summary');
    const taken = await admin.post('/admin/case-types', { nameUk: 'раннє втручання', nameEn: '' });
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('Тип випадку з такою назвою вже є');
    expect(taken.text).toContain('value="раннє втручання"');
    const long = await admin.post('/admin/case-types', { nameUk: 'Д'.repeat(121), nameEn: '' });
    expect(long.status).toBe(400);
    expect((await t.owner('SELECT 1 FROM case_types WHERE hromada_id = $1', [hromadaId])).rowCount).toBe(before);
    expect((await admin.get('/admin/case-types/own_99')).status).toBe(404);
    expect((await admin.post('/admin/case-types/own_99', { nameUk: 'Нова назва', active: 'yes' })).status).toBe(404);
    expect((await admin.get('/admin/case-types/not-a-code')).status).toBe(404);
  });

  it('is closed to other roles, and another hromada neither sees nor changes this one’s types', async () => {
    for (const who of ['worker', 'children', 'provider', 'frontdesk']) {
      const c = await signedIn(t, who);
      expect((await c.get('/admin/case-types')).status, who).toBe(403);
      expect((await c.post('/admin/case-types', { nameUk: 'Спроба' })).status, who).toBe(403);
    }
    const h = await newHromada(t);
    const otherAdmin = await staffUser(t, { role: 'admin', hromadaId: h.id });
    const asOther = await signedIn(t, otherAdmin.username, { hromadaCode: h.code });
    const list = await asOther.get('/admin/case-types');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain('торгівлі людьми');
    expect((await asOther.get('/admin/case-types/own_1')).status).toBe(404);
    expect((await asOther.post('/admin/case-types/own_1', { nameUk: 'Чужа', active: 'yes' })).status).toBe(404);
    // Its own first type is its own own_1, apart from the demo hromada's.
    expect((await asOther.post('/admin/case-types', { nameUk: 'Торгівля людьми' })).status).toBe(303);
    const names = await t.owner<{ hromada_id: number; name_uk: string }>(
      "SELECT hromada_id, name_uk FROM case_types WHERE code = 'own_1' ORDER BY hromada_id",
    );
    expect(names.rows.map((r) => r.name_uk).sort()).toEqual(['Протидія торгівлі людьми', 'Торгівля людьми']);
  });
});
