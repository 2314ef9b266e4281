import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { closeCase, kase, newHromada, person, signedIn, staffActor, staffUser } from '../factories/index.js';
import { addDays, kyivToday } from '../../src/platform/dates.js';
import { auditWriter } from '../../src/platform/audit.js';
import { collectHooks } from '../../src/platform/modules.js';
import { MODULES } from '../../src/modules/index.js';
import { loadCase } from '../../src/modules/cases/cases.queries.js';

let t: TestApp;
let worker: HttpClient;

const ADL = ['eating', 'grooming', 'dressing', 'bathing', 'continence', 'toilet', 'transfer', 'mobility', 'stairs'];
/** The home-care form filled: every daily activity independent except those given; 100 − 25 = 75 by default. */
const homeCare = (over: Record<string, string | string[]> = {}) => ({
  form: 'home_care',
  version: '1',
  q_living: 'alone',
  q_wellbeing: '3',
  'q_medical_on-day': '12',
  'q_medical_on-month': '10',
  'q_medical_on-year': '2026',
  q_help_with: ['shopping', 'water_fuel'],
  q_own_words: 'Хочу жити у своїй хаті',
  ...Object.fromEntries(ADL.map((q) => [`q_${q}`, 'independent'])),
  q_bathing: 'dependent',
  q_stairs: 'helped',
  q_dressing: 'partial',
  q_continence: 'partial',
  ...over,
});
const count = async (caseId: string) =>
  (await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM assessments WHERE case_id = $1', [caseId])).rows[0].n;
const audited = async (action: string, entityId: string) =>
  (await t.owner('SELECT 1 FROM audit_log WHERE action = $1 AND entity_id = $2', [action, entityId])).rowCount ?? 0;
const olderCase = async (lastName = 'Оцінюваний') =>
  kase(t, { personId: await person(t, { lastName, firstName: 'Петро' }), typeCode: 'older_disability' });

beforeAll(async () => {
  t = await startTestApp();
  worker = await signedIn(t, 'worker');
});
afterAll(async () => {
  await t?.close();
});

describe('the shipped forms', () => {
  it('are in the database exactly as in the module’s JSON files, as shared forms', async () => {
    const rows = (
      await t.owner<{ code: string; definition: unknown; hromada_id: number | null }>(
        `SELECT f.code, v.definition, f.hromada_id FROM assessment_forms f JOIN assessment_form_versions v ON v.form_id = f.id
         WHERE f.hromada_id IS NULL ORDER BY f.code`,
      )
    ).rows;
    const file = (n: string) =>
      JSON.parse(
        readFileSync(new URL(`../../src/modules/assessments/forms/${n}.json`, import.meta.url), 'utf8'),
      ) as unknown;
    expect(rows.map((r) => r.code)).toEqual(['family_needs', 'home_care']);
    expect(rows[0]?.definition).toEqual(file('family'));
    expect(rows[1]?.definition).toEqual(file('home-care'));
  });
});

describe('assessing a case', () => {
  it('a worker fills the home-care form: score, level and hours stored with the version; case page, timeline, status', async () => {
    const k = await olderCase();
    const page = await worker.get(`/cases/${k.id}`);
    expect(page.text).toContain('Оцінювань ще не проводили.');
    expect(page.text).toContain(`/cases/${k.id}/assessments/new?form=home_care`);
    expect(page.text).not.toContain('form=family_needs');
    const form = await worker.get(`/cases/${k.id}/assessments/new?form=home_care`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Оцінка потреб дорослої особи в догляді вдома');
    expect(form.text).toContain('Контроль тазових функцій (сечовипускання, дефекація)');
    expect(form.text).toContain('name="version" value="1"');
    const r = await worker.post(`/cases/${k.id}/assessments`, homeCare());
    expect(r.status, r.text.slice(0, 400)).toBe(303);
    const row = (
      await t.owner<{
        form_version: number;
        score: number;
        result_code: string;
        hours_per_week: string;
        answers: Record<string, unknown>;
      }>('SELECT form_version, score, result_code, hours_per_week::text, answers FROM assessments WHERE case_id = $1', [
        k.id,
      ])
    ).rows[0];
    expect(row).toMatchObject({ form_version: 1, score: 75, result_code: 'moderate', hours_per_week: '12.0' });
    expect(row?.answers).toMatchObject({
      medical_on: '2026-10-12',
      help_with: ['shopping', 'water_fuel'],
      wellbeing: 3,
    });
    const shown = await worker.get(r.location ?? '');
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Оцінювання збережено.');
    expect(shown.text).toContain('Помірна залежність');
    expect(shown.text).toContain('12 год догляду на тиждень');
    expect(shown.text).toContain('12.10.2026');
    expect(shown.text).toContain('Хочу жити у своїй хаті');
    const casePage = await worker.get(`/cases/${k.id}`);
    expect(casePage.text).toContain('75 — Помірна залежність');
    expect(casePage.text).toContain('версія 1');
    expect(casePage.text).toContain(
      'Проведено оцінювання потреб: Оцінка потреб дорослої особи в догляді вдома (версія 1) — 75 балів, Помірна залежність',
    );
    const status = await t.owner<{ status: string }>('SELECT status FROM cases WHERE id = $1', [k.id]);
    expect(status.rows[0]?.status).toBe('assessment');
    expect(await audited('assessment.complete', k.id)).toBe(1);
    expect(await audited('assessment.form', k.id)).toBe(1);
    expect(await audited('case.startAssessment', k.id)).toBe(1);
    expect(await audited('assessment.view', k.id)).toBe(1);
    // A second assessment leaves the status alone.
    expect((await worker.post(`/cases/${k.id}/assessments`, homeCare({ q_bathing: 'independent' }))).status).toBe(303);
    expect(await count(k.id)).toBe(2);
    expect(await audited('case.startAssessment', k.id)).toBe(1);
  });

  it('refuses a missing required answer, a wrong type and an out-of-range value: 400, each question named, nothing saved', async () => {
    const k = await olderCase();
    const r = await worker.post(
      `/cases/${k.id}/assessments`,
      homeCare({
        q_eating: '',
        q_wellbeing: '9',
        q_mobility: 'flying',
        'q_medical_on-day': '31',
        'q_medical_on-month': '2',
      }),
    );
    expect(r.status).toBe(400);
    expect(r.text).toContain('Виникла проблема');
    expect(r.text).toContain('Дайте відповідь на питання «Прийом їжі»');
    expect(r.text).toContain('href="#q_eating"');
    expect(r.text).toContain('Оберіть один із запропонованих варіантів у питанні «Пересування»');
    expect(r.text).toContain('У питанні «Як особа сама оцінює своє самопочуття» число має бути від 1 до 5');
    expect(r.text).toContain('Вкажіть справжню дату');
    expect(r.text).toContain('href="#q_medical_on-day"');
    // What was typed stays on the form.
    expect(r.text).toContain('Хочу жити у своїй хаті');
    expect(await count(k.id)).toBe(0);
    const status = await t.owner<{ status: string }>('SELECT status FROM cases WHERE id = $1', [k.id]);
    expect(status.rows[0]?.status).toBe('open');
  });

  it('refuses a form made for another case type, an unknown form, and a closed case', async () => {
    const k = await olderCase();
    const other = await worker.get(`/cases/${k.id}/assessments/new?form=family_needs`);
    expect(other.status).toBe(409);
    expect(other.text).toContain('не призначена для такого типу випадку');
    const posted = await worker.post(`/cases/${k.id}/assessments`, { form: 'family_needs', version: '1' });
    expect(posted.status).toBe(409);
    expect((await worker.get(`/cases/${k.id}/assessments/new?form=nothing_here`)).status).toBe(404);
    expect(await count(k.id)).toBe(0);
    await closeCase(t, k.id, { reason: 'Помер' });
    const closed = await worker.get(`/cases/${k.id}/assessments/new?form=home_care`);
    expect(closed.status).toBe(409);
    expect((await worker.post(`/cases/${k.id}/assessments`, homeCare())).status).toBe(409);
    expect((await worker.get(`/cases/${k.id}`)).text).not.toContain('assessments/new');
    expect(await count(k.id)).toBe(0);
  });

  it('offers the choice when several forms fit the case type; the family form scores the family’s level of needs', async () => {
    const k = await kase(t, { personId: await person(t, { lastName: 'Переселенко' }), typeCode: 'idp_support' });
    const choose = await worker.get(`/cases/${k.id}/assessments/new`);
    expect(choose.status).toBe(200);
    expect(choose.text).toContain('Оберіть форму оцінювання');
    expect(choose.text).toContain('form=home_care');
    expect(choose.text).toContain('form=family_needs');
    const factors = [
      'health',
      'education',
      'emotional',
      'identity',
      'relations',
      'self_care',
      'basic_care',
      'safety',
      'warmth',
      'stimulation',
      'guidance',
      'stability',
      'housing',
      'income',
      'extended',
      'community',
      'history',
    ];
    const r = await worker.post(`/cases/${k.id}/assessments`, {
      form: 'family_needs',
      version: '1',
      'q_visited_on-day': '1',
      'q_visited_on-month': '12',
      'q_visited_on-year': '2026',
      q_present: ['mother', 'children'],
      q_children: '3',
      q_reason: 'request',
      q_conclusion: 'Сім’ї потрібна підтримка з житлом',
      ...Object.fromEntries(factors.map((f) => [`q_${f}`, '1'])),
      q_housing: '3',
      q_safety: '3',
      q_income: '2',
    });
    expect(r.status, r.text.slice(0, 300)).toBe(303);
    const row = (
      await t.owner<{ score: number; result_code: string }>(
        'SELECT score, result_code FROM assessments WHERE case_id = $1',
        [k.id],
      )
    ).rows[0];
    expect(row).toEqual({ score: 22, result_code: 'high' });
    expect((await worker.get(r.location ?? '')).text).toContain('Високий рівень потреб');
  });
});

describe('who may assess', () => {
  it('a restricted case outside its team, another hromada’s case and roles without cases are refused', async () => {
    const own = await staffUser(t, { role: 'worker' });
    const restricted = await kase(t, {
      personId: await person(t, { lastName: 'Захищена' }),
      typeCode: 'violence',
      byUserId: own.userId,
    });
    expect((await worker.get(`/cases/${restricted.id}/assessments/new`)).status).toBe(404);
    expect((await worker.post(`/cases/${restricted.id}/assessments`, homeCare())).status).toBe(404);
    const k = await olderCase();
    expect((await worker.post(`/cases/${k.id}/assessments`, homeCare())).status).toBe(303);
    const aid =
      (await t.owner<{ id: string }>('SELECT id FROM assessments WHERE case_id = $1', [k.id])).rows[0]?.id ?? '';
    const other = await newHromada(t);
    const stranger = await staffUser(t, { role: 'manager', hromadaId: other.id });
    const c = await signedIn(t, stranger.username, { hromadaCode: other.code });
    expect((await c.get(`/cases/${k.id}/assessments/new?form=home_care`)).status).toBe(404);
    expect((await c.get(`/cases/${k.id}/assessments/${aid}`)).status).toBe(404);
    expect((await c.post(`/cases/${k.id}/assessments`, homeCare())).status).toBe(404);
    for (const who of ['frontdesk', 'provider']) {
      const u = await signedIn(t, who);
      expect((await u.get(`/cases/${k.id}/assessments/new?form=home_care`)).status, who).toBe(403);
      expect((await u.get(`/cases/${k.id}/assessments/${aid}`)).status, who).toBe(403);
    }
    expect(await count(k.id)).toBe(1);
    expect(await count(restricted.id)).toBe(0);
    expect((await worker.get(`/cases/${k.id}/assessments/${crypto.randomUUID()}`)).status).toBe(404);
  });
});

describe('re-assessment before the contract ends (art. 22)', () => {
  async function term(caseId: string, planItemId: string, endsOn: string) {
    const actor = await staffActor(t);
    const listeners = collectHooks(MODULES).all('caseServiceTerms');
    expect(listeners.length).toBeGreaterThan(0);
    await t.services.db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, async (c) => {
      const row = await loadCase(c, actor.hromadaId, caseId);
      if (!row) throw new Error('no case');
      for (const l of listeners)
        await l({
          c,
          actor,
          hromadaId: actor.hromadaId,
          audit: auditWriter(c, actor),
          services: t.services,
          kase: row,
          planItemId,
          endsOn,
        });
    });
  }
  const reviews = async (caseId: string) =>
    (
      await t.owner<{ due: string; done: boolean }>(
        `SELECT to_char(due_on, 'YYYY-MM-DD') AS due, done_assessment_id IS NOT NULL AS done FROM assessment_reviews
         WHERE case_id = $1 ORDER BY due_on`,
        [caseId],
      )
    ).rows;

  it('schedules one re-assessment per plan item 30 days before the end, moves it with a new end, marks it done', async () => {
    const k = await olderCase();
    const item = crypto.randomUUID();
    const ends = addDays(kyivToday(), 60);
    await term(k.id, item, ends);
    await term(k.id, item, ends);
    expect(await reviews(k.id)).toEqual([{ due: addDays(ends, -30), done: false }]);
    const later = addDays(kyivToday(), 90);
    await term(k.id, item, later);
    expect(await reviews(k.id)).toEqual([{ due: addDays(later, -30), done: false }]);
    // A contract ending in 10 days: its re-assessment is overdue already.
    await term(k.id, crypto.randomUUID(), addDays(kyivToday(), 10));
    const page = await worker.get(`/cases/${k.id}`);
    expect(page.text).toContain('Повторне оцінювання');
    expect(page.text).toContain('прострочено');
    expect(page.text).toContain('Заплановано повторне оцінювання до');
    expect(await audited('assessment.schedule', k.id)).toBe(3);
    expect((await worker.post(`/cases/${k.id}/assessments`, homeCare())).status).toBe(303);
    expect((await reviews(k.id)).map((r) => r.done)).toEqual([true, true]);
    expect((await worker.get(`/cases/${k.id}`)).text).toContain('проведено');
  });

  it('uses the hromada’s own lead time (30 at least)', async () => {
    const admin = await signedIn(t, 'admin');
    await admin.get('/admin/assessment-forms');
    const bad = await admin.post('/admin/assessment-forms/settings', { reassessmentDays: '20' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Вкажіть ціле число днів від 30 до 180');
    expect((await admin.post('/admin/assessment-forms/settings', { reassessmentDays: '45' })).status).toBe(303);
    const k = await olderCase();
    const ends = addDays(kyivToday(), 100);
    await term(k.id, crypto.randomUUID(), ends);
    expect(await reviews(k.id)).toEqual([{ due: addDays(ends, -45), done: false }]);
    expect((await admin.post('/admin/assessment-forms/settings', { reassessmentDays: '30' })).status).toBe(303);
  });
});

describe('administering the forms', () => {
  it('roles without the permission are refused', async () => {
    for (const who of ['worker', 'frontdesk']) {
      const c = await signedIn(t, who);
      expect((await c.get('/admin/assessment-forms')).status, who).toBe(403);
      expect((await c.get('/admin/assessment-forms/home_care')).status, who).toBe(403);
      expect((await c.post('/admin/assessment-forms/home_care/active', { active: 'off' })).status, who).toBe(403);
    }
  });

  it('lists the forms, shows one readable with its versions; bad definitions are refused naming the path', async () => {
    const admin = await signedIn(t, 'admin');
    expect((await admin.get('/staff')).text).toContain('href="/admin/assessment-forms"');
    expect((await worker.get('/staff')).text).not.toContain('href="/admin/assessment-forms"');
    const list = await admin.get('/admin/assessment-forms');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Оцінка потреб дорослої особи в догляді вдома');
    expect(list.text).toContain('Оцінка потреб сім’ї з дітьми');
    const form = await admin.get('/admin/assessment-forms/home_care');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Підіймання сходами');
    expect(form.text).toContain('Не потребує допомоги — 10 балів');
    expect(form.text).toContain('Повна залежність від сторонньої допомоги');
    const edit = await admin.get('/admin/assessment-forms/home_care/new-version');
    expect(edit.status).toBe(200);
    expect(edit.text).toContain('Спільну форму змінити не можна');
    const base = { nameUk: 'Оцінка потреб у догляді вдома', nameEn: '', caseTypes: ['older_disability'], basedOn: '1' };
    const json = await admin.post('/admin/assessment-forms/home_care/versions', {
      ...base,
      definition: '{ "sections": [',
    });
    expect(json.status).toBe(400);
    expect(json.text).toContain('Визначення не є правильним JSON');
    const def = JSON.parse(
      readFileSync(new URL('../../src/modules/assessments/forms/home-care.json', import.meta.url), 'utf8'),
    ) as {
      sections: { questions: { label: { uk: string } }[] }[];
      scores: { bands: { hoursPerWeek: number }[] }[];
    };
    const broken = structuredClone(def);
    broken.sections[1].questions[0].label.uk = '';
    const bad = await admin.post('/admin/assessment-forms/home_care/versions', {
      ...base,
      definition: JSON.stringify(broken),
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('sections.1.questions.0.label.uk: вкажіть текст українською (uk)');
    const noTypes = await admin.post('/admin/assessment-forms/home_care/versions', {
      ...base,
      caseTypes: [],
      definition: JSON.stringify(def),
    });
    expect(noTypes.status).toBe(400);
    expect(noTypes.text).toContain('Оберіть хоча б один тип випадку');
    const n = await t.owner(
      'SELECT 1 FROM assessment_form_versions v JOIN assessment_forms f ON f.id = v.form_id WHERE f.code = $1',
      ['home_care'],
    );
    expect(n.rowCount).toBe(1);
  });

  it('a new version becomes the hromada’s own form; old assessments keep their version, new ones use the new', async () => {
    const k = await olderCase();
    expect((await worker.post(`/cases/${k.id}/assessments`, homeCare())).status).toBe(303);
    const admin = await signedIn(t, 'admin');
    await admin.get('/admin/assessment-forms');
    const def = JSON.parse(
      readFileSync(new URL('../../src/modules/assessments/forms/home-care.json', import.meta.url), 'utf8'),
    ) as {
      scores: { bands: { hoursPerWeek: number }[] }[];
    };
    def.scores[0].bands[2].hoursPerWeek = 14;
    const saved = await admin.post('/admin/assessment-forms/home_care/versions', {
      nameUk: 'Оцінка потреб у догляді вдома',
      nameEn: 'Home care needs',
      caseTypes: ['older_disability'],
      basedOn: '1',
      definition: JSON.stringify(def),
    });
    expect(saved.status, saved.text.slice(0, 400)).toBe(303);
    expect(await audited('assessmentForm.version', 'home_care')).toBe(1);
    const stale = await admin.post('/admin/assessment-forms/home_care/versions', {
      nameUk: 'x',
      nameEn: '',
      caseTypes: ['older_disability'],
      basedOn: '1',
      definition: JSON.stringify(def),
    });
    expect(stale.status).toBe(409);
    const page = await admin.get('/admin/assessment-forms/home_care');
    expect(page.text).toContain('власна форма громади');
    expect(page.text).toContain('14 год догляду на тиждень');
    const forms = await t.owner<{ hromada_id: number | null; latest_version: number }>(
      'SELECT hromada_id, latest_version FROM assessment_forms WHERE code = $1 ORDER BY hromada_id NULLS FIRST',
      ['home_care'],
    );
    expect(forms.rows.map((r) => r.latest_version)).toEqual([1, 2]);
    // The old assessment keeps version 1 and its 12 hours; a new one is filled with version 2.
    const old =
      (await t.owner<{ id: string }>('SELECT id FROM assessments WHERE case_id = $1', [k.id])).rows[0]?.id ?? '';
    const oldPage = await worker.get(`/cases/${k.id}/assessments/${old}`);
    expect(oldPage.text).toContain('Версія форми 1');
    expect(oldPage.text).toContain('12 год догляду на тиждень');
    const form = await worker.get(`/cases/${k.id}/assessments/new?form=home_care`);
    expect(form.text).toContain('name="version" value="2"');
    expect((await worker.post(`/cases/${k.id}/assessments`, homeCare({ version: '2' }))).status).toBe(303);
    const rows = await t.owner<{ form_version: number; hours_per_week: string }>(
      'SELECT form_version, hours_per_week::text FROM assessments WHERE case_id = $1 ORDER BY completed_at',
      [k.id],
    );
    expect(rows.rows).toEqual([
      { form_version: 1, hours_per_week: '12.0' },
      { form_version: 2, hours_per_week: '14.0' },
    ]);
  });

  it('a form switched off is not offered nor accepted; switched on again it is', async () => {
    const admin = await signedIn(t, 'admin');
    await admin.get('/admin/assessment-forms');
    expect((await admin.post('/admin/assessment-forms/family_needs/active', { active: 'off' })).status).toBe(303);
    expect((await admin.get('/admin/assessment-forms/family_needs')).text).toContain('вимкнена');
    const k = await kase(t, { personId: await person(t, { lastName: 'Сімейна' }), typeCode: 'family_sjo' });
    expect((await worker.get(`/cases/${k.id}`)).text).not.toContain('form=family_needs');
    expect((await worker.get(`/cases/${k.id}/assessments/new?form=family_needs`)).status).toBe(409);
    expect((await admin.post('/admin/assessment-forms/family_needs/active', { active: 'on' })).status).toBe(303);
    expect((await worker.get(`/cases/${k.id}`)).text).toContain('form=family_needs');
    expect(await audited('assessmentForm.deactivate', 'family_needs')).toBe(1);
  });
});
