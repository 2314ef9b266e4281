/**
 * Reminders the day before a visit (issue 14 item 2): every day at 10:00 Kyiv (a pg-boss schedule) each live visit of
 * tomorrow is claimed once and its person told — in the cabinet, by e-mail and by SMS, as the booking was made — through
 * the notifications' outbox.
 */
import type PgBoss from 'pg-boss';
import type { Services } from '../../services.js';
import { addDays, kyivToday } from '../../platform/dates.js';
import { activeHromadas, claimDueReminders } from './appointments.queries.js';
import { noticeOf } from './booking.js';

export const VISIT_REMINDER_QUEUE = 'visit-reminders';

/** Reminds every live visit of the day after `today`; returns how many were reminded. */
export async function sendVisitReminders(services: Pick<Services, 'db' | 'config'>, today = kyivToday()) {
  const hromadas = await services.db.tx({ hromadaId: null }, (c) => activeHromadas(c));
  let sent = 0;
  for (const hromadaId of hromadas)
    sent += await services.db.tx({ hromadaId }, async (c) => {
      const due = await claimDueReminders(c, hromadaId, addDays(today, 1));
      for (const a of due) await noticeOf(c, services, hromadaId, a.id, 'appointment_reminder', null);
      return due.length;
    });
  return sent;
}

/** The daily schedule and its worker (pg-boss runs each day's job once across processes). */
export function visitReminderJobs(services: Services) {
  return async (boss: PgBoss, work: boolean) => {
    await boss.createQueue(VISIT_REMINDER_QUEUE, { name: VISIT_REMINDER_QUEUE, retryLimit: 2, expireInSeconds: 3600 });
    await boss.schedule(VISIT_REMINDER_QUEUE, '0 10 * * *', {}, { tz: 'Europe/Kyiv' });
    if (!work) return;
    await boss.work(VISIT_REMINDER_QUEUE, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => {
      await sendVisitReminders(services);
    });
  };
}
