import { describe, expect, it } from 'vitest';
import { useAppWithMail } from '../helpers/mail-app.js';
import { closeCase, kase, person, staffUser } from '../factories/index.js';
import { addDays, displayDate, kyivToday } from '../../src/platform/dates.js';
import { sendCaseReminders } from '../../src/modules/cases/reminders.job.js';

/** Issue 11 item 3: reviews (and team tasks) with reminders — one e-mail a day per member of staff, each item once. */
const f = useAppWithMail();
const today = kyivToday();

async function workerWithEmail(email: string | null) {
  const u = await staffUser(f.t, { displayName: 'Ірина Нагадуванська' });
  await f.t.owner('UPDATE users SET email = $2 WHERE id = $1', [u.userId, email]);
  return u;
}
/** A case managed by `userId` with its plan's next review on `reviewOn`. */
async function caseWithReview(userId: string, reviewOn: string) {
  const k = await kase(f.t, { personId: await person(f.t, { lastName: 'Конфіденційна' }), byUserId: userId });
  await f.t.owner(
    `INSERT INTO case_plans (hromada_id, case_id, status, review_on, updated_by)
     SELECT hromada_id, id, 'approved', $2, $3 FROM cases WHERE id = $1`,
    [k.id, reviewOn, userId],
  );
  return k;
}
async function taskFor(caseId: string, userId: string, dueOn: string) {
  await f.t.owner(
    `INSERT INTO case_tasks (hromada_id, case_id, title, assignee_id, due_on, created_by)
     SELECT m.hromada_id, m.case_id, 'Зателефонувати Конфіденційній', m.id, $3, $2 FROM case_team m
     WHERE m.case_id = $1 AND m.user_id = $2`,
    [caseId, userId, dueOn],
  );
}

describe('e-mail reminders of case deadlines', () => {
  it('one e-mail per member of staff lists reviews and tasks due within three days and those overdue, by case number only; each once', async () => {
    const u = await workerWithEmail('iryna.reminders@example.test');
    const soon = await caseWithReview(u.userId, addDays(today, 2));
    const late = await caseWithReview(u.userId, addDays(today, -5));
    const far = await caseWithReview(u.userId, addDays(today, 10));
    const closed = await caseWithReview(u.userId, addDays(today, -1));
    await closeCase(f.t, closed.id, { by: u.username });
    await taskFor(far.id, u.userId, addDays(today, 1));
    const other = await workerWithEmail(null);
    await caseWithReview(other.userId, addDays(today, 1));

    const sent = await sendCaseReminders(f.t.services, today);
    expect(sent).toBeGreaterThanOrEqual(1);
    const mail = await f.smtp.waitForMail('iryna.reminders@example.test');
    expect(mail.subject).toBe('Турбота: 3 строки за випадками');
    expect(mail.text).toContain('Доброго дня, Ірина Нагадуванська!');
    // A whole link to the workload (the server's own address: this app has no PUBLIC_URL).
    expect(mail.text).toMatch(/http:\/\/127\.0\.0\.1:[0-9]+\/cases\/workload/);
    expect(mail.text).toContain(
      `перегляд індивідуального плану випадку ${soon.number} — до ${displayDate(addDays(today, 2))}`,
    );
    expect(mail.text).toContain(`перегляд індивідуального плану випадку ${late.number} прострочено`);
    expect(mail.text).toContain(`ваше завдання за випадком ${far.number} — до ${displayDate(addDays(today, 1))}`);
    expect(mail.text).not.toContain(closed.number);
    expect(mail.text).not.toMatch(new RegExp(`плану випадку ${far.number}`));
    // Nothing personal leaves the platform: no names of persons, no task text.
    expect(mail.text).not.toContain('Конфіденційн');

    // The same day again: nothing new to say.
    const before = f.smtp.mailsTo('iryna.reminders@example.test').length;
    await sendCaseReminders(f.t.services, today);
    await new Promise((r) => setTimeout(r, 300));
    expect(f.smtp.mailsTo('iryna.reminders@example.test')).toHaveLength(before);

    // Days later the review due soon is overdue: reminded once more, as overdue.
    await sendCaseReminders(f.t.services, addDays(today, 3));
    const next = await f.smtp.waitForMail('iryna.reminders@example.test');
    expect(next.text).toContain(`перегляд індивідуального плану випадку ${soon.number} прострочено`);
    expect(next.text).toContain(`ваше завдання за випадком ${far.number} прострочено`);
    expect(next.text).not.toContain(late.number);
    const rows = await f.t.owner<{ kind: string; stage: string }>(
      'SELECT kind, stage FROM case_reminders WHERE user_id = $1 ORDER BY kind, stage',
      [u.userId],
    );
    expect(rows.rows.length).toBeGreaterThanOrEqual(3);
    // A member of staff without an e-mail address gets nothing, and nothing is marked sent for them.
    expect((await f.t.owner('SELECT 1 FROM case_reminders WHERE user_id = $1', [other.userId])).rowCount).toBe(0);
  });
});
