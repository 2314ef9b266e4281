/**
 * E-mail reminders of case deadlines (issue 11 item 3): every morning (07:00 Kyiv, a pg-boss schedule) each member of
 * staff gets one e-mail listing the plan reviews of the cases they manage and their team tasks that fall due within
 * `REMINDER_LEAD_DAYS` days, and — once more — those that became overdue. The e-mail names only case numbers and
 * dates, never a person or a task's text (mail leaves the platform), and links to the worker's page.
 */
import type PgBoss from 'pg-boss';
import type { Services } from '../../services.js';
import { addDays, displayDate, kyivToday } from '../../platform/dates.js';
import { isLocale, translator } from '../../platform/i18n.js';
import type { MailMessage } from '../../platform/mail.js';
import { activeHromadaIds, claimReminders, type ReminderRow } from './reminders.queries.js';
import { publicOrigin } from '../../platform/http.js';

export const REMINDER_QUEUE = 'case-reminders';
/** How many days ahead a review or a task is reminded. */
export const REMINDER_LEAD_DAYS = 3;
/** The most lines one e-mail lists (the rest are counted). */
const MAX_LINES = 30;

/** One member of staff's e-mail from their reminders (all of one user, in due order). */
export function reminderMail(rows: ReminderRow[], publicUrl: string | undefined): MailMessage {
  const first = rows[0];
  const t = translator(isLocale(first.locale) ? first.locale : 'uk');
  const lines = rows
    .slice(0, MAX_LINES)
    .map((r) => t(`cases.reminders.${r.kind}.${r.stage}`, { number: r.case_number, date: displayDate(r.due_on) }));
  if (rows.length > MAX_LINES) lines.push(t('cases.reminders.more', { count: rows.length - MAX_LINES }));
  const link = publicUrl ? t('cases.reminders.link', { url: `${publicUrl.replace(/\/$/, '')}/cases/workload` }) : '';
  return {
    to: first.email,
    subject: t('cases.reminders.subject', { count: rows.length }),
    text: [
      t('cases.reminders.greeting', { name: first.display_name }),
      '',
      ...lines.map((l) => `— ${l}`),
      ...(link ? ['', link] : []),
    ].join('\n'),
  };
}

/**
 * Sends the reminders due `today` in every active hromada: claims them (each once) and queues one e-mail per member
 * of staff. Returns how many e-mails were queued.
 */
export async function sendCaseReminders(services: Pick<Services, 'db' | 'jobs' | 'config'>, today = kyivToday()) {
  const until = addDays(today, REMINDER_LEAD_DAYS);
  const hromadas = await services.db.tx({ hromadaId: null }, (c) => activeHromadaIds(c));
  let sent = 0;
  for (const hromadaId of hromadas) {
    // The e-mails are queued before the claims commit: a failure to queue undoes the claims, so the next run sends
    // them (a failed commit after queueing would send twice — rather that than lose a reminder).
    sent += await services.db.tx({ hromadaId }, async (c) => {
      const byUser = new Map<string, ReminderRow[]>();
      for (const r of await claimReminders(c, hromadaId, today, until))
        byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
      for (const mine of byUser.values())
        await services.jobs.sendMail(reminderMail(mine, publicOrigin(services.config)));
      return byUser.size;
    });
  }
  return sent;
}

/** The daily schedule and its worker (in every app process that works jobs; pg-boss runs each day's job once). */
export function caseReminderJobs(services: Services) {
  return async (boss: PgBoss, work: boolean) => {
    await boss.createQueue(REMINDER_QUEUE, { name: REMINDER_QUEUE, retryLimit: 2, expireInSeconds: 3600 });
    await boss.schedule(REMINDER_QUEUE, '0 7 * * *', {}, { tz: 'Europe/Kyiv' });
    if (!work) return;
    await boss.work(REMINDER_QUEUE, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => {
      await sendCaseReminders(services);
    });
  };
}
