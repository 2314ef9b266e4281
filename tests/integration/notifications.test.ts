import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { applicationFixtures } from '../helpers/applications.js';
import { addDays, kyivToday } from '../../src/modules/applications/working-days.js';
import { listNotifications, markRead } from '../../src/modules/notifications/notifications.js';
import { demoHromadaId, resident, service } from '../factories/index.js';

let t: TestApp;
let smtp: TestSmtp;
let hromadaId: number;
let serviceId = '';
let residentId = '';
const as: Record<string, HttpClient> = {};
const EMAIL = 'olena.notify@example.com';
const dmy = (iso: string) => iso.split('-').reverse().join('.');

const fx = applicationFixtures(() => ({ t, hromadaId }));

async function addPerson(email: string | null): Promise<string> {
  const settlement = (await t.owner<{ c: string }>('SELECT settlement_code AS c FROM district_settlements LIMIT 1'))
    .rows[0].c;
  const id = await fx.addPerson('Сповіщенко', settlement);
  if (email) await t.owner('UPDATE persons SET email = $2 WHERE id = $1', [id, email]);
  return id;
}

const intake = (personId: string) => fx.registered(as.frontdesk, personId, serviceId);

const transition = fx.moved;

const rows = async (applicationId: string) =>
  (
    await t.owner<{
      kind: string;
      user_id: string | null;
      text: string;
      email_to: string | null;
      emailed_at: Date | null;
    }>(
      'SELECT kind, user_id, text, email_to, emailed_at FROM notifications WHERE application_id = $1 ORDER BY created_at',
      [applicationId],
    )
  ).rows;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ jobs: true, env: { SMTP_URL: smtp.url } });
  hromadaId = await demoHromadaId(t);
  serviceId = (await service(t, { hromadaId, name: 'Соціальне таксі (тест)' })).id;
  residentId = (await resident(t, { email: EMAIL, name: 'Олена' })).userId;
  for (const u of ['frontdesk', 'worker', 'manager']) {
    as[u] = t.client();
    await signInAs(t, as[u], { username: u });
  }
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('notifications and e-mails to the applicant', () => {
  let id = '';
  let number = '';

  it('registration: a notification for the linked resident and an e-mail with the number and deadline', async () => {
    id = await intake(await addPerson(EMAIL));
    const a = (
      await t.owner<{ n: string; d: string }>(
        "SELECT registration_number AS n, to_char(deadline, 'YYYY-MM-DD') AS d FROM applications WHERE id = $1",
        [id],
      )
    ).rows[0];
    number = a.n;
    const mail = await smtp.waitForMail(EMAIL);
    expect(mail.subject).toBe(`Заяву № ${number} зареєстровано`);
    expect(mail.text).toContain(number);
    expect(mail.text).toContain(dmy(a.d));
    expect(mail.text).toContain('Соціальне таксі (тест)');
    expect(mail.text).not.toContain('Сповіщенко');
    const r = await rows(id);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ kind: 'registered', user_id: residentId });
  });

  it('a request for documents: the list and the due date (дд.мм.рррр) by e-mail; the outbox is cleared', async () => {
    await transition(as.worker, id, 'startReview');
    const due = addDays(kyivToday(), 10);
    const [y, m, d] = due.split('-');
    await transition(as.worker, id, 'requestDocuments', {
      documents: 'Довідка про доходи\nКопія паспорта',
      'dueOn-day': d,
      'dueOn-month': m,
      'dueOn-year': y,
    });
    const mail = await smtp.waitForMail(EMAIL);
    expect(mail.subject).toBe(`Заява № ${number}: потрібні документи`);
    expect(mail.text).toContain(`до ${dmy(due)}`);
    expect(mail.text).toContain('Довідка про доходи; Копія паспорта');
    const r = await rows(id);
    expect(r.map((x) => x.kind)).toEqual(['registered', 'documents_requested']);
    expect(r.every((x) => x.email_to === null && x.emailed_at !== null)).toBe(true);
  });

  it('a decision (grant): notification and e-mail with the decision number', async () => {
    await transition(as.worker, id, 'documentsReceived');
    await transition(as.manager, id, 'grant');
    const mail = await smtp.waitForMail(EMAIL);
    expect(mail.subject).toBe(`Заява № ${number}: послугу надано`);
    expect(mail.text).toContain(`${number}/Р`);
    expect((await rows(id)).map((x) => x.kind)).toEqual(['registered', 'documents_requested', 'granted']);
  });

  it('a refusal carries its legal reason', async () => {
    const other = await intake(
      (await t.owner<{ id: string }>('SELECT person_id AS id FROM applications WHERE id = $1', [id])).rows[0].id,
    );
    await smtp.waitForMail(EMAIL);
    await transition(as.worker, other, 'startReview');
    await transition(as.manager, other, 'refuse', { reason: 'Дохід перевищує встановлений рівень' });
    const mail = await smtp.waitForMail(EMAIL);
    expect(mail.subject).toContain(': відмова');
    expect(mail.text).toContain('Підстава: Дохід перевищує встановлений рівень');
  });

  it('a person without e-mail gets a notification row only (no account, no mail)', async () => {
    const before = smtp.messages.length;
    const quiet = await intake(await addPerson(null));
    const r = await rows(quiet);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ kind: 'registered', user_id: null, email_to: null, emailed_at: null });
    await new Promise((res) => setTimeout(res, 1500));
    expect(smtp.messages.length).toBe(before);
  });

  it("listNotifications / markRead work in the resident's own transaction (no hromada)", async () => {
    const list = await t.services.db.tx({ hromadaId: null, userId: residentId }, (c) =>
      listNotifications(c, residentId),
    );
    expect(list.length).toBeGreaterThanOrEqual(5);
    expect(list[0].readAt).toBeNull();
    expect(list.every((n) => n.text.length > 0)).toBe(true);
    // Another user's transaction sees none of them and cannot mark them.
    const stranger = (await t.owner<{ id: string }>("SELECT id FROM users WHERE username = 'worker'")).rows[0].id;
    expect(
      await t.services.db.tx({ hromadaId: null, userId: stranger }, (c) => listNotifications(c, residentId)),
    ).toEqual([]);
    expect(await t.services.db.tx({ hromadaId: null, userId: stranger }, (c) => markRead(c, residentId))).toBe(0);
    const one = await t.services.db.tx({ hromadaId: null, userId: residentId }, (c) =>
      markRead(c, residentId, list[0].id),
    );
    expect(one).toBe(1);
    const rest = await t.services.db.tx({ hromadaId: null, userId: residentId }, (c) => markRead(c, residentId));
    expect(rest).toBe(list.length - 1);
    const after = await t.services.db.tx({ hromadaId: null, userId: residentId }, (c) =>
      listNotifications(c, residentId),
    );
    expect(after.every((n) => n.readAt !== null)).toBe(true);
  });
});
