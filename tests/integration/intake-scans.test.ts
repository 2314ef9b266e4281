import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { applicationFixtures } from '../helpers/applications.js';
import { multipartForm, SAMPLE, starostaDistrict, type FilePart } from '../helpers/cabinet.js';
import type { HttpClient } from '../helpers/http.js';
import { demoHromadaId } from '../factories/index.js';

/**
 * A walk-in application: the front office (or the starosta, in their district) attaches scans of
 * the paper documents, checked by content; the starosta's person form offers only the settlements
 * of their district; adding a person from the intake leads back to the intake.
 */
let t: TestApp;
let hromadaId: number;
const as: Record<string, HttpClient> = {};
let serviceId = '';
let passportDocId = '';
let district: { districtId: number; inside: string; outside: string };
let townApp = '';
let villageApp = '';

const fx = applicationFixtures(() => ({ t, hromadaId }));
const PDF = Buffer.concat([SAMPLE.pdf, crypto.randomBytes(64)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), crypto.randomBytes(64)]);
const storedCount = () => {
  const dir = path.join(t.services.config.dataDir, 'uploads', 'applications');
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
};
const docsOf = async (id: string) =>
  (
    await t.owner<{
      requirement: string;
      file_name: string;
      uploaded_by: string;
      content_type: string;
      service_document_id: string | null;
    }>(
      'SELECT requirement, file_name, uploaded_by, content_type, service_document_id FROM application_documents WHERE application_id = $1 ORDER BY uploaded_at',
      [id],
    )
  ).rows;
const userId = async (username: string) =>
  (await t.owner<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0].id;

async function scan(c: HttpClient, id: string, fields: Record<string, string>, file?: FilePart) {
  await c.get(`/applications/${id}/documents`);
  return c.postMultipart(`/applications/${id}/documents`, multipartForm(fields, file ? { file } : {}));
}

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  district = await starostaDistrict(t);
  serviceId = await fx.addService('Догляд вдома (скани)');
  passportDocId = (
    await t.owner<{ id: string }>(
      `INSERT INTO service_documents (hromada_id, service_id, position, name) VALUES ($1, $2, 1, 'Паспорт') RETURNING id`,
      [hromadaId, serviceId],
    )
  ).rows[0].id;
  for (const u of ['frontdesk', 'starosta', 'worker', 'manager', 'provider']) {
    as[u] = t.client();
    await signInAs(t, as[u], { username: u });
  }
  townApp = await fx.registered(as.frontdesk, await fx.addPerson('Сканенко', district.outside), serviceId);
  villageApp = await fx.registered(as.frontdesk, await fx.addPerson('Селянко', district.inside), serviceId);
});
afterAll(async () => {
  await t?.close();
});

describe('the front office attaches scanned documents to a walk-in application', () => {
  it('the receipt links to the documents page, which has the scan form', async () => {
    const receipt = await as.frontdesk.get(`/applications/${townApp}/receipt`);
    expect(receipt.text).toContain(`href="/applications/${townApp}/documents#scan-heading"`);
    expect(receipt.text).toContain('Додати скановані документи');
    const page = await as.frontdesk.get(`/applications/${townApp}/documents`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`action="/applications/${townApp}/documents" enctype="multipart/form-data"`);
    expect(page.text).toMatch(/<option value="[0-9a-f-]{36}">Паспорт<\/option>/);
    expect(page.text).toContain('<option value="other">Інший документ</option>');
  });

  it('a PDF scan (named .hta) is stored with the application, served as .pdf, and audited', async () => {
    const before = storedCount();
    const r = await scan(
      as.frontdesk,
      townApp,
      { requirement: passportDocId },
      { data: PDF, name: 'паспорт.hta', type: 'application/hta' },
    );
    expect(r.status, r.text.slice(0, 800)).toBe(303);
    expect(r.location).toBe(`/applications/${townApp}/documents?done=scanned`);
    expect(storedCount()).toBe(before + 1);
    expect(await docsOf(townApp)).toEqual([
      {
        requirement: 'Паспорт',
        file_name: 'паспорт.hta',
        uploaded_by: await userId('frontdesk'),
        content_type: 'application/pdf',
        service_document_id: passportDocId,
      },
    ]);
    const page = await as.frontdesk.get(`/applications/${townApp}/documents?done=scanned`);
    expect(page.text).toContain('Скан додано до заяви.');
    const id = /href="\/applications\/[0-9a-f-]{36}\/documents\/([0-9a-f-]{36})"/.exec(page.text)![1];
    const res = await fetch(`${t.baseUrl}/applications/${townApp}/documents/${id}`, {
      headers: { cookie: [...as.worker.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('паспорт.pdf')}`);
    const audit = await t.owner<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'application.document.scan' AND entity_id = $1 AND operation = 'write'",
      [townApp],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('another document is named by the office; a JPEG is accepted', async () => {
    const r = await scan(
      as.frontdesk,
      townApp,
      { requirement: 'other', otherName: 'Довідка про доходи' },
      { data: JPEG, name: 'scan.jpg', type: 'image/jpeg' },
    );
    expect(r.status, r.text.slice(0, 800)).toBe(303);
    const docs = await docsOf(townApp);
    expect(docs[1]).toMatchObject({
      requirement: 'Довідка про доходи',
      content_type: 'image/jpeg',
      service_document_id: null,
    });
  });

  it('refuses a file that is not PDF, JPEG or PNG by content, a missing file and an unknown requirement — nothing stored', async () => {
    const before = { files: storedCount(), rows: (await docsOf(townApp)).length };
    const exe = await scan(
      as.frontdesk,
      townApp,
      { requirement: passportDocId },
      { data: SAMPLE.exe, name: 'паспорт.pdf' },
    );
    expect(exe.status).toBe(400);
    expect(exe.text).toContain('Файл має бути PDF, JPEG або PNG');
    expect(exe.text).toContain('href="#file"');
    const none = await scan(as.frontdesk, townApp, { requirement: passportDocId });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Оберіть сканований файл');
    const bad = await scan(as.frontdesk, townApp, { requirement: crypto.randomUUID() }, { data: PDF, name: 'x.pdf' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Оберіть, що це за документ');
    expect(storedCount()).toBe(before.files);
    expect((await docsOf(townApp)).length).toBe(before.rows);
  });

  it('refuses without the CSRF token', async () => {
    await as.frontdesk.get(`/applications/${townApp}/documents`);
    const r = await as.frontdesk.postMultipart(
      `/applications/${townApp}/documents`,
      multipartForm({ requirement: passportDocId }, { file: { data: PDF, name: 'x.pdf' } }),
      { csrf: false },
    );
    expect(r.status).toBe(403);
  });

  it('the starosta scans in their district only; roles that do not take applications get no form and 403', async () => {
    const own = await scan(as.starosta, villageApp, { requirement: passportDocId }, { data: PDF, name: 'село.pdf' });
    expect(own.status, own.text.slice(0, 500)).toBe(303);
    expect((await docsOf(villageApp))[0].uploaded_by).toBe(await userId('starosta'));
    const far = await as.starosta.postMultipart(
      `/applications/${townApp}/documents`,
      multipartForm(
        { requirement: passportDocId, _csrf: as.starosta.lastCsrf ?? '' },
        { file: { data: PDF, name: 'x.pdf' } },
      ),
    );
    expect(far.status).toBe(403);
    const provider = await as.provider.postMultipart(
      `/applications/${townApp}/documents`,
      multipartForm({ requirement: passportDocId }, { file: { data: PDF, name: 'x.pdf' } }),
    );
    expect(provider.status).toBe(403);
  });

  it('a decided application takes no more scans', async () => {
    const id = await fx.registered(as.frontdesk, await fx.addPerson('Вирішенко', district.outside), serviceId);
    await fx.moved(as.worker, id, 'startReview');
    await fx.moved(as.manager, id, 'refuse', { reason: 'Не належить до категорії отримувачів' });
    const page = await as.frontdesk.get(`/applications/${id}/documents`);
    expect(page.text).not.toContain('enctype="multipart/form-data"');
    const r = await scan(as.frontdesk, id, { requirement: passportDocId }, { data: PDF, name: 'x.pdf' });
    expect(r.status).toBe(409);
    expect(r.text).toContain('До цієї заяви вже не можна додавати документи');
  });
});

describe('the person form during intake', () => {
  it('offers a starosta only the settlements of their district; the front office all of the hromada', async () => {
    const starosta = await as.starosta.get('/persons/new');
    expect(starosta.status).toBe(200);
    expect(starosta.text).toContain(`value="${district.inside}"`);
    expect(starosta.text).not.toContain(`value="${district.outside}"`);
    const front = await as.frontdesk.get('/persons/new');
    expect(front.text).toContain(`value="${district.inside}"`);
    expect(front.text).toContain(`value="${district.outside}"`);
  });

  it('from the intake: «add to the registry» leads to the form with a way back, and saving returns to the intake', async () => {
    await as.starosta.get('/applications/new');
    const none = await as.starosta.post('/applications/new/search', { q: 'Неіснуючий Нікого' });
    expect(none.text).toContain('href="/persons/new?then=intake"');
    const form = await as.starosta.get('/persons/new?then=intake');
    expect(form.text).toContain('Повернутися до реєстрації заяви');
    expect(form.text).toContain('<input type="hidden" name="then" value="intake">');
    const r = await as.starosta.post('/persons/new', {
      then: 'intake',
      lastName: 'Поверненко',
      firstName: 'Ганна',
      sex: 'female',
      'birthDate-day': '03',
      'birthDate-month': '04',
      'birthDate-year': '1950',
      rnokppAbsence: 'refused',
      settlementCode: district.inside,
      confirm: 'yes',
      action: 'save',
    });
    expect(r.status, r.text.slice(0, 1500)).toBe(303);
    const personId = (await t.owner<{ id: string }>("SELECT id FROM persons WHERE last_name = 'Поверненко'")).rows[0]
      .id;
    expect(r.location).toBe(`/applications/new?personId=${personId}`);
    const next = await as.starosta.get(r.location!);
    expect(next.status).toBe(200);
    expect(next.text).toContain('Поверненко Ганна');
    // Without the intake the form leads to the new person's card as before.
    const plain = await as.starosta.post('/persons/new', {
      lastName: 'Карткова',
      firstName: 'Ганна',
      sex: 'female',
      'birthDate-day': '05',
      'birthDate-month': '04',
      'birthDate-year': '1950',
      rnokppAbsence: 'refused',
      settlementCode: district.inside,
      confirm: 'yes',
      action: 'save',
    });
    expect(plain.status, plain.text.slice(0, 1500)).toBe(303);
    expect(plain.location).toMatch(/^\/persons\/[0-9a-f-]{36}\?done=created$/);
  });
});
