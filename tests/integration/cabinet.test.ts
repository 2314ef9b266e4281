import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { demoHromadaId, person as personOf, resident as residentOf, service } from '../factories/index.js';
import { identifierHash } from '../../src/modules/persons/persons.identifiers.js';
import { linkByOidcRnokpp } from '../../src/modules/cabinet/use-cases/link-by-oidc.js';

let t: TestApp;
let hromadaId: number;
let svc: string;
let docId: string;
const person: Record<string, string> = {};
let resident: HttpClient;
let other: HttpClient;
let staff: HttpClient;
let otherUserId: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(200, 1)]);

async function addPerson(lastName: string): Promise<string> {
  return personOf(t, { hromadaId, lastName, firstName: 'Олена', birthDate: '1960-02-02', sex: 'female' });
}

const count = async (sql: string, values: unknown[] = []) =>
  Number((await t.owner<{ n: string }>(sql, values)).rows[0].n);
const formKeyOf = (html: string) => /name="formKey" value="([^"]+)"/.exec(html)![1];

function form(
  fields: Record<string, string>,
  files: Record<string, { data: Buffer; name: string; type?: string }> = {},
) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [k, v] of Object.entries(files))
    f.append(k, new Blob([new Uint8Array(v.data)], { type: v.type ?? 'application/pdf' }), v.name);
  return f;
}

/** Opens the form, posts it for review with a PDF, submits; returns the application id. */
async function applyOnline(c: HttpClient): Promise<string> {
  const page = await c.get(`/cabinet/apply/${svc}`);
  expect(page.status, page.text.slice(0, 300)).toBe(200);
  const key = formKeyOf(page.text);
  const r = await c.postMultipart(
    `/cabinet/apply/${svc}`,
    form({ formKey: key, consent: 'yes', action: 'review' }, { [`file-${docId}`]: { data: PDF, name: 'паспорт.pdf' } }),
  );
  expect(r.status, r.text.slice(0, 2000)).toBe(303);
  const id = /\/cabinet\/applications\/([0-9a-f-]{36})\/review/.exec(r.location ?? '')![1];
  const review = await c.get(`/cabinet/applications/${id}/review`);
  expect(review.status).toBe(200);
  const s = await c.post(`/cabinet/applications/${id}/submit`, { formKey: formKeyOf(review.text) });
  expect(s.status, s.text.slice(0, 500)).toBe(303);
  return id;
}

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  person.a = await addPerson('Кабінетна');
  person.b = await addPerson('Інша');
  const s = await service(t, {
    name: 'Догляд онлайн (тест)',
    channels: ['online', 'front_office'],
    minAge: 60,
    documents: [{ name: 'Паспорт' }, { name: 'Довідка про доходи', byOffice: true }],
  });
  svc = s.id;
  docId = s.documentIds[0];
  otherUserId = (await residentOf(t, { email: 'other@example.com', name: 'Інший Мешканець' })).userId;
  resident = t.client();
  await signInAs(t, resident, { email: 'resident@example.com' });
  other = t.client();
  await signInAs(t, other, { email: 'other@example.com' });
  staff = t.client();
  await signInAs(t, staff, { username: 'frontdesk' });
});
afterAll(async () => {
  await t?.close();
});

describe('linking a resident account to the registry', () => {
  it('an unlinked resident is told to visit the front office', async () => {
    const r = await resident.get(`/cabinet/apply/${svc}`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('ще не пов’язано з реєстром');
  });

  it('the front office links by e-mail after checking the ID document; the link is audited', async () => {
    const page = await staff.get(`/cabinet-links/new?personId=${person.a}`);
    expect(page.status).toBe(200);
    const bad = await staff.post('/cabinet-links', { personId: person.a, email: 'resident@example.com' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Підтвердьте, що перевірили документ особисто');
    const unknown = await staff.post('/cabinet-links', {
      personId: person.a,
      email: 'nobody@example.com',
      checked: 'yes',
    });
    expect(unknown.status).toBe(400);
    expect(await count('SELECT count(*) AS n FROM resident_persons')).toBe(0);
    // The account's name («Тарас Мешканець») is not the person's: both are shown and a confirmation is asked.
    const differ = await staff.post('/cabinet-links', {
      personId: person.a,
      email: 'resident@example.com',
      checked: 'yes',
    });
    expect(differ.status).toBe(200);
    expect(differ.text).toContain('Тарас Мешканець');
    expect(differ.text).toContain('Кабінетна Олена');
    expect(differ.text).toContain('Ім’я в обліковому записі відрізняється');
    expect(await count('SELECT count(*) AS n FROM resident_persons')).toBe(0);
    const unconfirmed = await staff.post('/cabinet-links', {
      personId: person.a,
      email: 'resident@example.com',
      checked: 'yes',
      namesShown: '1',
    });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('Підтвердьте, що обліковий запис і особа в реєстрі — та сама людина');
    expect(await count('SELECT count(*) AS n FROM resident_persons')).toBe(0);
    const ok = await staff.post('/cabinet-links', {
      personId: person.a,
      email: 'resident@example.com',
      checked: 'yes',
      namesShown: '1',
      nameConfirmed: 'yes',
    });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Тарас Мешканець');
    expect(ok.text).toContain('Кабінетна Олена');
    const row = (
      await t.owner<{ verified_by: string; hromada_id: number }>(
        'SELECT rp.verified_by, rp.hromada_id FROM resident_persons rp JOIN users u ON u.id = rp.user_id WHERE u.email = $1 AND rp.person_id = $2',
        ['resident@example.com', person.a],
      )
    ).rows[0];
    const frontdesk = (await t.owner<{ id: string }>("SELECT id FROM users WHERE username = 'frontdesk'")).rows[0].id;
    expect(row).toEqual({ verified_by: frontdesk, hromada_id: hromadaId });
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'cabinet.link' AND entity_id = $1 AND actor_id = $2",
        [person.a, frontdesk],
      ),
    ).toBe(1);
  });

  it("the linking page shows the person's name only with an audit entry; an account with the same name links at once, both names shown", async () => {
    const frontdesk = (await t.owner<{ id: string }>("SELECT id FROM users WHERE username = 'frontdesk'")).rows[0].id;
    const before = await count(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'cabinet.link.form' AND entity_id = $1 AND actor_id = $2",
      [person.b, frontdesk],
    );
    const page = await staff.get(`/cabinet-links/new?personId=${person.b}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Інша Олена');
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'cabinet.link.form' AND entity_id = $1 AND actor_id = $2",
        [person.b, frontdesk],
      ),
    ).toBe(before + 1);
    await residentOf(t, { email: 'olena.insha@example.com', name: 'олена ІНША' });
    const ok = await staff.post('/cabinet-links', {
      personId: person.b,
      email: 'olena.insha@example.com',
      checked: 'yes',
    });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Обліковий запис мешканця пов’язано');
    expect(ok.text).toContain('олена ІНША');
    expect(ok.text).toContain('Інша Олена');
    await t.owner(
      "DELETE FROM resident_persons WHERE user_id = (SELECT id FROM users WHERE email = 'olena.insha@example.com')",
    );
  });

  it('a resident cannot open the staff linking page', async () => {
    const r = await resident.get(`/cabinet-links/new?personId=${person.a}`);
    expect(r.status).toBe(403);
  });

  it('OIDC sign-in with a verified РНОКПП matching exactly one person links automatically', async () => {
    const rnokpp = '3012345676';
    const hash = identifierHash(t.services, 'rnokpp', rnokpp);
    await t.owner('UPDATE persons SET rnokpp_hash = $2 WHERE id = $1', [person.b, hash]);
    expect(await linkByOidcRnokpp(t.services, otherUserId)).toBe('none');
    await t.owner(
      `INSERT INTO user_identities (user_id, issuer, subject, claims) VALUES ($1, 'https://id.example', 'sub-1', $2)`,
      [otherUserId, JSON.stringify({ sub: 'sub-1', rnokpp_hash: hash, rnokpp_sealed: t.services.box.seal(rnokpp) })],
    );
    expect(await linkByOidcRnokpp(t.services, otherUserId)).toBe('linked');
    expect(await linkByOidcRnokpp(t.services, otherUserId)).toBe('already');
    const row = (
      await t.owner<{ person_id: string; verified_by: string }>(
        'SELECT person_id, verified_by FROM resident_persons WHERE user_id = $1',
        [otherUserId],
      )
    ).rows;
    expect(row).toEqual([{ person_id: person.b, verified_by: 'oidc' }]);
    expect(
      await count("SELECT count(*) AS n FROM audit_log WHERE action = 'cabinet.link.oidc' AND entity_id = $1", [
        person.b,
      ]),
    ).toBe(1);
  });
});

describe('applying online', () => {
  it('anonymous visitors go to the resident sign-in', async () => {
    const r = await t.client().get('/cabinet/applications');
    expect(r.status).toBe(302);
    expect(r.location).toBe('/resident/login');
  });

  it('the catalogue card links to the online form', async () => {
    const r = await t.client().get(`/services/${svc}`);
    expect(r.text).toContain(`href="/cabinet/apply/${svc}"`);
    expect(r.text).toContain('Подати заяву онлайн');
  });

  it('a PDF upload gives a registered application with the file hashed and stored outside the web root; a double submit makes one', async () => {
    const before = await count('SELECT count(*) AS n FROM applications');
    const id = await applyOnline(resident);
    const review = await resident.get(`/cabinet/applications/${id}/acknowledgement`);
    expect(review.status).toBe(200);
    const number = /id="registration-number">([^<]+)</.exec(review.text)![1];
    expect(number).toMatch(/^СП-\d{4}-\d{6}$/);
    const key = (await t.owner<{ k: string }>('SELECT idempotency_key AS k FROM applications WHERE id = $1', [id]))
      .rows[0].k;
    const again = await resident.post(`/cabinet/applications/${id}/submit`, { formKey: key });
    expect(again.status).toBe(303);
    expect(again.location).toBe(`/cabinet/applications/${id}/acknowledgement`);
    expect(await count('SELECT count(*) AS n FROM applications')).toBe(before + 1);
    const a = (
      await t.owner<{ status: string; channel: string; registration_number: string }>(
        'SELECT status, channel, registration_number FROM applications WHERE id = $1',
        [id],
      )
    ).rows[0];
    expect(a).toEqual({ status: 'registered', channel: 'online', registration_number: number });
    expect(
      await count(
        "SELECT count(*) AS n FROM application_history WHERE application_id = $1 AND event IN ('submit', 'register')",
        [id],
      ),
    ).toBe(2);
    const doc = (
      await t.owner<{ sha256: string; storage_key: string; content_type: string }>(
        'SELECT sha256, storage_key, content_type FROM application_documents WHERE application_id = $1',
        [id],
      )
    ).rows[0];
    expect(doc.sha256).toBe(crypto.createHash('sha256').update(PDF).digest('hex'));
    expect(doc.content_type).toBe('application/pdf');
    const stored = path.join(t.services.config.dataDir, 'uploads', 'applications', doc.storage_key);
    expect(fs.readFileSync(stored).equals(PDF)).toBe(true);
    expect(stored.startsWith(path.resolve('public'))).toBe(false);
    const list = await resident.get('/cabinet/applications');
    expect(list.text).toContain(number);
    expect(list.text).toContain('Зареєстровано');
  });

  it('an .exe renamed to .pdf is refused by its content, and nothing changes', async () => {
    const before = await count('SELECT count(*) AS n FROM applications');
    const page = await resident.get(`/cabinet/apply/${svc}`);
    const r = await resident.postMultipart(
      `/cabinet/apply/${svc}`,
      form(
        { formKey: formKeyOf(page.text), consent: 'yes', action: 'review' },
        { [`file-${docId}`]: { data: EXE, name: 'scan.pdf' } },
      ),
    );
    expect(r.status).toBe(400);
    expect(r.text).toContain('Вміст цього файлу не є жодним із цих форматів');
    expect(await count('SELECT count(*) AS n FROM applications')).toBe(before);
  });

  it('a file over 10 MB is refused', async () => {
    const before = await count('SELECT count(*) AS n FROM application_documents');
    const page = await resident.get(`/cabinet/apply/${svc}`);
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
    const r = await resident.postMultipart(
      `/cabinet/apply/${svc}`,
      form(
        { formKey: formKeyOf(page.text), consent: 'yes', action: 'review' },
        { [`file-${docId}`]: { data: big, name: 'big.pdf' } },
      ),
    );
    expect(r.status).toBe(400);
    expect(r.text).toContain('більший за 10 МБ');
    expect(await count('SELECT count(*) AS n FROM application_documents')).toBe(before);
  });

  it('an empty form and a missing required document get 400 with the error at the field', async () => {
    const before = await count('SELECT count(*) AS n FROM applications');
    const page = await resident.get(`/cabinet/apply/${svc}`);
    const key = formKeyOf(page.text);
    const empty = await resident.postMultipart(`/cabinet/apply/${svc}`, form({ formKey: key, action: 'draft' }));
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Форма порожня');
    const missing = await resident.postMultipart(
      `/cabinet/apply/${svc}`,
      form({ formKey: key, consent: 'yes', action: 'review' }),
    );
    expect(missing.status).toBe(400);
    expect(missing.text).toContain(`href="#file-${docId}"`);
    expect(missing.text).toContain('Додайте документ «Паспорт»');
    expect(await count('SELECT count(*) AS n FROM applications')).toBe(before);
  });

  it('a draft is saved and can be continued', async () => {
    const page = await resident.get(`/cabinet/apply/${svc}`);
    const r = await resident.postMultipart(
      `/cabinet/apply/${svc}`,
      form({ formKey: formKeyOf(page.text), action: 'draft' }, { [`file-${docId}`]: { data: PDF, name: 'draft.pdf' } }),
    );
    expect(r.status).toBe(303);
    const id = /applications\/([0-9a-f-]{36})\?saved=1/.exec(r.location ?? '')![1];
    expect(
      (await t.owner<{ status: string }>('SELECT status FROM applications WHERE id = $1', [id])).rows[0].status,
    ).toBe('draft');
    const cont = await resident.get(`/cabinet/apply/${svc}?draft=${id}`);
    expect(cont.status).toBe(200);
    expect(cont.text).toContain('Уже додано: draft.pdf');
  });
});

describe('own records only', () => {
  it("another resident's application is 404 and not in their list", async () => {
    const id = (
      await t.owner<{ id: string }>(
        "SELECT id FROM applications WHERE status = 'registered' AND channel = 'online' LIMIT 1",
      )
    ).rows[0].id;
    expect((await other.get(`/cabinet/applications/${id}`)).status).toBe(404);
    expect((await other.get(`/cabinet/applications/${id}/withdraw`)).status).toBe(404);
    await other.get('/cabinet/applications');
    expect((await other.post(`/cabinet/applications/${id}/withdraw`, {})).status).toBe(404);
    const list = await other.get('/cabinet/applications');
    expect(list.text).not.toContain(id);
    expect((await resident.get(`/cabinet/applications/${id}`)).status).toBe(200);
  });
});

describe('withdrawal', () => {
  it('works before a decision and is refused (409) after it', async () => {
    const id = await applyOnline(resident);
    const confirm = await resident.get(`/cabinet/applications/${id}/withdraw`);
    expect(confirm.status).toBe(200);
    const r = await resident.post(`/cabinet/applications/${id}/withdraw`, {});
    expect(r.status).toBe(303);
    expect(
      (await t.owner<{ status: string }>('SELECT status FROM applications WHERE id = $1', [id])).rows[0].status,
    ).toBe('withdrawn');
    expect(
      await count("SELECT count(*) AS n FROM application_history WHERE application_id = $1 AND event = 'withdraw'", [
        id,
      ]),
    ).toBe(1);
    expect(
      await count("SELECT count(*) AS n FROM audit_log WHERE action = 'application.withdraw' AND entity_id = $1", [id]),
    ).toBe(1);

    const decided = await applyOnline(resident);
    await t.owner("UPDATE applications SET status = 'granted', decided_at = now() WHERE id = $1", [decided]);
    await resident.get(`/cabinet/applications/${decided}`);
    const late = await resident.post(`/cabinet/applications/${decided}/withdraw`, {});
    expect(late.status).toBe(409);
    expect(late.text).toContain('рішення вже ухвалено');
    expect(
      (await t.owner<{ status: string }>('SELECT status FROM applications WHERE id = $1', [decided])).rows[0].status,
    ).toBe('granted');
  });
});

describe('my documents', () => {
  it('upload, reuse in an application, download by the owner only, delete with confirmation', async () => {
    await resident.get('/cabinet/documents');
    const bad = await resident.postMultipart(
      '/cabinet/documents',
      form({ title: 'Паспорт' }, { file: { data: EXE, name: 'p.pdf' } }),
    );
    expect(bad.status).toBe(400);
    expect(await count('SELECT count(*) AS n FROM resident_documents')).toBe(0);
    const up = await resident.postMultipart(
      '/cabinet/documents',
      form({ title: 'Паспорт' }, { file: { data: PDF, name: 'паспорт.pdf' } }),
    );
    expect(up.status).toBe(303);
    const doc = (await t.owner<{ id: string }>('SELECT id FROM resident_documents')).rows[0].id;

    const dl = await resident.get(`/cabinet/documents/${doc}/download`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    expect((await other.get(`/cabinet/documents/${doc}/download`)).status).toBe(404);
    expect((await other.get(`/cabinet/documents/${doc}/delete`)).status).toBe(404);

    const page = await resident.get(`/cabinet/apply/${svc}`);
    const r = await resident.postMultipart(
      `/cabinet/apply/${svc}`,
      form({ formKey: formKeyOf(page.text), consent: 'yes', action: 'review', [`pick-${docId}`]: doc }),
    );
    expect(r.status, r.text.slice(0, 1500)).toBe(303);
    const appId = /applications\/([0-9a-f-]{36})\/review/.exec(r.location ?? '')![1];
    expect(
      (
        await t.owner<{ file_name: string }>('SELECT file_name FROM application_documents WHERE application_id = $1', [
          appId,
        ])
      ).rows[0].file_name,
    ).toBe('паспорт.pdf');

    expect((await resident.get(`/cabinet/documents/${doc}/delete`)).status).toBe(200);
    const del = await resident.post(`/cabinet/documents/${doc}/delete`, {});
    expect(del.status).toBe(303);
    expect(await count('SELECT count(*) AS n FROM resident_documents')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM application_documents WHERE application_id = $1', [appId])).toBe(1);
  });
});
