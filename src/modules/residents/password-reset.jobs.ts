import type PgBoss from 'pg-boss';
import { auditWriter, type RequestMeta } from '../../platform/audit.js';
import { findUserByEmail, recordAttempt } from './residents.queries.js';
import { issueToken } from './tokens.js';
import { resetMail } from './residents.mail.js';
import { mailKey, MAILS_PER_HOUR, type ResidentServices } from './residents.context.js';

/** The queue of requests for a reset link (the request only queues; the work happens here). */
export const PASSWORD_RESET_QUEUE = 'resident-password-reset';

export interface PasswordResetJob {
  email: string;
  baseUrl: string;
  meta: RequestMeta;
}

/**
 * The queued work: a one-hour, single-use reset link when the address belongs to an active
 * resident (at most MAILS_PER_HOUR per address); nothing otherwise. Returns whether a mail was queued.
 */
export async function processPasswordReset(
  services: Pick<ResidentServices, 'db' | 'jobs'>,
  job: PasswordResetJob,
): Promise<boolean> {
  const mail = await services.db.tx({ hromadaId: null }, async (c) => {
    const user = await findUserByEmail(c, job.email);
    if (!user?.email || user.kind !== 'resident' || !user.active) return null;
    if ((await recordAttempt(c, mailKey(job.email), 60)) > MAILS_PER_HOUR) return null;
    const token = await issueToken(c, user.id, 'reset_password');
    await auditWriter(
      c,
      null,
      job.meta,
    )({
      action: 'resident.password_reset_requested',
      operation: 'auth',
      entityType: 'user',
      entityId: user.id,
    });
    return resetMail(user.email, user.locale, job.baseUrl, token);
  });
  if (mail) await services.jobs.sendMail(mail);
  return mail !== null;
}

/** The queue and, in processes that work jobs, its worker. */
export function passwordResetJobs(services: Pick<ResidentServices, 'db' | 'jobs'>) {
  return async (boss: PgBoss, work: boolean) => {
    await boss.createQueue(PASSWORD_RESET_QUEUE, {
      name: PASSWORD_RESET_QUEUE,
      retryLimit: 3,
      retryDelay: 5,
      expireInSeconds: 600,
    });
    if (!work) return;
    await boss.work<PasswordResetJob>(
      PASSWORD_RESET_QUEUE,
      { pollingIntervalSeconds: 0.5, batchSize: 5 },
      async (jobs) => {
        for (const j of jobs) await processPasswordReset(services, j.data);
      },
    );
  };
}
