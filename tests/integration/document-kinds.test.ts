import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { applicationFixtures } from '../helpers/applications.js';
import { linkResident, multipartForm, SAMPLE, type FilePart } from '../helpers/cabinet.js';
import type { HttpClient } from '../helpers/http.js';
import { demoHromadaId } from '../factories/index.js';

/**
 * Each document of a service card is required, optional, or filled in with the applicant at the
 * office; the online form follows it, and files already attached stay attached (with the draft)
 * when the form comes back with an error.
 */
let t: TestApp;
let hromadaId: number;
const as: Record<string, HttpClient> = {};
const EMAIL = 'vydy.dokumentiv@example.com';
let homeCareId = '';
const doc: Record<'application' | 'passport' | 'doctor', string> = { application: '', passport: '', doctor: '' };

const { addPerson } = applicationFixtures(() => ({ t, hromadaId }));
const PDF = () => Buffer.concat([SAMPLE.pdf, crypto.randomBytes(32)]);
const formKeyOf = (html: string) => /name="formKey" value="([^"]+)"/.exec(html)![1];
const draftIdOf = (html: string) => /name="draftId" value="([0-9a-f-]{36})"/.exec(html)?.[1] ?? null;
const stored = () => {
  const dir = path.join(t.services.config.dataDir, 'uploads', 'applications');
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
};
const attachments = async (id: string) =>
  (
    await t.owner<{ service_document_id: string; file_name: string }>(
      'SELECT service_document_id, file_name FROM application_documents WHERE application_id = $1 ORDER BY file_name',
      [id],
    )
  ).rows;

async function post(fields: Record<string, string>, files: Record<string, FilePart> = {}) {
  return as.resident.postMultipart(`/cabinet/apply/${homeCareId}`, multipartForm(fields, files));
}

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  const settlement = (await t.owner<{ c: string }>('SELECT settlement_code AS c FROM district_settlements LIMIT 1'))
    .rows[0].c;
  await linkResident(t, EMAIL, await addPerson('Документенко', settlement));
  homeCareId = (
    await t.owner<{ id: string }>("SELECT id FROM services WHERE code = '015.1' AND hromada_id = $1", [hromadaId])
  ).rows[0].id;
  const docs = await t.owner<{ id: string; name: string }>(
    'SELECT id, name FROM service_documents WHERE service_id = $1',
    [homeCareId],
  );
  doc.application = docs.rows.find((d) => d.name.startsWith('Заява про надання'))!.id;
  doc.passport = docs.rows.find((d) => d.name.startsWith('Паспорт'))!.id;
  doc.doctor = docs.rows.find((d) => d.name.startsWith('Висновок лікаря'))!.id;
  as.admin = t.client();
  await signInAs(t, as.admin, { username: 'admin' });
  as.resident = t.client();
  await signInAs(t, as.resident, { email: EMAIL });
});
afterAll(async () => {
  await t?.close();
});

describe('the catalogue says what kind each document is', () => {
  it('the seeded catalogue marks the application form as filled in with the office, the rest as required or optional', async () => {
    const kinds = await t.owner<{ name: string; kind: string }>(
      `SELECT DISTINCT d.name, d.kind FROM service_documents d WHERE d.hromada_id = $1 ORDER BY d.name`,
      [hromadaId],
    );
    const kindOf = (prefix: string) => [
      ...new Set(kinds.rows.filter((r) => r.name.startsWith(prefix)).map((r) => r.kind)),
    ];
    expect(kindOf('Заява про надання соціальних послуг (заповнюємо разом із вами)')).toEqual(['office_fills']);
    expect(kindOf('Паспорт громадянина України')).toEqual(['required']);
    expect(kindOf('Документ, що підтверджує повноваження законного представника')).toEqual(['optional']);
  });

  it('the editing form offers the three kinds per document, saves them and refuses anything else', async () => {
    const form = await as.admin.get(`/admin/catalogue/${homeCareId}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/<label class="govuk-label" for="doc0Kind">Вид документа<\/label>/);
    expect(form.text).toMatch(
      /<select class="govuk-select" id="doc0Kind" name="doc0Kind">\s*<option value="required">Обов’язковий<\/option><option value="optional">За наявності \(необов’язковий\)<\/option><option value="office_fills" selected>Заповнюємо разом із заявником в установі<\/option>/,
    );
    const fields = {
      name: 'Прокат засобів (види документів)',
      code: '',
      description: 'Видаємо засоби реабілітації на час, поки вони потрібні.',
      cost: 'free',
      maxProcessingDays: '10',
      channels: ['online', 'front_office'],
      doc0Name: 'Заява (заповнюємо разом із вами)',
      doc0Kind: 'office_fills',
      doc1Name: 'Паспорт',
      doc1Kind: 'required',
      doc2Name: 'Рекомендація лікаря',
      doc2Kind: 'optional',
    };
    const bad = await as.admin.post('/admin/catalogue/new', { ...fields, doc1Kind: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Оберіть вид документа');
    expect(bad.text).toContain('href="#doc1Kind"');
    const ok = await as.admin.post('/admin/catalogue/new', fields);
    expect(ok.status, ok.text.slice(0, 500)).toBe(303);
    const id = /\/admin\/catalogue\/([0-9a-f-]{36})\//.exec(ok.location ?? '')![1];
    const rows = await t.owner<{ name: string; kind: string }>(
      'SELECT name, kind FROM service_documents WHERE service_id = $1 ORDER BY position',
      [id],
    );
    expect(rows.rows.map((r) => r.kind)).toEqual(['office_fills', 'required', 'optional']);
    const card = await t.client().get(`/services/${id}`);
    expect(card.text).toContain('Заява (заповнюємо разом із вами) — заповнимо разом із вами');
    expect(card.text).toContain('Рекомендація лікаря (за наявності)');
    const api = await as.admin.get(`/admin/catalogue/${id}/edit`);
    expect(api.text).toMatch(
      /id="doc2Kind" name="doc2Kind">\s*<option value="required">[^<]*<\/option><option value="optional" selected>/,
    );
  });
});

describe('the online form follows the kinds', () => {
  it('marks required and optional documents and does not ask for the one filled in at the office', async () => {
    const page = await as.resident.get(`/cabinet/apply/${homeCareId}`);
    expect(page.status, page.text.slice(0, 300)).toBe(200);
    expect(page.text).not.toContain(`name="file-${doc.application}"`);
    expect(page.text).toContain('Заповнимо разом із вами в установі');
    expect(page.text).toMatch(
      /id="docs-with-office">\s*<li>Заява про надання соціальних послуг \(заповнюємо разом із вами\)<\/li>/,
    );
    const passport = page.text.slice(page.text.indexOf(`id="doc-${doc.passport}"`));
    expect(passport.slice(0, passport.indexOf('</h3>'))).toContain('обов’язковий');
  });

  it('after an error the good files stay attached with the draft, shown as already added with a way to remove them', async () => {
    const page = await as.resident.get(`/cabinet/apply/${homeCareId}`);
    const formKey = formKeyOf(page.text);
    const before = stored();
    // No consent, the doctor's report missing, and a program renamed to .pdf: the passport is good and is kept.
    const r = await post(
      { formKey, action: 'review' },
      {
        [`file-${doc.passport}`]: { data: PDF(), name: 'паспорт.pdf' },
        [`file-${doc.doctor}`]: { data: SAMPLE.exe, name: 'висновок.pdf' },
      },
    );
    expect(r.status).toBe(400);
    expect(r.text).toContain('Щоб подати заяву, дайте згоду на обробку персональних даних');
    expect(r.text).toContain(
      'Файл для «Висновок лікаря про стан здоров’я та потребу в догляді» має бути PDF, JPEG або PNG',
    );
    expect(r.text).not.toContain('Додайте документ «Заява про надання');
    expect(r.text).toContain('Уже додано: паспорт.pdf');
    expect(r.text).toContain(`name="remove-${doc.passport}"`);
    const draftId = draftIdOf(r.text)!;
    expect(draftId).not.toBeNull();
    expect(await attachments(draftId)).toEqual([{ service_document_id: doc.passport, file_name: 'паспорт.pdf' }]);
    expect(stored()).toBe(before + 1);

    // The second post adds the doctor's report and the consent — without sending the passport again — and goes to review.
    const again = await post(
      { formKey, draftId, consent: 'yes', action: 'review' },
      { [`file-${doc.doctor}`]: { data: PDF(), name: 'висновок.pdf' } },
    );
    expect(again.status, again.text.slice(0, 1500)).toBe(303);
    expect(again.location).toBe(`/cabinet/applications/${draftId}/review`);
    const review = await as.resident.get(`/cabinet/applications/${draftId}/review`);
    const submitted = await as.resident.post(`/cabinet/applications/${draftId}/submit`, {
      formKey: formKeyOf(review.text),
    });
    expect(submitted.status, submitted.text.slice(0, 500)).toBe(303);
    const status = await t.owner<{ status: string }>('SELECT status FROM applications WHERE id = $1', [draftId]);
    expect(status.rows[0].status).toBe('registered');
    expect((await attachments(draftId)).map((a) => a.file_name)).toEqual(['висновок.pdf', 'паспорт.pdf']);
  });

  it('a kept file can be removed; a required one removed is asked for again', async () => {
    const page = await as.resident.get(`/cabinet/apply/${homeCareId}`);
    const formKey = formKeyOf(page.text);
    const saved = await post(
      { formKey, action: 'draft' },
      { [`file-${doc.passport}`]: { data: PDF(), name: 'паспорт-2.pdf' } },
    );
    expect(saved.status).toBe(303);
    const draftId = /applications\/([0-9a-f-]{36})\?saved=1/.exec(saved.location ?? '')![1];
    const before = stored();
    const removed = await post(
      { formKey, draftId, consent: 'yes', action: 'review', [`remove-${doc.passport}`]: 'yes' },
      { [`file-${doc.doctor}`]: { data: PDF(), name: 'висновок-2.pdf' } },
    );
    expect(removed.status).toBe(400);
    expect(removed.text).toContain('Додайте документ «Паспорт громадянина України');
    expect(removed.text).not.toContain('Уже додано: паспорт-2.pdf');
    expect(removed.text).toContain('Уже додано: висновок-2.pdf');
    expect((await attachments(draftId)).map((a) => a.file_name)).toEqual(['висновок-2.pdf']);
    expect(stored()).toBe(before);
  });

  it('an empty form still saves nothing', async () => {
    const n = async () => Number((await t.owner<{ n: string }>('SELECT count(*) AS n FROM applications')).rows[0].n);
    const before = await n();
    const page = await as.resident.get(`/cabinet/apply/${homeCareId}`);
    const r = await post({ formKey: formKeyOf(page.text), action: 'review' });
    expect(r.status).toBe(400);
    expect(draftIdOf(r.text)).toBeNull();
    expect(await n()).toBe(before);
  });
});
