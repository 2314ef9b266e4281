import type PgBoss from 'pg-boss';
import type { Services } from '../../services.js';
import type { HookRegistry } from '../../platform/modules.js';
import { runReport, type RunReportJob } from './use-cases/run-report.js';

export const REPORT_QUEUE = 'plan-report';

/** The monitoring reports' queue and, in processes that work jobs, its worker (one report at a time per process). */
export function reportJobs(services: Services, hooks: HookRegistry) {
  return async (boss: PgBoss, work: boolean) => {
    await boss.createQueue(REPORT_QUEUE, { name: REPORT_QUEUE, retryLimit: 1, retryDelay: 5, expireInSeconds: 900 });
    if (!work) return;
    await boss.work<RunReportJob>(REPORT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      for (const job of jobs) await runReport({ services, actor: null, hooks, job: job.data });
    });
  };
}
