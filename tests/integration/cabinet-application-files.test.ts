import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { applicationFixtures } from '../helpers/applications.js';
import { linkResident, SAMPLE } from '../helpers/cabinet.js';
import type { HttpClient } from '../helpers/http.js';
import { demoHromadaId } from '../factories/index.js';

let t: TestApp;
let hromadaId: number;
let mine = '';
let theirs = '';
let myFile = '';
let theirFile = '';
const { addPerson, addService, registered } = applicationFixtures(() => ({ t, hromadaId }));

/** A file kept with an application, as the online form stores it (row + file under DATA_DIR/uploads/applications). */
async function attach(applicationId: string, name: string, requirement: string): Promise<string> {
  const key = crypto.randomUUID();
  const dir = path.join(t.services.config.dataDir, 'uploads', 'applications');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, key), SAMPLE.pdf);
  return (
    await t.owner<{ id: string }>(
      `INSERT INTO application_documents (hromada_id, application_id, requirement, file_name, content_type, size, sha256, storage_key)
     VALUES ($1, $2, $3, $4, 'application/pdf', $5, $6, $7) RETURNING id`,
      [
        hromadaId,
        applicationId,
        requirement,
        name,
        SAMPLE.pdf.length,
        crypto.createHash('sha256').update(SAMPLE.pdf).digest('hex'),
        key,
      ],
    )
  ).rows[0].id;
}

let resident: HttpClient;
let other: HttpClient;

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  const settlement = (await t.owner<{ c: string }>('SELECT settlement_code AS c FROM district_settlements LIMIT 1'))
    .rows[0].c;
  const me = await addPerson('Файленко', settlement);
  const them = await addPerson('Чужаненко', settlement);
  const service = await addService('Допомога (файли)');
  const frontdesk = t.client();
  await signInAs(t, frontdesk, { username: 'frontdesk' });
  mine = await registered(frontdesk, me, service);
  theirs = await registered(frontdesk, them, service);
  myFile = await attach(mine, 'довідка-про-доходи.pdf', 'Довідка про доходи');
  theirFile = await attach(theirs, 'чужа-довідка.pdf', 'Довідка про доходи');
  await linkResident(t, 'files.me@example.com', me);
  await linkResident(t, 'files.other@example.com', them);
  resident = t.client();
  await signInAs(t, resident, { email: 'files.me@example.com' });
  other = t.client();
  await signInAs(t, other, { email: 'files.other@example.com' });
});
afterAll(async () => {
  await t?.close();
});

describe('«Мої документи» lists the files sent with the resident’s applications', () => {
  it('shows the resident’s own files with their application, never another resident’s; the listing is audited', async () => {
    const page = await resident.get('/cabinet/documents');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Документи, надіслані із заявами');
    expect(page.text).toContain('довідка-про-доходи.pdf');
    expect(page.text).toContain(`href="/cabinet/applications/${mine}/files/${myFile}"`);
    expect(page.text).toContain('Допомога (файли)');
    expect(page.text).not.toContain('чужа-довідка.pdf');
    const audit = await t.owner(
      "SELECT reason FROM audit_log WHERE action = 'cabinet.applicationFiles.list' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.rows[0]).toEqual({ reason: 'results:1' });
  });

  it('opens the resident’s own file (audited), and answers 404 for another’s, by any combination of ids', async () => {
    const res = await resident.get(`/cabinet/applications/${mine}/files/${myFile}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.text.startsWith('%PDF')).toBe(true);
    expect(
      (
        await t.owner("SELECT 1 FROM audit_log WHERE action = 'cabinet.applicationFile.download' AND entity_id = $1", [
          mine,
        ])
      ).rowCount,
    ).toBe(1);
    for (const url of [
      `/cabinet/applications/${theirs}/files/${theirFile}`,
      `/cabinet/applications/${mine}/files/${theirFile}`,
      `/cabinet/applications/${theirs}/files/${myFile}`,
      `/cabinet/applications/not-an-id/files/${myFile}`,
    ]) {
      expect((await resident.get(url)).status, url).toBe(404);
    }
    expect((await other.get(`/cabinet/applications/${mine}/files/${myFile}`)).status).toBe(404);
    expect((await t.client().get(`/cabinet/applications/${mine}/files/${myFile}`)).status).not.toBe(200);
  });
});
