import type PgBoss from 'pg-boss';
import type { Services } from '../../services.js';
import { runImport, type RunImportJob } from './use-cases/run-import.js';

export const IMPORT_QUEUE = 'persons-import';

/** The import queue and, in processes that work jobs, its worker (one import at a time per process). */
export function importJobs(services: Services) {
  return async (boss: PgBoss, work: boolean) => {
    await boss.createQueue(IMPORT_QUEUE, { name: IMPORT_QUEUE, retryLimit: 0, expireInSeconds: 3600 });
    if (!work) return;
    await boss.work<RunImportJob>(IMPORT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      for (const job of jobs) await runImport({ services, actor: null, job: job.data });
    });
  };
}
