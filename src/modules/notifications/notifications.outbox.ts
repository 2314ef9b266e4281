import type { Services } from '../../services.js';
import { translator } from '../../platform/i18n.js';
import { claimOutbox, outboxDone } from './notifications.queries.js';

const BATCH = 50;
const t = translator('uk');

/**
 * Hands the e-mails of notifications to the mail queue after their transaction has committed:
 * pending rows are locked (SKIP LOCKED, so several app processes share the work), queued with
 * `jobs.sendMail` and marked. A crash between queueing and marking sends a message twice rather
 * than losing it. Returns how many were queued.
 */
export async function flushOutbox(services: Pick<Services, 'db' | 'jobs' | 'sms'>): Promise<number> {
  return services.db.tx({ hromadaId: null }, async (c) => {
    const rows = await claimOutbox(c, BATCH);
    for (const m of rows) {
      if (m.email_to)
        await services.jobs.sendMail({
          to: m.email_to,
          subject: m.email_subject ?? '',
          text: `${m.text}\n\n${t('notifications.footer')}`,
        });
      if (m.sms_to) await services.sms.send({ to: m.sms_to, text: m.text });
    }
    if (rows.length)
      await outboxDone(
        c,
        rows.map((r) => r.id),
      );
    return rows.length;
  });
}

/** Every app process that works jobs polls the outbox (once a second; stops with the job queue). */
export async function setUpOutbox(services: Services, intervalMs = 1000) {
  await services.jobs.register((boss, work) => {
    if (!work) return Promise.resolve();
    let running = false;
    const timer = setInterval(() => {
      if (running || !services.jobs.isStarted) return;
      running = true;
      flushOutbox(services)
        .catch(() => undefined)
        .finally(() => {
          running = false;
        });
    }, intervalMs);
    timer.unref();
    boss.once('stopped', () => {
      clearInterval(timer);
    });
    return Promise.resolve();
  });
}
