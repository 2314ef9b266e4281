import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { applicationFixtures } from '../helpers/applications.js';
import { otherHromada } from './persons-merge.fixtures.js';
import { pdfText } from './subject-report.pdf-text.js';
import { launchBrowser, expectAccessible } from '../e2e/browser.js';
import { application, DEMO_HROMADA, demoHromadaId, person, service } from '../factories/index.js';

let t: TestApp;
let hromadaId: number;
const as: Record<string, HttpClient> = {};
let serviceId = '';
let granted = '';
let refused = '';
let townPerson = '';

const fx = applicationFixtures(() => ({ t, hromadaId }));
const { addPerson } = fx;

const intake = (c: HttpClient, personId: string) => fx.registered(c, personId, serviceId);

const transition = fx.moved;

/** A PDF as bytes (the HTTP helper reads text). */
async function download(c: HttpClient | null, path: string) {
  const started = performance.now();
  const res = await fetch(`${t.baseUrl}${path}`, {
    headers: c ? { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {},
    redirect: 'manual',
  });
  const body = Buffer.from(await res.arrayBuffer());
  return { res, body, ms: performance.now() - started };
}

const regNumber = async (id: string) =>
  (await t.owner<{ n: string }>('SELECT registration_number AS n FROM applications WHERE id = $1', [id])).rows[0].n;
const tokenOf = (text: string) => /\/verify\/([A-Za-z0-9_-]{22})/.exec(text)![1];

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  const districtIn = (
    await t.owner<{ district_id: number }>(
      "SELECT g.district_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'starosta'",
    )
  ).rows[0].district_id;
  const outside = (
    await t.owner<{ settlement_code: string }>(
      'SELECT settlement_code FROM district_settlements WHERE district_id <> $1 LIMIT 1',
      [districtIn],
    )
  ).rows[0].settlement_code;
  townPerson = await addPerson('Decisionenko', outside);
  serviceId = (await service(t, { hromadaId, name: 'Догляд вдома (рішення)' })).id;
  for (const u of ['frontdesk', 'worker', 'manager', 'starosta']) {
    as[u] = t.client();
    await signInAs(t, as[u], { username: u });
  }
  granted = await intake(as.frontdesk, townPerson);
  await transition(as.worker, granted, 'startReview');
  await transition(as.manager, granted, 'grant', { note: 'Потреба підтверджена' });
  refused = await intake(as.frontdesk, townPerson);
  await transition(as.worker, refused, 'startReview');
  await transition(as.manager, refused, 'refuse', { reason: 'Не належить до категорії отримувачів (п. 5 Порядку)' });
});
afterAll(async () => {
  await t?.close();
});

describe('decision documents', () => {
  it('a decision row is recorded with its number, kind and a hashed token in the transition', async () => {
    const { rows } = await t.owner<{
      number: string;
      kind: string;
      verification_hash: string;
      verification_sealed: string;
    }>(
      'SELECT number, kind, verification_hash, verification_sealed FROM decision_documents WHERE application_id = $1',
      [granted],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].number).toBe(`${await regNumber(granted)}/Р`);
    expect(rows[0].kind).toBe('granted');
    expect(rows[0].verification_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].verification_sealed).toMatch(/^k1:/);
    const r = (
      await t.owner<{ kind: string }>('SELECT kind FROM decision_documents WHERE application_id = $1', [refused])
    ).rows;
    expect(r).toEqual([{ kind: 'refused' }]);
  });

  it('the application page links to the decision PDF', async () => {
    const page = await as.worker.get(`/applications/${granted}`);
    expect(page.text).toContain(`/applications/${granted}/decision.pdf`);
  });

  it('GET decision.pdf: a PDF with the number, service, applicant, reason and a verification link; audited', async () => {
    const g = await download(as.worker, `/applications/${granted}/decision.pdf`);
    expect(g.res.status).toBe(200);
    expect(g.res.headers.get('content-type')).toBe('application/pdf');
    expect(g.body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(g.body).text;
    const number = `${await regNumber(granted)}/Р`;
    expect(text).toContain(number);
    expect(text).toContain('Догляд вдома (рішення)');
    expect(text).toContain('Decisionenko Марія');
    expect(text).toContain('Рішення про надання соціальної послуги');
    expect(text).toContain('Потреба підтверджена');
    expect(text).toContain(`Код КАТОТТГ ${DEMO_HROMADA}`);
    expect(text).toMatch(/\d{2}\.\d{2}\.\d{4}/);
    // The QR target: this server's verification page with the token whose hash is stored.
    const token = tokenOf(text);
    const hash = crypto.createHash('sha256').update(token).digest('hex');
    expect((await t.owner('SELECT 1 FROM decision_documents WHERE verification_hash = $1', [hash])).rowCount).toBe(1);
    expect(g.ms, `decision PDF took ${g.ms.toFixed(0)} ms`).toBeLessThan(2000);
    const audit = await t.owner<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'application.decision.pdf' AND entity_id = $1",
      [granted],
    );
    expect(audit.rows[0].n).toBe(1);

    const r = await download(as.manager, `/applications/${refused}/decision.pdf`);
    const rt = pdfText(r.body).text;
    expect(rt).toContain('Рішення про відмову в наданні соціальної послуги');
    expect(rt).toContain('Не належить до категорії отримувачів (п. 5 Порядку)');
  });

  it(`decision PDF generation time (measured, asserted loosely)`, async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push((await download(as.worker, `/applications/${granted}/decision.pdf`)).ms);
    const median = times.sort((a, b) => a - b)[2];
    console.info(`decision.pdf median ${median.toFixed(0)} ms over 5 downloads`);
    expect(median).toBeLessThan(2000);
  });

  it('no decision yet → 404; outside the district → 403; another hromada → 404; not signed in → no PDF', async () => {
    const open = await intake(as.frontdesk, townPerson);
    expect((await download(as.worker, `/applications/${open}/decision.pdf`)).res.status).toBe(404);
    expect((await download(as.starosta, `/applications/${granted}/decision.pdf`)).res.status).toBe(403);
    expect((await download(as.starosta, `/applications/${granted}/receipt.pdf`)).res.status).toBe(403);
    const anon = await download(null, `/applications/${granted}/decision.pdf`);
    expect(anon.res.status).not.toBe(200);
    expect(anon.body.subarray(0, 4).toString()).not.toBe('%PDF');
    // An application of another hromada is not found from this one.
    const other = await otherHromada(t);
    const p = await person(t, { hromadaId: other, lastName: 'Інший', firstName: 'Іван' });
    const s = await service(t, { hromadaId: other, name: 'Інша', days: 5, channels: ['front_office'] });
    const a = await application(t, {
      personId: p,
      serviceId: s.id,
      status: 'granted',
      registrationNumber: 'СП-2026-999999',
      registeredOn: null,
      deadline: null,
    });
    await t.owner(
      `INSERT INTO decision_documents (hromada_id, application_id, number, kind, verification_hash, verification_sealed)
       VALUES ($1, $2, 'СП-2026-999999/Р', 'granted', $3, $4)`,
      [other, a, 'a'.repeat(64), t.services.box.seal('x'.repeat(22))],
    );
    expect((await download(as.manager, `/applications/${a}/decision.pdf`)).res.status).toBe(404);
    expect((await download(as.manager, `/applications/${a}/receipt.pdf`)).res.status).toBe(404);
  });
});

describe('the intake receipt', () => {
  it('the receipt page links to the PDF; the PDF has the number, service, dates and the Code 128 barcode image', async () => {
    const id = await intake(as.frontdesk, townPerson);
    const page = await as.frontdesk.get(`/applications/${id}/receipt`);
    expect(page.text).toContain(`/applications/${id}/receipt.pdf`);
    const r = await download(as.frontdesk, `/applications/${id}/receipt.pdf`);
    expect(r.res.status).toBe(200);
    expect(r.body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(r.body).text;
    const number = await regNumber(id);
    expect(text).toContain(number);
    expect(text).toContain('Ваша заява зареєстрована');
    expect(text).toContain('Догляд вдома (рішення)');
    expect(text).not.toContain('Decisionenko');
    expect(r.body.toString('latin1')).toMatch(/\/Subtype \/Image/);
    const audit = await t.owner<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'application.receipt.pdf' AND entity_id = $1",
      [id],
    );
    expect(audit.rows[0].n).toBe(1);
  });
});

describe('the public verification page', () => {
  let token = '';
  beforeAll(async () => {
    token = tokenOf(pdfText((await download(as.worker, `/applications/${granted}/decision.pdf`)).body).text);
  });

  it('a valid token shows only validity, number, date and kind — no names', async () => {
    const c = t.client();
    const page = await c.get(`/verify/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Документ дійсний');
    expect(page.text).toContain(`${await regNumber(granted)}/Р`);
    expect(page.text).toContain('Про надання соціальної послуги');
    expect(page.text).toMatch(/\d{2}\.\d{2}\.\d{4}/);
    expect(page.text).not.toContain('Decisionenko');
    expect(page.text).not.toContain('Марія');
    expect(page.text).not.toContain('Догляд вдома');
  });

  it('an unknown or malformed token: «Документ не знайдено / відкликано» (404)', async () => {
    const c = t.client();
    for (const bad of ['A'.repeat(22), 'short', crypto.randomBytes(16).toString('base64url')]) {
      const page = await c.get(`/verify/${bad}`);
      expect(page.status).toBe(404);
      expect(page.text).toContain('Документ не знайдено / відкликано');
    }
  });

  it('a revoked decision is no longer valid', async () => {
    const token2 = tokenOf(pdfText((await download(as.manager, `/applications/${refused}/decision.pdf`)).body).text);
    expect((await t.client().get(`/verify/${token2}`)).status).toBe(200);
    await t.owner('UPDATE decision_documents SET revoked_at = now() WHERE application_id = $1', [refused]);
    const page = await t.client().get(`/verify/${token2}`);
    expect(page.status).toBe(404);
    expect(page.text).toContain('Документ не знайдено / відкликано');
    expect(page.text).not.toContain(await regNumber(refused));
  });

  it('passes axe (valid and not found)', async () => {
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${t.baseUrl}/verify/${token}`);
      await expectAccessible(page, 'verify valid');
      await page.goto(`${t.baseUrl}/verify/${'B'.repeat(22)}`);
      await expectAccessible(page, 'verify unknown');
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('is rate-limited', async () => {
    const c = t.client();
    let limited = false;
    for (let i = 0; i < 40 && !limited; i++) limited = (await c.get(`/verify/${'C'.repeat(22)}`)).status === 429;
    expect(limited).toBe(true);
  });
});
