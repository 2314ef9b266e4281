import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { applicationFixtures } from '../helpers/applications.js';
import { linkResident, multipartForm, SAMPLE } from '../helpers/cabinet.js';
import type { HttpClient } from '../helpers/http.js';
import { downloadName } from '../../src/modules/cabinet/cabinet.files.js';
import { demoHromadaId } from '../factories/index.js';

/**
 * Every stored file is served under a name whose extension is the one of the type detected from
 * its content: a PDF uploaded as `довідка.hta` or `poly.html` must never come back as an HTML
 * application. The uploader's name is kept only as text on the page.
 */
let t: TestApp;
let hromadaId: number;
const as: Record<string, HttpClient> = {};
const EMAIL = 'imena.failiv@example.com';
let serviceId: string;
let docId: string;
let personId: string;

const { addPerson, addService, intake, idOf } = applicationFixtures(() => ({ t, hromadaId }));
const PDF = Buffer.concat([SAMPLE.pdf, crypto.randomBytes(64)]);
const PNG = Buffer.concat([SAMPLE.png, crypto.randomBytes(64)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), crypto.randomBytes(64)]);

async function download(c: HttpClient, href: string) {
  const res = await fetch(t.baseUrl + href, {
    redirect: 'manual',
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/** The names a Content-Disposition header offers (the plain one and the RFC 5987 one, decoded). */
function offeredNames(header: string | null): string[] {
  const h = header ?? '';
  const plain = /filename="([^"]*)"/.exec(h)?.[1];
  const utf = /filename\*=UTF-8''([^;]*)/.exec(h)?.[1];
  return [plain, utf ? decodeURIComponent(utf) : undefined].filter((x): x is string => x !== undefined);
}

function expectServedAs(header: string | null, name: string) {
  expect(header).toMatch(/^attachment;/);
  const names = offeredNames(header);
  expect(names).toHaveLength(2);
  expect(names[1]).toBe(name);
  const ext = name.slice(name.lastIndexOf('.'));
  for (const n of names) expect(n.endsWith(ext), n).toBe(true);
  for (const n of names) expect(n).not.toMatch(/\.(hta|html?|exe)$/i);
}

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  const settlement = (await t.owner<{ c: string }>('SELECT settlement_code AS c FROM district_settlements LIMIT 1'))
    .rows[0].c;
  personId = await addPerson('Файлова', settlement);
  await linkResident(t, EMAIL, personId);
  serviceId = await addService('Послуга з документами (імена файлів)');
  docId = (
    await t.owner<{ id: string }>(
      `INSERT INTO service_documents (hromada_id, service_id, position, name) VALUES ($1, $2, 1, 'Довідка') RETURNING id`,
      [hromadaId, serviceId],
    )
  ).rows[0].id;
  for (const u of ['frontdesk', 'worker']) {
    as[u] = t.client();
    await signInAs(t, as[u], { username: u });
  }
  as.resident = t.client();
  await signInAs(t, as.resident, { email: EMAIL });
});
afterAll(async () => {
  await t?.close();
});

describe('the name a stored file is served under', () => {
  it('takes the extension from the detected type, keeps the base name, and never lets a path or quote through', () => {
    expect(downloadName('довідка.hta', 'application/pdf')).toBe('довідка.pdf');
    expect(downloadName('poly.html', 'application/pdf')).toBe('poly.pdf');
    expect(downloadName('photo.PNG.exe', 'image/png')).toBe('photo.PNG.png');
    expect(downloadName('скан', 'image/jpeg')).toBe('скан.jpg');
    expect(downloadName('.htaccess', 'application/pdf')).toBe('document.pdf');
    expect(downloadName('a"b:c*?.hta', 'application/pdf')).toBe('a_b_c__.pdf');
    expect(downloadName('C:\\temp\\x.html', 'image/png')).toBe('x.png');
  });
});

describe('every download of an uploaded file', () => {
  it('«Мої документи»: a PDF named poly.html is served as poly.pdf; the page shows the original name as text', async () => {
    await as.resident.get('/cabinet/documents');
    const up = await as.resident.postMultipart(
      '/cabinet/documents',
      multipartForm({ title: 'Поліглот' }, { file: { data: PDF, name: 'poly.html', type: 'text/html' } }),
    );
    expect(up.status, up.text.slice(0, 500)).toBe(303);
    const page = await as.resident.get('/cabinet/documents');
    expect(page.text).toContain('poly.html');
    const href = /href="(\/cabinet\/documents\/[0-9a-f-]{36}\/download)"/.exec(page.text)![1];
    const dl = await download(as.resident, href);
    expect(dl.status).toBe(200);
    expect(dl.body.equals(PDF)).toBe(true);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    expectServedAs(dl.headers.get('content-disposition'), 'poly.pdf');
  });

  it('the online application form: a PDF named довідка.hta reaches the office as довідка.pdf', async () => {
    const form = await as.resident.get(`/cabinet/apply/${serviceId}`);
    expect(form.status, form.text.slice(0, 300)).toBe(200);
    const formKey = /name="formKey" value="([^"]+)"/.exec(form.text)![1];
    const r = await as.resident.postMultipart(
      `/cabinet/apply/${serviceId}`,
      multipartForm(
        { formKey, action: 'review', consent: 'yes' },
        { [`file-${docId}`]: { data: PDF, name: 'довідка.hta', type: 'application/hta' } },
      ),
    );
    expect(r.status, r.text.slice(0, 1000)).toBe(303);
    const appId = /\/cabinet\/applications\/([0-9a-f-]{36})\/review/.exec(r.location ?? '')![1];
    const review = await as.resident.get(`/cabinet/applications/${appId}/review`);
    expect(review.text).toContain('довідка.hta');
    const submitted = await as.resident.post(`/cabinet/applications/${appId}/submit`, {
      formKey: /name="formKey" value="([^"]+)"/.exec(review.text)![1],
    });
    expect(submitted.status, submitted.text.slice(0, 500)).toBe(303);
    const doc = (
      await t.owner<{ id: string; file_name: string }>(
        'SELECT id, file_name FROM application_documents WHERE application_id = $1',
        [appId],
      )
    ).rows[0];
    expect(doc.file_name).toBe('довідка.hta');
    const list = await as.worker.get(`/applications/${appId}/documents`);
    expect(list.status, list.text.slice(0, 300)).toBe(200);
    expect(list.text).toContain('довідка.hta');
    const dl = await download(as.worker, `/applications/${appId}/documents/${doc.id}`);
    expect(dl.status).toBe(200);
    expect(dl.body.equals(PDF)).toBe(true);
    expectServedAs(dl.headers.get('content-disposition'), 'довідка.pdf');
  });

  it('a message attachment: a PNG named довідка.hta is served as довідка.png, a JPEG named scan.html as scan.jpg', async () => {
    const appId = idOf(await intake(as.frontdesk, personId, serviceId));
    const page = await as.resident.get(`/cabinet/applications/${appId}/messages`);
    expect(page.status).toBe(200);
    const formKey = /name="formKey" value="([0-9a-f-]{36})"/.exec(page.text)![1];
    const f = new FormData();
    f.append('formKey', formKey);
    f.append('messageBody', 'Надсилаю довідки.');
    f.append('messageFiles', new Blob([new Uint8Array(PNG)], { type: 'application/hta' }), 'довідка.hta');
    f.append('messageFiles', new Blob([new Uint8Array(JPEG)], { type: 'text/html' }), 'scan.html');
    const sent = await as.resident.postMultipart(`/cabinet/applications/${appId}/messages`, f);
    expect(sent.status, sent.text.slice(0, 500)).toBe(303);
    const files = (
      await t.owner<{ id: string; file_name: string }>(
        'SELECT id, file_name FROM application_documents WHERE application_id = $1 ORDER BY file_name',
        [appId],
      )
    ).rows;
    expect(files.map((x) => x.file_name)).toEqual(['scan.html', 'довідка.hta']);
    const thread = await as.resident.get(`/cabinet/applications/${appId}/messages`);
    expect(thread.text).toContain('>довідка.hta</a>');
    const png = await download(as.resident, `/cabinet/applications/${appId}/messages/files/${files[1].id}`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expectServedAs(png.headers.get('content-disposition'), 'довідка.png');
    const jpg = await download(as.worker, `/applications/${appId}/documents/${files[0].id}`);
    expect(jpg.status).toBe(200);
    expect(jpg.headers.get('content-type')).toBe('image/jpeg');
    expectServedAs(jpg.headers.get('content-disposition'), 'scan.jpg');
  });
});
