import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { applicationFixtures } from '../helpers/applications.js';
import { linkResident, multipartForm, residentAccount, SAMPLE } from '../helpers/cabinet.js';
import type { HttpClient } from '../helpers/http.js';
import { pdfText } from './subject-report.pdf-text.js';
import { loadCalendar } from '../../src/modules/applications/applications.queries.js';
import {
  addDays,
  decisionDeadline,
  kyivToday,
  workingDaysBetween,
} from '../../src/modules/applications/working-days.js';
import { demoHromadaId } from '../factories/index.js';

let t: TestApp;
let hromadaId: number;
let residentId = '';
const as: Record<string, HttpClient> = {};
let app = '';
let requestId = '';

const dmy = (iso: string) => iso.split('-').reverse().join('.');
const { addPerson, addService, row, intake, idOf, transition } = applicationFixtures(() => ({ t, hromadaId }));
const count = async (sql: string, values: unknown[] = []) =>
  Number((await t.owner<{ n: string }>(sql, values)).rows[0].n);
const storedFiles = () => {
  const dir = path.join(t.services.config.dataDir, 'uploads', 'applications');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};
const attachments = () => count('SELECT count(*) AS n FROM application_documents WHERE application_id = $1', [app]);

/** Posts the response form of the application page (the page is read first, as a browser would). */
async function respond(
  c: HttpClient,
  id: string,
  files: Record<string, { data: Buffer; name: string }>,
  fields: Record<string, string> = {},
) {
  await c.get(`/cabinet/applications/${id}`);
  return c.postMultipart(`/cabinet/applications/${id}/documents`, multipartForm({ requestId, ...fields }, files));
}

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  const settlement = (await t.owner<{ c: string }>('SELECT settlement_code AS c FROM district_settlements LIMIT 1'))
    .rows[0].c;
  const person = await addPerson('Доповненко', settlement);
  const otherPerson = await addPerson('Сторонній', settlement);
  residentId = await linkResident(t, 'resident@example.com', person);
  await linkResident(t, 'other.resident@example.com', otherPerson);
  const service = await addService('Догляд вдома (доповнення)');
  for (const u of ['frontdesk', 'worker', 'manager']) {
    as[u] = t.client();
    await signInAs(t, as[u], { username: u });
  }
  for (const [k, email] of [
    ['resident', 'resident@example.com'],
    ['other', 'other.resident@example.com'],
  ]) {
    as[k] = t.client();
    await signInAs(t, as[k], { email });
  }
  app = idOf(await intake(as.frontdesk, person, service));
  expect((await transition(as.worker, app, 'startReview')).status).toBe(303);
  const due = addDays(kyivToday(), 14).split('-');
  const r = await transition(as.worker, app, 'requestDocuments', {
    documents: 'Довідка про доходи\nВисновок лікаря',
    'dueOn-day': due[2],
    'dueOn-month': due[1],
    'dueOn-year': due[0],
  });
  expect(r.status, r.text.slice(0, 500)).toBe(303);
  requestId = (
    await t.owner<{ id: string }>('SELECT id FROM application_document_requests WHERE application_id = $1', [app])
  ).rows[0].id;
});
afterAll(async () => {
  await t?.close();
});

describe('the resident answers a request for more documents', () => {
  it('the application page shows what is requested, by when, and a form for each document', async () => {
    const page = await as.resident.get(`/cabinet/applications/${app}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Потрібні додаткові документи');
    expect(page.text).toContain(`надішліть до ${dmy(addDays(kyivToday(), 14))}`);
    expect(page.text).toContain('<li>Довідка про доходи</li>');
    expect(page.text).toContain('<li>Висновок лікаря</li>');
    expect(page.text).toContain(`action="/cabinet/applications/${app}/documents"`);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toMatch(/name="_csrf" value="[^"]+"/);
    expect(page.text).toContain(`name="requestId" value="${requestId}"`);
    expect(page.text).toContain('id="file-0"');
    expect(page.text).toContain('id="file-1"');
    expect(page.text).toContain('Надіслати документи');
  });

  it('no file chosen: every missing document is named, in the error summary and at its field; nothing changes', async () => {
    const r = await respond(as.resident, app, {});
    expect(r.status).toBe(400);
    expect(r.text).toContain('Додайте файл для «Довідка про доходи» або оберіть його з моїх документів');
    expect(r.text).toContain('Додайте файл для «Висновок лікаря» або оберіть його з моїх документів');
    expect(r.text).toContain('href="#file-0"');
    expect(r.text).toContain('id="file-0-error"');
    expect(r.text.split('govuk-error-summary__title').length - 1).toBe(1);
    expect((await row(app)).status).toBe('needs_documents');
    expect(await attachments()).toBe(0);
  });

  it('a program renamed to .pdf is refused by its content; nothing is stored', async () => {
    const r = await respond(as.resident, app, {
      'file-0': { data: SAMPLE.exe, name: 'dovidka.pdf' },
      'file-1': { data: SAMPLE.pdf, name: 'lik.pdf' },
    });
    expect(r.status).toBe(400);
    expect(r.text).toContain('Файл для «Довідка про доходи» має бути PDF, JPEG або PNG');
    expect((await row(app)).status).toBe('needs_documents');
    expect(await attachments()).toBe(0);
    expect(storedFiles()).toEqual([]);
  });

  it('a file over 10 MB is refused with the limit named; nothing is stored', async () => {
    const big = Buffer.concat([SAMPLE.pdf, Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    const r = await respond(as.resident, app, {
      'file-0': { data: SAMPLE.pdf, name: 'a.pdf' },
      'file-1': { data: big, name: 'big.pdf' },
    });
    expect(r.status).toBe(400);
    expect(r.text).toContain('Файл для «Висновок лікаря» більший за 10 МБ');
    expect((await row(app)).status).toBe('needs_documents');
    expect(await attachments()).toBe(0);
    expect(storedFiles()).toEqual([]);
  });

  it('another resident’s, an unknown or a malformed application id is «not found»; a library document of someone else is refused', async () => {
    const files = { 'file-0': { data: SAMPLE.pdf, name: 'a.pdf' }, 'file-1': { data: SAMPLE.pdf, name: 'b.pdf' } };
    expect((await respond(as.other, app, files)).status).toBe(404);
    expect((await respond(as.resident, crypto.randomUUID(), files)).status).toBe(404);
    expect((await respond(as.resident, 'not-an-id', files)).status).toBe(404);
    expect((await as.other.get(`/cabinet/applications/${app}`)).status).toBe(404);
    // Staff are not residents: the cabinet does not take their posts.
    const staff = await respond(as.worker, app, files);
    expect(staff.status).toBe(401);
    const otherUser = await residentAccount(t, 'other.resident@example.com');
    const foreign = (
      await t.owner<{ id: string }>(
        `INSERT INTO resident_documents (user_id, title, file_name, content_type, size, sha256, storage_key)
       VALUES ($1, 'Чужий', 'x.pdf', 'application/pdf', 10, $2, $3) RETURNING id`,
        [otherUser, 'a'.repeat(64), crypto.randomUUID()],
      )
    ).rows[0].id;
    const r = await respond(as.resident, app, { 'file-0': { data: SAMPLE.pdf, name: 'a.pdf' } }, { 'pick-1': foreign });
    expect(r.status).toBe(400);
    expect(r.text).toContain('Обраного документа для «Висновок лікаря» немає серед ваших документів');
    expect((await row(app)).status).toBe('needs_documents');
    expect(await attachments()).toBe(0);
    expect(storedFiles()).toEqual([]);
  });

  it('a form for an older request (the page was out of date) is refused with 409', async () => {
    const r = await respond(
      as.resident,
      app,
      { 'file-0': { data: SAMPLE.pdf, name: 'a.pdf' }, 'file-1': { data: SAMPLE.pdf, name: 'b.pdf' } },
      { requestId: crypto.randomUUID() },
    );
    expect(r.status).toBe(409);
    expect(r.text).toContain('сторінка застаріла');
    expect(await attachments()).toBe(0);
  });

  it('a new upload and a document from «Мої документи»: attached with their hashes, the application is back in review, the clock resumes', async () => {
    // A library document to pick.
    await as.resident.get('/cabinet/documents');
    const up = await as.resident.postMultipart(
      '/cabinet/documents',
      multipartForm({ title: 'Висновок лікаря' }, { file: { data: SAMPLE.png, name: 'vysnovok.png' } }),
    );
    expect(up.status).toBe(303);
    const libraryId = (
      await t.owner<{ id: string }>('SELECT id FROM resident_documents WHERE user_id = $1', [residentId])
    ).rows[0].id;
    // The office has been waiting for some working days: they extend the deadline.
    const pausedSince = addDays(kyivToday(), -9);
    await t.owner('UPDATE applications SET paused_since = $2 WHERE id = $1', [app, pausedSince]);
    const before = await row(app);
    const page = await as.resident.get(`/cabinet/applications/${app}`);
    expect(page.text).toContain(`value="${libraryId}"`);

    const r = await respond(
      as.resident,
      app,
      { 'file-0': { data: SAMPLE.pdf, name: 'довідка.pdf' } },
      { 'pick-1': libraryId },
    );
    expect(r.status, r.text.slice(0, 1500)).toBe(303);
    expect(r.location).toBe(`/cabinet/applications/${app}?sent=1`);

    const calendar = await t.services.db.tx({ hromadaId }, (c) => loadCalendar(c, hromadaId));
    const paused = workingDaysBetween(pausedSince, kyivToday(), calendar);
    expect(paused).toBeGreaterThan(0);
    const reg = (
      await t.owner<{ on: string; days: number }>(
        "SELECT to_char(registered_on, 'YYYY-MM-DD') AS on, processing_days AS days FROM applications WHERE id = $1",
        [app],
      )
    ).rows[0];
    const after = await row(app);
    expect(after).toMatchObject({
      status: 'in_review',
      paused_since: null,
      paused_days: paused,
      version: before.version + 1,
      deadline: decisionDeadline({ registeredOn: reg.on, days: reg.days, pausedDays: paused, calendar }),
    });
    expect(after.deadline > before.deadline).toBe(true);

    const docs = (
      await t.owner<{
        requirement: string;
        file_name: string;
        content_type: string;
        sha256: string;
        storage_key: string;
        uploaded_by: string;
        service_document_id: string | null;
      }>(
        'SELECT requirement, file_name, content_type, sha256, storage_key, uploaded_by, service_document_id FROM application_documents WHERE application_id = $1 ORDER BY requirement',
        [app],
      )
    ).rows;
    expect(docs.map((d) => [d.requirement, d.file_name, d.content_type])).toEqual([
      ['Висновок лікаря', 'vysnovok.png', 'image/png'],
      ['Довідка про доходи', 'довідка.pdf', 'application/pdf'],
    ]);
    const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
    expect(docs.map((d) => d.sha256)).toEqual([sha(SAMPLE.png), sha(SAMPLE.pdf)]);
    for (const d of docs) {
      expect(d.uploaded_by).toBe(residentId);
      expect(d.service_document_id).toBeNull();
      const stored = path.join(t.services.config.dataDir, 'uploads', 'applications', d.storage_key);
      expect(sha(fs.readFileSync(stored))).toBe(d.sha256);
      expect(fs.statSync(stored).mode & 0o777).toBe(0o600);
    }
    const request = (
      await t.owner<{ fulfilled_by: string | null }>(
        'SELECT fulfilled_by FROM application_document_requests WHERE id = $1',
        [requestId],
      )
    ).rows[0];
    expect(request.fulfilled_by).toBe(residentId);
    const history = (
      await t.owner<{
        event: string;
        actor_id: string;
        to_status: string;
        data: { by?: string; documents?: string[] };
      }>(
        "SELECT event, actor_id, to_status, data FROM application_history WHERE application_id = $1 AND event = 'documentsReceived'",
        [app],
      )
    ).rows;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      actor_id: residentId,
      to_status: 'in_review',
      data: { by: 'resident', documents: ['Довідка про доходи', 'Висновок лікаря'] },
    });
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'application.documentsReceived' AND entity_id = $1 AND actor_id = $2",
        [app, residentId],
      ),
    ).toBe(1);

    const shown = await as.resident.get(r.location!);
    expect(shown.text).toContain('Документи надіслано. Розгляд заяви продовжено.');
    expect(shown.text).not.toContain('Надіслати документи');
    expect(shown.text).toContain('Довідка про доходи: довідка.pdf');
  });

  it('the same form again: the request is closed (409), nothing is added', async () => {
    const r = await respond(as.resident, app, {
      'file-0': { data: SAMPLE.pdf, name: 'a.pdf' },
      'file-1': { data: SAMPLE.pdf, name: 'b.pdf' },
    });
    expect(r.status).toBe(409);
    expect(await attachments()).toBe(2);
  });

  it('staff see the files on the application page and download them; audited', async () => {
    const page = await as.worker.get(`/applications/${app}`);
    expect(page.text).toContain(`href="/applications/${app}/documents"`);
    const list = await as.worker.get(`/applications/${app}/documents`);
    expect(list.status).toBe(200);
    expect(list.text).toContain('Довідка про доходи');
    expect(list.text).toContain('довідка.pdf');
    expect(list.text).toContain('vysnovok.png');
    const docId = /href="\/applications\/[0-9a-f-]{36}\/documents\/([0-9a-f-]{36})"/.exec(list.text)![1];
    const file = await fetch(`${t.baseUrl}/applications/${app}/documents/${docId}`, {
      headers: { cookie: [...as.worker.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    const body = Buffer.from(await file.arrayBuffer());
    expect([SAMPLE.pdf.toString('hex'), SAMPLE.png.toString('hex')]).toContain(body.toString('hex'));
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'application.documents.list' AND entity_id = $1",
        [app],
      ),
    ).toBe(1);
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'application.document.download' AND entity_id = $1",
        [app],
      ),
    ).toBe(1);
    expect((await as.worker.get(`/applications/${app}/documents/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await as.worker.get(`/applications/${crypto.randomUUID()}/documents`)).status).toBe(404);
    expect((await as.resident.get(`/applications/${app}/documents`)).status).toBe(403);
  });

  it('after the decision the resident downloads its PDF from the cabinet, with the verification address as text', async () => {
    expect((await as.resident.get(`/cabinet/applications/${app}/decision.pdf`)).status).toBe(404);
    expect((await transition(as.manager, app, 'grant', { note: 'Потребу підтверджено' })).status).toBe(303);
    const page = await as.resident.get(`/cabinet/applications/${app}`);
    expect(page.text).toContain(`href="/cabinet/applications/${app}/decision.pdf"`);
    const res = await fetch(`${t.baseUrl}/cabinet/applications/${app}/decision.pdf`, {
      headers: { cookie: [...as.resident.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    const text = pdfText(Buffer.from(await res.arrayBuffer())).text;
    const url = /Перевірити документ: (\S+)/.exec(text)?.[1];
    expect(url).toMatch(new RegExp(`^${t.baseUrl.replace(/[.]/g, '\\.')}/verify/[A-Za-z0-9_-]{22}$`));
    const verify = await t.client().get(new URL(url!).pathname);
    expect(verify.status).toBe(200);
    expect(verify.text).toContain('Документ дійсний');
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'cabinet.decision.pdf' AND entity_id = $1 AND actor_id = $2",
        [app, residentId],
      ),
    ).toBe(1);
    expect((await as.other.get(`/cabinet/applications/${app}/decision.pdf`)).status).toBe(404);
  });
});
