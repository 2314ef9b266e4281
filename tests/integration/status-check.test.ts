import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { applicationFixtures } from '../helpers/applications.js';
import { pdfText } from './subject-report.pdf-text.js';
import { normaliseRegistrationNumber, normaliseStatusCode } from '../../src/modules/decisions/status-code.js';
import crypto from 'node:crypto';
import { buildSecretBox } from '../../src/platform/secret-box.js';
import { rotateSealedValues } from '../../src/platform/key-rotation.js';
import { demoHromadaId } from '../factories/index.js';

/**
 * The receipt promises that the status can be checked by the registration number: the public page
 * /status takes the number and the receipt's check code, shows only service, status, dates and the
 * deadline, answers the same for a wrong number and a wrong code, and is rate-limited.
 */
let t: TestApp;
let hromadaId: number;
const as: Record<string, HttpClient> = {};
let serviceId = '';
let appId = '';
let number = '';
let code = '';

const fx = applicationFixtures(() => ({ t, hromadaId }));

async function receiptText(c: HttpClient, id: string): Promise<string> {
  const res = await fetch(`${t.baseUrl}/applications/${id}/receipt.pdf`, {
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  expect(res.status).toBe(200);
  return pdfText(Buffer.from(await res.arrayBuffer())).text;
}

const codeIn = (text: string) => /([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})/.exec(text)?.[1] ?? null;

async function check(c: HttpClient, fields: Record<string, string>) {
  await c.get('/status');
  return c.post('/status', fields);
}

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  const settlement = (await t.owner<{ c: string }>('SELECT settlement_code AS c FROM district_settlements LIMIT 1'))
    .rows[0].c;
  const person = await fx.addPerson('Статусенко', settlement);
  serviceId = await fx.addService('Денний догляд (перевірка стану)');
  for (const u of ['frontdesk', 'worker']) {
    as[u] = t.client();
    await signInAs(t, as[u], { username: u });
  }
  appId = await fx.registered(as.frontdesk, person, serviceId);
  number = (await t.owner<{ n: string }>('SELECT registration_number AS n FROM applications WHERE id = $1', [appId]))
    .rows[0].n;
  as.public = t.client();
});
afterAll(async () => {
  await t?.close();
});

describe('the receipt carries a check code', () => {
  it('prints the code and the address of the status page; a second print shows the same code', async () => {
    const text = await receiptText(as.frontdesk, appId);
    expect(text).toContain('Код перевірки');
    expect(text).toContain(`${t.baseUrl}/status`);
    expect(text.replace(/\s+/g, ' ')).toContain(
      'стан розгляду заяви можна перевірити за реєстраційним номером і кодом перевірки',
    );
    code = codeIn(text)!;
    expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    expect(codeIn(await receiptText(as.frontdesk, appId))).toBe(code);
    const stored = await t.owner<{ code_hash: string; code_sealed: string }>(
      'SELECT code_hash, code_sealed FROM application_status_codes WHERE application_id = $1',
      [appId],
    );
    expect(stored.rows).toHaveLength(1);
    expect(JSON.stringify(stored.rows[0])).not.toContain(code);
  });

  it('numbers and codes are read as people type them', () => {
    expect(normaliseStatusCode(' 7kq2m xh4rb ')).toBe('7KQ2M-XH4RB');
    expect(normaliseStatusCode('7КQ2М-ХН4RВ')).toBe('7KQ2M-XH4RB');
    expect(normaliseStatusCode('7KQ2M-XH4R')).toBeNull();
    expect(normaliseRegistrationNumber('sp-2026-000123')).toBe('СП-2026-000123');
    expect(normaliseRegistrationNumber('СП 2026 000123')).toBe('СП-2026-000123');
    expect(normaliseRegistrationNumber('2026-000123')).toBeNull();
  });
});

describe('the public status page', () => {
  it('is linked from the home page and shows a form without signing in', async () => {
    expect((await as.public.get('/')).text).toContain('href="/status"');
    const page = await as.public.get('/status');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Перевірити стан заяви');
    expect(page.text).toMatch(/<input[^>]+id="number"/);
    expect(page.text).toMatch(/<input[^>]+id="code"/);
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it('number + code: service, status, dates and deadline — nothing about the person; audited as a public read', async () => {
    const r = await check(as.public, { number, code: code.toLowerCase().replace('-', ' ') });
    expect(r.status, r.text.slice(0, 500)).toBe(200);
    expect(r.text).toContain(`Заява ${number}`);
    expect(r.text).toContain('Денний догляд (перевірка стану)');
    expect(r.text).toContain('Зареєстровано');
    const a = (
      await t.owner<{ deadline: string; reg: string }>(
        `SELECT to_char(deadline, 'DD.MM.YYYY') AS deadline, to_char(registered_on, 'DD.MM.YYYY') AS reg FROM applications WHERE id = $1`,
        [appId],
      )
    ).rows[0];
    expect(r.text).toContain(a.deadline);
    expect(r.text).toContain(a.reg);
    expect(r.text).not.toContain('Статусенко');
    expect(r.text).not.toContain('Марія');
    const audit = await t.owner<{ actor_id: string | null; actor_label: string; hromada_id: number; fields: string[] }>(
      "SELECT actor_id, actor_label, hromada_id, fields FROM audit_log WHERE action = 'application.status.check' AND entity_id = $1",
      [appId],
    );
    expect(audit.rows).toEqual([
      { actor_id: null, actor_label: 'public', hromada_id: hromadaId, fields: ['service', 'status', 'deadline'] },
    ]);
  });

  it('shows each change of status with its date', async () => {
    await fx.moved(as.worker, appId, 'startReview');
    const r = await check(as.public, { number, code });
    expect(r.status).toBe(200);
    const table = r.text.slice(r.text.indexOf('Зміни стану'));
    expect(table.indexOf('Зареєстровано')).toBeGreaterThan(-1);
    expect(table.indexOf('На розгляді')).toBeGreaterThan(table.indexOf('Зареєстровано'));
  });

  it('a wrong code and a wrong number get the same generic answer', async () => {
    const other = code.startsWith('2') ? `3${code.slice(1)}` : `2${code.slice(1)}`;
    const wrongCode = await check(as.public, { number, code: other });
    const next = number.replace(/\d{6}$/, (d) => String(Number(d) + 1).padStart(6, '0'));
    const wrongNumber = await check(as.public, { number: next, code });
    for (const r of [wrongCode, wrongNumber]) {
      expect(r.status).toBe(404);
      expect(r.text).toContain('Заяву не знайдено');
      expect(r.text).not.toContain('Денний догляд (перевірка стану)');
    }
    const block = (s: string) =>
      s.slice(s.indexOf('id="status-result"'), s.indexOf('</div>', s.indexOf('id="status-result"')));
    expect(block(wrongCode.text)).toBe(block(wrongNumber.text));
    const empty = await check(as.public, { number: '', code: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Уведіть реєстраційний номер заяви');
  });

  it('refuses a post without the form’s CSRF token', async () => {
    const r = await as.public.post('/status', { _csrf: null, number, code });
    expect(r.status).toBe(403);
  });

  it('the sealed code is re-sealed by key rotation and still checks', async () => {
    const oldKey = (t.services.box as unknown as { keys: Map<string, Buffer> }).keys.get('k1')!.toString('base64');
    const box = buildSecretBox(`k2:${crypto.randomBytes(32).toString('base64')},k1:${oldKey}`, Buffer.alloc(0));
    const counts = await rotateSealedValues(t.services.db, box);
    expect(counts['application_status_codes.code_sealed']).toBeGreaterThanOrEqual(1);
    const row = await t.owner<{ code_sealed: string }>(
      'SELECT code_sealed FROM application_status_codes WHERE application_id = $1',
      [appId],
    );
    expect(row.rows[0].code_sealed.startsWith('k2:')).toBe(true);
    expect(box.open(row.rows[0].code_sealed)).toBe(code);
    const r = await check(t.client(), { number, code });
    expect(r.status).toBe(200);
  });

  it('is rate-limited per address', async () => {
    const c = t.client();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await check(c, { number, code: 'AAAAA-AAAAA' })).status);
    expect(statuses).toContain(429);
    expect(statuses.at(-1)).toBe(429);
  });
});
