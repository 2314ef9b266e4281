import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { applicationFixtures } from '../helpers/applications.js';
import { linkResident, SAMPLE, type FilePart } from '../helpers/cabinet.js';
import type { HttpClient } from '../helpers/http.js';
import { demoHromadaId, grant, newHromada, userId } from '../factories/index.js';

let t: TestApp;
let hromadaId: number;
const as: Record<string, HttpClient> = {};
/** a: the resident's application; b: another resident's application in the same hromada. */
const app: Record<'a' | 'b', string> = { a: '', b: '' };
const EMAIL = 'dodatky@example.com';
const OTHER = 'inshyi.dodatky@example.com';

const { addPerson, addService, intake, idOf } = applicationFixtures(() => ({ t, hromadaId }));
const count = async (sql: string, values: unknown[] = []) =>
  Number((await t.owner<{ n: string }>(sql, values)).rows[0].n);
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const dir = (area: string) => path.join(t.services.config.dataDir, 'uploads', area);
const files = (area: string) => (fs.existsSync(dir(area)) ? fs.readdirSync(dir(area)).sort() : []);
/** What is saved: messages, documents and stored files (all applications). */
const saved = async () => ({
  messages: await count('SELECT count(*) AS n FROM application_messages'),
  documents: await count('SELECT count(*) AS n FROM application_documents'),
  stored: files('applications').length,
});
const PNG = Buffer.concat([SAMPLE.png, crypto.randomBytes(300)]);
const PDF = Buffer.concat([SAMPLE.pdf, Buffer.from(`% ${'довідка '.repeat(200)}\n`)]);

/** Opens the conversation page (as a browser would) and returns its form key. */
async function formKey(c: HttpClient, id: string): Promise<string> {
  const page = await c.get(`/cabinet/applications/${id}/messages`);
  expect(page.status, page.text.slice(0, 300)).toBe(200);
  return /name="formKey" value="([0-9a-f-]{36})"/.exec(page.text)![1];
}

/** The resident's form as the browser sends it: the text and every chosen file under the one `multiple` input. */
function form(key: string, text: string, parts: FilePart[]): FormData {
  const f = new FormData();
  f.append('formKey', key);
  f.append('messageBody', text);
  for (const p of parts)
    f.append('messageFiles', new Blob([new Uint8Array(p.data)], { type: p.type ?? 'application/pdf' }), p.name);
  if (!parts.length) f.append('messageFiles', new Blob([]), '');
  return f;
}

async function send(c: HttpClient, id: string, text: string, parts: FilePart[], key?: string) {
  return c.postMultipart(`/cabinet/applications/${id}/messages`, form(key ?? (await formKey(c, id)), text, parts));
}

/** Downloads with the client's cookies and returns the exact bytes. */
async function download(c: HttpClient, href: string) {
  const res = await fetch(t.baseUrl + href, {
    redirect: 'manual',
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  const settlement = (await t.owner<{ c: string }>('SELECT settlement_code AS c FROM district_settlements LIMIT 1'))
    .rows[0].c;
  const mine = await addPerson('Додатківна', settlement);
  const theirs = await addPerson('Сусідчук', settlement);
  await linkResident(t, EMAIL, mine);
  await linkResident(t, OTHER, theirs);
  const service = await addService('Догляд вдома (файли до повідомлень)');
  for (const u of ['frontdesk', 'worker']) {
    as[u] = t.client();
    await signInAs(t, as[u], { username: u });
  }
  app.a = idOf(await intake(as.frontdesk, mine, service));
  app.b = idOf(await intake(as.frontdesk, theirs, service));
  for (const [k, email] of [
    ['resident', EMAIL],
    ['other', OTHER],
  ]) {
    as[k] = t.client();
    await signInAs(t, as[k], { email });
  }
  // The demo manager also works in another hromada: signed in there, this hromada's applications do not exist.
  const foreign = await newHromada(t);
  await grant(t, await userId(t, 'manager'), 'manager', { hromadaId: foreign.id });
  as.foreign = t.client();
  await signInAs(t, as.foreign, { username: 'manager' }, foreign.code);
});
afterAll(async () => {
  await t?.close();
});

describe('the resident’s message form takes files', () => {
  it('has an optional multiple file input on the resident’s form only; the staff form stays text only', async () => {
    const page = await as.resident.get(`/cabinet/applications/${app.a}`);
    expect(page.status).toBe(200);
    const resident = page.text.slice(page.text.indexOf('id="messages"'));
    expect(resident).toContain(`action="/cabinet/applications/${app.a}/messages" enctype="multipart/form-data"`);
    expect(resident).toMatch(/name="_csrf" value="[^"]+"/);
    expect(resident).toMatch(
      /<input class="govuk-file-upload" id="messageFiles" name="messageFiles" type="file" multiple/,
    );
    expect(resident).toContain('Файли до повідомлення (необов’язково)');
    expect(resident).toContain('PDF, JPEG або PNG, кожен не більший за 10 МБ, не більше ніж 5 файлів');
    const staff = await as.worker.get(`/applications/${app.a}`);
    expect(staff.status).toBe(200);
    const office = staff.text.slice(staff.text.indexOf('id="messages"'));
    expect(office).toContain(`action="/applications/${app.a}/messages" novalidate`);
    expect(office).not.toContain('multipart/form-data');
    expect(office).not.toContain('type="file"');
  });

  it('a text-only message still goes through the multipart form (with an empty file input)', async () => {
    const before = await saved();
    const r = await send(as.resident, app.a, 'Лише текст, без файлів.', []);
    expect(r.status, r.text.slice(0, 500)).toBe(303);
    expect(await saved()).toEqual({ ...before, messages: before.messages + 1 });
  });

  it('a message of 4000 Cyrillic characters with a file is kept whole (the multipart text field is not cut)', async () => {
    const text = 'ї'.repeat(3999) + 'є';
    const r = await send(as.resident, app.a, text, [{ data: PDF, name: 'dovga.pdf' }]);
    expect(r.status, r.text.slice(0, 500)).toBe(303);
    const row = (
      await t.owner<{ body: string; n: string }>(
        `SELECT m.body, (SELECT count(*) FROM application_documents d WHERE d.message_id = m.id) AS n
       FROM application_messages m WHERE m.application_id = $1 ORDER BY m.created_at DESC LIMIT 1`,
        [app.a],
      )
    ).rows[0];
    expect(row).toEqual({ body: text, n: '1' });
    const tooLong = await send(as.resident, app.a, 'ї'.repeat(4001), []);
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('Повідомлення має бути не довшим ніж 4000 символів');
    const huge = await send(as.resident, app.a, 'ї'.repeat(40_000), []);
    expect(huge.status).toBe(400);
    expect(huge.text).toContain('Повідомлення має бути не довшим ніж 4000 символів');
  });
});

describe('a message with files', () => {
  let pdfId = '';
  let pngId = '';

  it('keeps the text and the files as the application’s documents, stored with their sha256, in one audited write', async () => {
    const before = await saved();
    const r = await send(as.resident, app.a, 'Надсилаю довідку та фото.', [
      { data: PDF, name: 'довідка про доходи.pdf' },
      { data: PNG, name: 'photo.png', type: 'image/png' },
    ]);
    expect(r.status, r.text.slice(0, 500)).toBe(303);
    expect(r.location).toBe(`/cabinet/applications/${app.a}/messages?sent=1`);
    expect(await saved()).toEqual({
      messages: before.messages + 1,
      documents: before.documents + 2,
      stored: before.stored + 2,
    });

    const message = (
      await t.owner<{ id: string }>(
        "SELECT id FROM application_messages WHERE application_id = $1 AND body = 'Надсилаю довідку та фото.'",
        [app.a],
      )
    ).rows[0];
    const docs = (
      await t.owner<{
        id: string;
        message_id: string;
        requirement: string;
        file_name: string;
        content_type: string;
        size: number;
        sha256: string;
        storage_key: string;
        service_document_id: string | null;
      }>(
        `SELECT id, message_id, requirement, file_name, content_type, size, sha256, storage_key, service_document_id
       FROM application_documents WHERE application_id = $1 AND message_id = $2 ORDER BY file_name`,
        [app.a, message.id],
      )
    ).rows;
    expect(
      docs.map((d) => [
        d.file_name,
        d.content_type,
        d.size,
        d.sha256,
        d.message_id,
        d.requirement,
        d.service_document_id,
      ]),
    ).toEqual([
      ['photo.png', 'image/png', PNG.length, sha(PNG), message.id, 'Надіслано з повідомленням', null],
      [
        'довідка про доходи.pdf',
        'application/pdf',
        PDF.length,
        sha(PDF),
        message.id,
        'Надіслано з повідомленням',
        null,
      ],
    ]);
    [pngId, pdfId] = docs.map((d) => d.id);
    for (const d of docs)
      expect(fs.readFileSync(path.join(dir('applications'), d.storage_key))).toEqual(
        d.file_name === 'photo.png' ? PNG : PDF,
      );
    // Nothing is left in the temporary place, and nothing is in the web root.
    await expect.poll(() => files('tmp')).toEqual([]);
    expect(
      fs
        .readdirSync(path.resolve('public'), { recursive: true })
        .map(String)
        .some((f) => f.includes('photo.png')),
    ).toBe(false);

    const audit = await t.owner<{ fields: string[] }>(
      "SELECT fields FROM audit_log WHERE entity_id = $1 AND action = 'messages.write' ORDER BY id DESC LIMIT 1",
      [app.a],
    );
    expect(audit.rows[0].fields).toEqual(['message', 'document', 'document']);
    const leaked = await t.owner<{ n: string }>(
      "SELECT count(*) AS n FROM audit_log WHERE row_to_json(audit_log)::text LIKE ANY (ARRAY['%photo.png%', '%довідка про доходи%', '%Надсилаю%'])",
    );
    expect(leaked.rows[0].n).toBe('0');
  });

  it('the resident sees the files under the message and downloads the exact bytes; the download is audited', async () => {
    const page = await as.resident.get(`/cabinet/applications/${app.a}/messages?sent=1`);
    expect(page.text).toContain('Повідомлення надіслано.');
    expect(page.text).toContain('Файли:');
    const pdfHref = `/cabinet/applications/${app.a}/messages/files/${pdfId}`;
    const kb = Math.round(PDF.length / 1024);
    expect(page.text).toContain(
      `<a class="govuk-link" href="${pdfHref}">довідка про доходи.pdf</a> <span class="govuk-body-s">(PDF, ${kb} КБ)</span>`,
    );
    expect(page.text).toContain(
      `href="/cabinet/applications/${app.a}/messages/files/${pngId}">photo.png</a> <span class="govuk-body-s">(Зображення PNG, 1 КБ)</span>`,
    );
    const dl = await download(as.resident, pdfHref);
    expect(dl.status).toBe(200);
    expect(dl.body.equals(PDF)).toBe(true);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    expect(dl.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('довідка про доходи.pdf')}`,
    );
    expect(dl.headers.get('cache-control')).toBe('no-store');
    expect(dl.headers.get('x-content-type-options')).toBe('nosniff');
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'messages.file.download' AND entity_id = $1 AND operation = 'read'",
        [app.a],
      ),
    ).toBe(1);
    // The cabinet's application page lists the file among the application's documents.
    expect((await as.resident.get(`/cabinet/applications/${app.a}`)).text).toContain(
      'Надіслано з повідомленням: photo.png',
    );
  });

  it('the office sees the links in the conversation, downloads the exact bytes and finds the files on the documents page', async () => {
    const page = await as.worker.get(`/applications/${app.a}`);
    expect(page.status).toBe(200);
    const href = `/applications/${app.a}/documents/${pngId}`;
    expect(page.text).toContain(
      `<a class="govuk-link" href="${href}">photo.png</a> <span class="govuk-body-s">(Зображення PNG, 1 КБ)</span>`,
    );
    const dl = await download(as.worker, href);
    expect(dl.status).toBe(200);
    expect(dl.body.equals(PNG)).toBe(true);
    expect(dl.headers.get('content-type')).toBe('image/png');

    const docs = await as.worker.get(`/applications/${app.a}/documents`);
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('photo.png');
    expect(docs.text).toContain('довідка про доходи.pdf');
    expect(docs.text).toContain(
      `Надіслано з повідомленням<br><a class="govuk-link govuk-body-s" href="/applications/${app.a}/messages">Відкрити листування</a>`,
    );
    const audit = await t.owner<{ action: string; fields: string[] }>(
      `SELECT action, fields FROM audit_log WHERE entity_id = $1 AND actor_id = (SELECT id FROM users WHERE username = 'worker')
       AND action IN ('messages.view', 'application.document.download', 'application.documents.list') ORDER BY id`,
      [app.a],
    );
    expect(audit.rows).toEqual(
      expect.arrayContaining([
        { action: 'messages.view', fields: ['messages', 'documents'] },
        { action: 'application.document.download', fields: ['document'] },
        { action: 'application.documents.list', fields: ['documents'] },
      ]),
    );
    // The office's list of new messages and the resident's notifications never name the files.
    expect((await as.worker.get('/applications/messages')).text).not.toContain('photo.png');
    expect(
      await count(
        "SELECT count(*) AS n FROM notifications WHERE text LIKE '%photo.png%' OR text LIKE '%довідка про доходи%'",
      ),
    ).toBe(0);
  });

  it('posting the same form again (also at the same time) adds one message and one set of files', async () => {
    const before = await saved();
    const key = await formKey(as.resident, app.a);
    const five = [1, 2, 3, 4, 5].map((i) => ({
      data: Buffer.concat([SAMPLE.pdf, Buffer.from(`% ${i}\n`)]),
      name: `copy-${i}.pdf`,
    }));
    const [r1, r2] = await Promise.all([1, 2].map(() => send(as.resident, app.a, 'П’ять файлів', five, key)));
    expect([r1.status, r2.status]).toEqual([303, 303]);
    const r3 = await send(as.resident, app.a, 'П’ять файлів', five, key);
    expect(r3.status).toBe(303);
    expect(await saved()).toEqual({
      messages: before.messages + 1,
      documents: before.documents + 5,
      stored: before.stored + 5,
    });
    await expect.poll(() => files('tmp')).toEqual([]);
  });
});

describe('bad files are refused and nothing is saved', () => {
  async function refused(
    parts: FilePart[],
    error: RegExp,
    text = 'Повідомлення з поганим файлом',
    field = 'messageFiles',
  ) {
    const before = await saved();
    const r = await send(as.resident, app.a, text, parts);
    expect(r.status).toBe(400);
    expect(r.text).toContain('govuk-error-summary');
    expect(r.text).toContain(`href="#${field}"`);
    expect(r.text).toContain(`id="${field}-error"`);
    expect(r.text).toMatch(error);
    expect(r.text).toContain('Вибрані файли не збережено, бо повідомлення не надіслано: виберіть їх ще раз.');
    expect(await saved()).toEqual(before);
    await expect.poll(() => files('tmp')).toEqual([]);
    return r;
  }

  it('a program renamed to .pdf (alone or with a good file), keeping the text in the form', async () => {
    const r = await refused(
      [{ data: SAMPLE.exe, name: 'dovidka.pdf' }],
      /Файл «dovidka\.pdf» має бути PDF, JPEG або PNG\. Вміст цього файлу не є жодним із цих форматів, тому його не прийнято/,
    );
    expect(r.text).toContain('>Повідомлення з поганим файлом</textarea>');
    await refused(
      [
        { data: PDF, name: 'good.pdf' },
        { data: SAMPLE.exe, name: 'program.pdf' },
      ],
      /Файл «program\.pdf» має бути PDF, JPEG або PNG/,
    );
  });

  it('a file over 10 MB', async () => {
    const big = Buffer.concat([SAMPLE.pdf, Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    await refused(
      [{ data: big, name: 'skan.pdf' }],
      /Файл «skan\.pdf» більший за 10 МБ\. Зменште його або зіскануйте з нижчою роздільністю/,
    );
  });

  it('more than five files', async () => {
    const six = [1, 2, 3, 4, 5, 6].map((i) => ({ data: PDF, name: `f${i}.pdf` }));
    await refused(six, /До одного повідомлення можна додати не більше ніж 5 файлів/);
  });

  it('files without text: the text stays required', async () => {
    const r = await refused([{ data: PDF, name: 'bez-tekstu.pdf' }], /Введіть текст повідомлення/, '', 'messageBody');
    expect(r.text).not.toContain('id="messageFiles-error"');
  });

  it('a form without its key is a bad request', async () => {
    const before = await saved();
    const f = form('', 'Текст', [{ data: PDF, name: 'a.pdf' }]);
    f.delete('formKey');
    expect((await as.resident.postMultipart(`/cabinet/applications/${app.a}/messages`, f)).status).toBe(400);
    expect(await saved()).toEqual(before);
  });
});

describe('access to the files', () => {
  let fileId = '';
  let otherFile = '';

  beforeAll(async () => {
    fileId = (
      await t.owner<{ id: string }>(
        "SELECT id FROM application_documents WHERE application_id = $1 AND file_name = 'photo.png'",
        [app.a],
      )
    ).rows[0].id;
    expect((await send(as.other, app.b, 'Мій власний файл', [{ data: PDF, name: 'mine.pdf' }])).status).toBe(303);
    otherFile = (await t.owner<{ id: string }>("SELECT id FROM application_documents WHERE file_name = 'mine.pdf'"))
      .rows[0].id;
  });

  it('another resident gets 404 for the file and for posting files to the application; nothing is saved', async () => {
    expect((await download(as.other, `/cabinet/applications/${app.a}/messages/files/${fileId}`)).status).toBe(404);
    // Their own application with someone else's file id: still not found.
    expect((await download(as.other, `/cabinet/applications/${app.b}/messages/files/${fileId}`)).status).toBe(404);
    expect((await download(as.resident, `/cabinet/applications/${app.a}/messages/files/${otherFile}`)).status).toBe(
      404,
    );
    expect((await download(as.resident, `/cabinet/applications/${app.a}/messages/files/not-an-id`)).status).toBe(404);
    const before = await saved();
    const r = await as.other.postMultipart(
      `/cabinet/applications/${app.a}/messages`,
      form(crypto.randomUUID(), 'Чужа заява', [{ data: PDF, name: 'chuzhe.pdf' }]),
    );
    expect(r.status).toBe(404);
    expect(await saved()).toEqual(before);
    await expect.poll(() => files('tmp')).toEqual([]);
    const anonymous = await download(t.client(), `/cabinet/applications/${app.a}/messages/files/${fileId}`);
    expect([anonymous.status, anonymous.headers.get('location')]).toEqual([302, '/resident/login']);
  });

  it('a document not sent with a message is not the conversation’s to give', async () => {
    const key = crypto.randomUUID();
    const id = (
      await t.owner<{ id: string }>(
        `INSERT INTO application_documents (hromada_id, application_id, requirement, file_name, content_type, size, sha256, storage_key)
       VALUES ($1, $2, 'Паспорт', 'passport.pdf', 'application/pdf', 10, $3, $4) RETURNING id`,
        [hromadaId, app.a, 'b'.repeat(64), key],
      )
    ).rows[0].id;
    expect((await download(as.resident, `/cabinet/applications/${app.a}/messages/files/${id}`)).status).toBe(404);
  });

  it('staff of another hromada get 404 for the file and the conversation', async () => {
    expect((await download(as.foreign, `/applications/${app.a}/documents/${fileId}`)).status).toBe(404);
    expect((await as.foreign.get(`/applications/${app.a}/messages`)).status).toBe(404);
    expect((await as.foreign.get(`/applications/${app.a}/documents`)).status).toBe(404);
    expect((await download(as.worker, `/applications/${app.a}/documents/${fileId}`)).status).toBe(200);
  });

  it('the office cannot attach files: its form is text only and a multipart post is refused', async () => {
    const before = await saved();
    await as.worker.get(`/applications/${app.a}/messages`);
    const r = await as.worker.postMultipart(
      `/applications/${app.a}/messages`,
      form(crypto.randomUUID(), 'Відповідь із файлом', [{ data: PDF, name: 'office.pdf' }]),
    );
    expect(r.status).toBe(400);
    expect(r.text).toContain('govuk-heading-l');
    expect(await saved()).toEqual(before);
  });
});
