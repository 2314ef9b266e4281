import type PgBoss from 'pg-boss';
import type { Services } from '../../services.js';
import type { HookRegistry } from '../../platform/modules.js';
import { FIGURES_QUEUE, type FiguresJob } from './kept-figures.js';
import { refreshFigures } from './use-cases/refresh-figures.js';

/** The kept figures' queue and, in processes that work jobs, its worker (decision 0035). */
export function figureJobs(services: Services, hooks: HookRegistry) {
  return async (boss: PgBoss, work: boolean) => {
    await boss.createQueue(FIGURES_QUEUE, { name: FIGURES_QUEUE, retryLimit: 2, retryDelay: 30, expireInSeconds: 900 });
    if (!work) return;
    await boss.work<FiguresJob>(FIGURES_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async (jobs) => {
      for (const job of jobs) await refreshFigures({ services, hooks, job: job.data });
    });
  };
}
