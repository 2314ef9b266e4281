import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { signInAs } from '../helpers/session.js';
import { linkResident, multipartForm, residentAccount, SAMPLE } from '../helpers/cabinet.js';
import { applicationFixtures } from '../helpers/applications.js';
import { pdfText } from './subject-report.pdf-text.js';
import { hasActionLabel, hasFieldLabel } from '../../src/modules/subject-report/subject-report.pdf.js';
import { COMMANDS } from '../../src/modules/applications/status-machine.js';
import { PROVIDER_COMMANDS } from '../../src/modules/assignments/assignment-machine.js';
import { demoHromadaId } from '../factories/index.js';

/**
 * Issue 9, item 21: the data-subject report lists the person's applications, the files given with
 * them, the providers delivering their services and who opened their applications, all in
 * Ukrainian: no codes such as «assignments», «residentAccount» or «ID document checked in person».
 */
let t: TestApp;
let hromadaId: number;
let svc = '';
let docId = '';
let agency = { id: 0, name: '' };
let personId = '';
let online = '';
const as: Record<string, HttpClient> = {};
const fx = applicationFixtures(() => ({ t, hromadaId }));
const formKeyOf = (html: string) => /name="formKey" value="([^"]+)"/.exec(html)![1];
const one = async <T extends Record<string, unknown>>(sql: string, values: unknown[] = []) =>
  (await t.owner<T>(sql, values)).rows[0];

async function reportText(): Promise<string> {
  const res = await fetch(`${t.baseUrl}/persons/${personId}/subject-report`, {
    headers: { cookie: [...as.manager.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    redirect: 'manual',
  });
  expect(res.status).toBe(200);
  return pdfText(Buffer.from(await res.arrayBuffer())).text.replace(/\s+/g, ' ');
}

/** Every audit action and field name written in the source (literals), for the «no codes in the report» check. */
function sourceNames(): { actions: Set<string>; fields: Set<string> } {
  const actions = new Set<string>();
  const fields = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) {
        const s = fs.readFileSync(p, 'utf8');
        for (const m of s.matchAll(/action: ([^\n]+)/g))
          for (const q of m[1].matchAll(/'([a-zA-Z_]+(?:\.[a-zA-Z_]+)+)'/g)) actions.add(q[1]);
        for (const m of s.matchAll(/audit\((?:[a-zA-Z.]+, )?'([a-zA-Z_]+(?:\.[a-zA-Z_]+)+)'/g)) actions.add(m[1]);
        for (const m of s.matchAll(/fields: \[([^\]]*)\]/g))
          for (const q of m[1].matchAll(/'([a-zA-Z_:]+)'/g)) fields.add(q[1]);
      }
    }
  };
  walk(path.join(process.cwd(), 'src'));
  return { actions, fields };
}

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  svc = await fx.addService('Догляд вдома (тест звіту)');
  docId = (
    await one<{ id: string }>(
      `INSERT INTO service_documents (hromada_id, service_id, position, name, obtained_by_office, kind)
     VALUES ($1, $2, 1, 'Медичний висновок', false, 'required') RETURNING id`,
      [hromadaId, svc],
    )
  ).id;
  agency = await one<{ id: number; name: string }>(
    "SELECT g.id, g.name FROM agencies g JOIN grants gr ON gr.agency_id = g.id JOIN users u ON u.id = gr.user_id WHERE u.username = 'provider'",
  );
  await t.owner('INSERT INTO service_providers (hromada_id, service_id, agency_id) VALUES ($1, $2, $3)', [
    hromadaId,
    svc,
    agency.id,
  ]);
  const settlement = (await one<{ c: string }>('SELECT settlement_code AS c FROM district_settlements LIMIT 1')).c;
  personId = await fx.addPerson('Звітна', settlement);
  await linkResident(t, 'zvit@example.com', personId);
  await residentAccount(t, 'zvit.druhyi@example.com');
  as.resident = t.client();
  await signInAs(t, as.resident, { email: 'zvit@example.com' });
  for (const u of ['manager', 'worker', 'frontdesk', 'provider']) {
    as[u] = t.client();
    await signInAs(t, as[u], { username: u });
  }
  // An online application with a file, granted and handed to the only provider, who opens it.
  const page = await as.resident.get(`/cabinet/apply/${svc}`);
  const r = await as.resident.postMultipart(
    `/cabinet/apply/${svc}`,
    multipartForm(
      { formKey: formKeyOf(page.text), consent: 'yes', action: 'review', personId },
      { [`file-${docId}`]: { data: SAMPLE.pdf, name: 'висновок-лікаря.pdf' } },
    ),
  );
  online = /\/cabinet\/applications\/([0-9a-f-]{36})\/review/.exec(r.location ?? '')![1];
  const review = await as.resident.get(`/cabinet/applications/${online}/review`);
  expect(
    (await as.resident.post(`/cabinet/applications/${online}/submit`, { formKey: formKeyOf(review.text) })).status,
  ).toBe(303);
  await fx.moved(as.worker, online, 'startReview');
  await fx.moved(as.manager, online, 'grant', { note: 'Надати' });
  const assignment = (
    await one<{ id: string }>('SELECT id FROM service_assignments WHERE application_id = $1', [online])
  ).id;
  expect((await as.provider.get(`/assignments/${assignment}`)).status).toBe(200);
  // A walk-in application, and the front office linking a second resident account after checking the ID document.
  await fx.registered(as.frontdesk, personId, svc);
  await as.frontdesk.get(`/cabinet-links/new?personId=${personId}`);
  expect(
    (
      await as.frontdesk.post('/cabinet-links', {
        personId,
        email: 'zvit.druhyi@example.com',
        checked: 'yes',
        nameConfirmed: 'yes',
      })
    ).status,
  ).toBe(200);
  // The card lists the services received (an audit entry with the field «assignments»).
  expect((await as.manager.get(`/persons/${personId}`)).status).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('the data-subject report is complete and in Ukrainian', () => {
  it('lists the applications, the files given with them and the providers delivering the services', async () => {
    const text = await reportText();
    const numbers = (
      await t.owner<{ id: string; n: string }>(
        'SELECT id, registration_number AS n FROM applications WHERE person_id = $1',
        [personId],
      )
    ).rows;
    expect(numbers).toHaveLength(2);
    expect(text).toContain('Заяви');
    for (const a of numbers) expect(text).toContain(a.n);
    expect(text).toContain('Догляд вдома (тест звіту)');
    expect(text).toContain('онлайн');
    expect(text).toContain('у ЦНАП / відділі');
    expect(text).toContain('надано');
    expect(text).toContain('Файли, подані із заявами');
    expect(text).toContain('висновок-лікаря.pdf');
    expect(text).toContain('Медичний висновок');
    expect(text).toContain('Надавачі, що надають послуги особі');
    expect(text).toContain(agency.name);
    expect(text).toContain('передано надавачеві');
  });

  it('shows who opened the person’s applications and the provider’s steps, with Ukrainian labels only', async () => {
    const text = await reportText();
    const number = (
      await one<{ n: string }>('SELECT registration_number AS n FROM applications WHERE id = $1', [online])
    ).n;
    expect(text).toContain(`Перегляд заяви — заява № ${number}`);
    expect(text).toContain(`Подання заяви онлайн — заява № ${number}`);
    expect(text).toContain(`Рішення: надати послугу — заява № ${number}`);
    expect(text).toContain('Передання послуги надавачеві — надання послуги');
    expect(text).toContain('Перегляд надання послуги — надання послуги');
    expect(text).toContain('Запис згоди — згода');
    expect(text).toContain('Пов’язання облікового запису мешканця з особою');
    expect(text).toContain('обліковий запис мешканця');
    expect(text).toContain('документ, що посвідчує особу, перевірено особисто');
    expect(text).toContain('надання послуг');
    for (const code of [
      'assignments',
      'residentAccount',
      'ID document checked in person',
      'consent',
      'front_office',
      'online',
      'in_review',
      'granted',
    ]) {
      expect(text, code).not.toMatch(new RegExp(`(^|[^\\p{L}_])${code}([^\\p{L}_]|$)`, 'u'));
    }
    expect(text).not.toMatch(/\b(person|application|cabinet|assignment|consent|messages)\.[a-zA-Z_.]+/);
    expect(text).not.toMatch(/(application|person):[0-9a-f]{8}-/);
  });

  it('every action and field the code writes about a person, an application, a service delivery or a consent has a Ukrainian name', () => {
    const { actions, fields } = sourceNames();
    const about =
      /^(person|application|cabinet\.(application|decision|link)|assignment|consent|messages|api\.(persons|applications|assignments))\./;
    const all = [...actions].filter((a) => about.test(a));
    for (const c of COMMANDS) all.push(`application.${c}`);
    for (const c of PROVIDER_COMMANDS) all.push(`assignment.${c}`);
    for (const k of ['rnokpp', 'unzr', 'document']) all.push(`person.search.${k}`);
    expect(all.length).toBeGreaterThan(60);
    expect(all.filter((a) => !hasActionLabel(a))).toEqual([]);
    const admin = new Set([
      'password',
      'password_hash',
      'passkey',
      'sessions',
      'username',
      'must_change_password',
      'revoked_at',
      'email',
      'user_id',
    ]);
    expect([...fields].filter((f) => !admin.has(f) && !hasFieldLabel(f))).toEqual([]);
  });
});
