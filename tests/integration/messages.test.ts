import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { signInAs } from '../helpers/session.js';
import { applicationFixtures } from '../helpers/applications.js';
import type { HttpClient, Res } from '../helpers/http.js';
import { demoHromadaId, resident } from '../factories/index.js';

let t: TestApp;
let smtp: TestSmtp;
let hromadaId: number;
let residentId = '';
const as: Record<string, HttpClient> = {};
/** a: the resident's application in the starosta's district; w: the resident's, to be withdrawn; b: another resident's, elsewhere. */
const app: Record<'a' | 'w' | 'b', string> = { a: '', w: '', b: '' };
const EMAIL = 'oksana.lystovna@example.com';
const SUBJECT = 'Нове повідомлення в особистому кабінеті';

const { addPerson, addService, intake, idOf, row } = applicationFixtures(() => ({ t, hromadaId }));

const formKeyOf = (html: string) => /name="formKey" value="([0-9a-f-]{36})"/.exec(html)![1];
const messages = async (applicationId: string) =>
  (
    await t.owner<{
      author_kind: string;
      body: string;
      read_by_resident_at: Date | null;
      read_by_staff_at: Date | null;
    }>(
      'SELECT author_kind, body, read_by_resident_at, read_by_staff_at FROM application_messages WHERE application_id = $1 ORDER BY created_at',
      [applicationId],
    )
  ).rows;
const messageCount = async () =>
  Number((await t.owner<{ n: string }>('SELECT count(*) AS n FROM application_messages')).rows[0].n);

/** Opens the conversation page (for its form key), then posts the message. */
async function write(c: HttpClient, base: string, body: string): Promise<Res> {
  const page = await c.get(`${base}/messages`);
  expect(page.status, page.text.slice(0, 300)).toBe(200);
  return c.post(`${base}/messages`, { formKey: formKeyOf(page.text), messageBody: body });
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ jobs: true, env: { SMTP_URL: smtp.url } });
  hromadaId = await demoHromadaId(t);
  const district = (
    await t.owner<{ district_id: number }>(
      "SELECT g.district_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'starosta'",
    )
  ).rows[0].district_id;
  const inside = (
    await t.owner<{ c: string }>(
      'SELECT settlement_code AS c FROM district_settlements WHERE district_id = $1 LIMIT 1',
      [district],
    )
  ).rows[0].c;
  const outside = (
    await t.owner<{ c: string }>(
      'SELECT settlement_code AS c FROM district_settlements WHERE district_id <> $1 LIMIT 1',
      [district],
    )
  ).rows[0].c;
  const mine = await addPerson('Листовна', inside);
  const theirs = await addPerson('Чужинська', outside);
  await t.owner('UPDATE persons SET email = $2 WHERE id = $1', [mine, EMAIL]);
  residentId = (await resident(t, { email: EMAIL, name: 'Оксана Листовна', persons: [mine] })).userId;
  await resident(t, { email: 'inshyi@example.com', name: 'Інший Мешканець', persons: [theirs] });
  const service = await addService('Догляд вдома (листування)');
  for (const u of ['frontdesk', 'worker', 'starosta', 'provider']) {
    as[u] = t.client();
    await signInAs(t, as[u], { username: u });
  }
  app.a = idOf(await intake(as.frontdesk, mine, service));
  app.w = idOf(await intake(as.frontdesk, mine, service));
  app.b = idOf(await intake(as.frontdesk, theirs, service));
  as.resident = t.client();
  await signInAs(t, as.resident, { email: EMAIL });
  as.other = t.client();
  await signInAs(t, as.other, { email: 'inshyi@example.com' });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('a resident writes to the office', () => {
  it('shows the empty conversation with a form on the application page of the cabinet', async () => {
    const page = await as.resident.get(`/cabinet/applications/${app.a}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="messages"');
    expect(page.text).toContain('Повідомлень ще немає.');
    expect(page.text).toContain(`action="/cabinet/applications/${app.a}/messages"`);
    expect(page.text).toMatch(/name="formKey" value="[0-9a-f-]{36}"/);
  });

  it('saves the message once even when the same form is posted twice, and audits it without the text', async () => {
    const page = await as.resident.get(`/cabinet/applications/${app.a}/messages`);
    const key = formKeyOf(page.text);
    const body = 'Коли прийде соціальний працівник?\nДякую.';
    const [r1, r2] = await Promise.all(
      [1, 2].map(() =>
        as.resident.post(`/cabinet/applications/${app.a}/messages`, { formKey: key, messageBody: body }),
      ),
    );
    expect([r1.status, r2.status]).toEqual([303, 303]);
    expect(r1.location).toBe(`/cabinet/applications/${app.a}/messages?sent=1`);
    const again = await as.resident.post(`/cabinet/applications/${app.a}/messages`, {
      formKey: key,
      messageBody: body,
    });
    expect(again.status).toBe(303);
    const rows = await messages(app.a);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ author_kind: 'resident', body, read_by_staff_at: null });
    expect(rows[0].read_by_resident_at).not.toBeNull();

    const shown = await as.resident.get(r1.location!);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Повідомлення надіслано.');
    expect(shown.text).toContain('<strong>Ви</strong>');
    expect(shown.text).toContain('Коли прийде соціальний працівник?<br>Дякую.');

    const audit = await t.owner<{ action: string; operation: string; fields: string[] }>(
      "SELECT action, operation, fields FROM audit_log WHERE entity_id = $1 AND action LIKE 'messages.%' ORDER BY id",
      [app.a],
    );
    expect(audit.rows.filter((a) => a.action === 'messages.write')).toEqual([
      { action: 'messages.write', operation: 'write', fields: ['message'] },
    ]);
    expect(audit.rows.some((a) => a.action === 'messages.view' && a.operation === 'read')).toBe(true);
    const leaked = await t.owner<{ n: string }>(
      "SELECT count(*) AS n FROM audit_log WHERE row_to_json(audit_log)::text LIKE '%соціальний працівник%'",
    );
    expect(leaked.rows[0].n).toBe('0');
  });

  it('refuses an empty or too long message with the error in the summary and at the field, saving nothing', async () => {
    const before = await messageCount();
    for (const [text, error] of [
      ['   \n  ', 'Введіть текст повідомлення'],
      ['я'.repeat(4001), 'Повідомлення має бути не довшим ніж 4000 символів'],
    ]) {
      const r = await write(as.resident, `/cabinet/applications/${app.a}`, text);
      expect(r.status).toBe(400);
      expect(r.text).toContain('govuk-error-summary');
      expect(r.text).toContain('href="#messageBody"');
      expect(r.text).toMatch(
        new RegExp(`govuk-error-message">\\s*<span class="govuk-visually-hidden">[^<]*</span>\\s*${error}`),
      );
    }
    expect(await messageCount()).toBe(before);
    const bad = await as.resident.post(`/cabinet/applications/${app.a}/messages`, {
      formKey: 'not-a-key',
      messageBody: 'Привіт',
    });
    expect(bad.status).toBe(400);
    expect(await messageCount()).toBe(before);
  });

  it('accepts a message of exactly 4000 characters', async () => {
    const r = await write(as.resident, `/cabinet/applications/${app.a}`, 'ї'.repeat(4000));
    expect(r.status).toBe(303);
    expect(await messages(app.a)).toHaveLength(2);
  });

  it('gives another resident 404 for the conversation and the form, and saves nothing', async () => {
    const before = await messageCount();
    expect((await as.other.get(`/cabinet/applications/${app.a}/messages`)).status).toBe(404);
    expect((await as.other.get(`/cabinet/applications/${app.a}`)).status).toBe(404);
    const r = await as.other.post(`/cabinet/applications/${app.a}/messages`, {
      formKey: crypto.randomUUID(),
      messageBody: 'Чужа заява',
    });
    expect(r.status).toBe(404);
    expect((await as.other.get('/cabinet/applications/00000000-0000-0000-0000-000000000000/messages')).status).toBe(
      404,
    );
    expect(await messageCount()).toBe(before);
    // The other resident's own conversation is theirs to write.
    expect((await write(as.other, `/cabinet/applications/${app.b}`, 'Питання щодо моєї заяви')).status).toBe(303);
  });
});

describe('the office sees new messages and replies', () => {
  it("lists applications with unread messages within each staff member's reach", async () => {
    const number = (await row(app.a)).registration_number;
    const numberB = (await row(app.b)).registration_number;
    const worker = await as.worker.get('/applications/messages');
    expect(worker.status).toBe(200);
    expect(worker.text).toContain('Нові повідомлення');
    expect(worker.text).toContain(number);
    expect(worker.text).toContain(numberB);
    expect(worker.text).toContain('2 нові повідомлення');
    expect(worker.text).toContain('1 нове повідомлення');
    expect(worker.text).toContain('2 заяви з непрочитаними повідомленнями');
    const starosta = await as.starosta.get('/applications/messages');
    expect(starosta.status).toBe(200);
    expect(starosta.text).toContain(number);
    expect(starosta.text).not.toContain(numberB);
    expect((await as.provider.get('/applications/messages')).status).toBe(403);
    expect((await as.resident.get('/applications/messages')).status).toBe(403);
    const home = await as.worker.get('/staff');
    expect(home.text).toContain('href="/applications/messages"');
  });

  it('shows the conversation on the staff application page and marks it read by the office', async () => {
    const page = await as.worker.get(`/applications/${app.a}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Коли прийде соціальний працівник?');
    expect(page.text).toContain('Оксана Листовна</strong> (заявник, особистий кабінет)');
    expect(page.text).toContain('govuk-tag--blue">Нове');
    expect(page.text).toContain(`action="/applications/${app.a}/messages"`);
    expect((await messages(app.a)).every((m) => m.read_by_staff_at !== null)).toBe(true);
    const list = await as.worker.get('/applications/messages');
    expect(list.text).not.toContain((await row(app.a)).registration_number);
    expect(list.text).toContain('1 заява з непрочитаними повідомленнями');
  });

  it("keeps staff outside the application's reach out: starosta of another district, provider", async () => {
    const before = await messageCount();
    expect((await as.starosta.get(`/applications/${app.b}/messages`)).status).toBe(403);
    expect((await as.starosta.get(`/applications/${app.b}`)).status).toBe(403);
    const s = await as.starosta.post(`/applications/${app.b}/messages`, {
      formKey: crypto.randomUUID(),
      messageBody: 'Не мій округ',
    });
    expect(s.status).toBe(403);
    expect((await as.provider.get(`/applications/${app.a}/messages`)).status).toBe(403);
    const p = await as.provider.post(`/applications/${app.a}/messages`, {
      formKey: crypto.randomUUID(),
      messageBody: 'Надавач',
    });
    expect(p.status).toBe(403);
    const r = await as.resident.post(`/applications/${app.a}/messages`, {
      formKey: crypto.randomUUID(),
      messageBody: 'Мешканець',
    });
    expect(r.status).toBe(403);
    expect((await as.worker.get('/applications/00000000-0000-0000-0000-000000000000/messages')).status).toBe(404);
    expect(await messageCount()).toBe(before);
    // Within the district the starosta may read and reply.
    expect((await as.starosta.get(`/applications/${app.a}/messages`)).status).toBe(200);
  });

  it('a reply gives the resident a notification and an e-mail without the text, and the resident reads it', async () => {
    const empty = await write(as.worker, `/applications/${app.a}`, '');
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Введіть текст повідомлення');
    expect(await t.owner("SELECT 1 FROM application_messages WHERE author_kind = 'staff'")).toHaveProperty(
      'rowCount',
      0,
    );
    const reply = 'Соціальний працівник прийде в четвер о 10:00.';
    const r = await write(as.worker, `/applications/${app.a}`, reply);
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/applications/${app.a}/messages?sent=1`);
    expect((await as.worker.get(r.location!)).text).toContain('Ірина Соцпрацівниця</strong> (працівник управління)');

    const notes = await t.owner<{ user_id: string; text: string }>(
      "SELECT user_id, text FROM notifications WHERE application_id = $1 AND kind = 'message'",
      [app.a],
    );
    expect(notes.rows).toHaveLength(1);
    expect(notes.rows[0].user_id).toBe(residentId);
    await expect
      .poll(() => smtp.mailsTo(EMAIL).filter((m) => m.subject === SUBJECT).length, { timeout: 10_000 })
      .toBe(1);
    const mail = smtp.mailsTo(EMAIL).find((m) => m.subject === SUBJECT)!;
    expect(mail.text).toContain(`${t.baseUrl}/cabinet/messages`);
    for (const secret of [
      'четвер',
      'Соціальний працівник прийде',
      'Листовна',
      'Марія',
      (await row(app.a)).registration_number,
      'Догляд вдома',
    ]) {
      expect(mail.text).not.toContain(secret);
      expect(mail.subject).not.toContain(secret);
    }

    const list = await as.resident.get('/cabinet/messages');
    expect(list.status).toBe(200);
    expect(list.text).toContain((await row(app.a)).registration_number);
    expect(list.text).toContain('1 нове повідомлення');
    expect(list.text).not.toContain((await row(app.b)).registration_number);
    const cabinet = await as.resident.get('/cabinet');
    expect(cabinet.text).toContain('href="/cabinet/messages"');
    const notifications = await as.resident.get('/cabinet/notifications');
    expect(notifications.text).toContain('надіслало вам нове повідомлення');

    const page = await as.resident.get(`/cabinet/applications/${app.a}`);
    expect(page.text).toContain(reply);
    expect(page.text).toContain('Працівник управління');
    expect(page.text).not.toContain('Соцпрацівниця');
    expect(page.text).not.toContain('Ірина');
    expect(page.text.indexOf('Коли прийде соціальний працівник?')).toBeLessThan(page.text.indexOf(reply));
    expect((await messages(app.a)).every((m) => m.read_by_resident_at !== null)).toBe(true);
    expect((await as.resident.get('/cabinet/messages')).text).toContain('Усі прочитано');
  });

  it("a resident's further message is unread for the office again", async () => {
    expect((await write(as.resident, `/cabinet/applications/${app.a}`, 'Дякую, чекатиму.')).status).toBe(303);
    expect((await as.starosta.get('/applications/messages')).text).toContain('1 нове повідомлення');
  });
});

describe('after withdrawal', () => {
  it('the conversation is read-only for both sides with a clear note', async () => {
    expect((await write(as.resident, `/cabinet/applications/${app.w}`, 'Хочу уточнити документи')).status).toBe(303);
    const { version } = await row(app.w);
    const w = await as.resident.post(`/cabinet/applications/${app.w}/withdraw`, { version: String(version) });
    expect(w.status).toBe(303);
    const before = await messageCount();

    const page = await as.resident.get(`/cabinet/applications/${app.w}`);
    expect(page.text).toContain('Хочу уточнити документи');
    expect(page.text).toContain('Заяву відкликано, тому листування закрите');
    expect(page.text).not.toContain(`action="/cabinet/applications/${app.w}/messages"`);
    const r = await as.resident.post(`/cabinet/applications/${app.w}/messages`, {
      formKey: crypto.randomUUID(),
      messageBody: 'Ще одне',
    });
    expect(r.status).toBe(409);
    const empty = await as.resident.post(`/cabinet/applications/${app.w}/messages`, {
      formKey: crypto.randomUUID(),
      messageBody: '',
    });
    expect(empty.status).toBe(409);

    const staff = await as.worker.get(`/applications/${app.w}`);
    expect(staff.text).toContain('Заяву відкликано, тому листування закрите');
    expect(staff.text).not.toContain(`action="/applications/${app.w}/messages"`);
    const s = await as.worker.post(`/applications/${app.w}/messages`, {
      formKey: crypto.randomUUID(),
      messageBody: 'Відповідь',
    });
    expect(s.status).toBe(409);
    expect(await messageCount()).toBe(before);
  });
});
