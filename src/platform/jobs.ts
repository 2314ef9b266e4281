import PgBoss from 'pg-boss';
import type { Mailer, MailMessage } from './mail.js';

export const QUEUES = { mail: 'mail' } as const;

/**
 * Background jobs in the same PostgreSQL (pg-boss). Jobs are enqueued in the
 * request and processed by a worker in every app process; a job that fails is
 * retried with backoff.
 */
export class Jobs {
  readonly boss: PgBoss;
  private started = false;

  constructor(
    ownerUrl: string,
    private mailer: Mailer,
  ) {
    this.boss = new PgBoss({ connectionString: ownerUrl, max: 3, application_name: 'turbota-jobs' });
    this.boss.on('error', () => {});
  }

  async start(opts: { work: boolean } = { work: true }) {
    await this.boss.start();
    await this.boss.createQueue(QUEUES.mail, { name: QUEUES.mail, retryLimit: 5, retryDelay: 5, retryBackoff: true });
    this.started = true;
    if (opts.work) {
      await this.boss.work<MailMessage>(QUEUES.mail, { pollingIntervalSeconds: 0.5, batchSize: 5 }, async (jobs) => {
        for (const job of jobs) await this.mailer.send(job.data);
      });
    }
    this.working = opts.work;
    for (const setUp of this.modules) await setUp(this.boss, opts.work);
  }

  private modules: ((boss: PgBoss, work: boolean) => Promise<void>)[] = [];
  private working = false;

  /**
   * A module's own queue and worker: `setUp` creates the queue and, when `work`, its worker.
   * Runs at `start()`, or at once when the jobs have already started.
   */
  async register(setUp: (boss: PgBoss, work: boolean) => Promise<void>) {
    this.modules.push(setUp);
    if (this.started) await setUp(this.boss, this.working);
  }

  get isStarted() {
    return this.started;
  }

  async sendMail(msg: MailMessage) {
    if (!this.started) throw new Error('jobs not started');
    await this.boss.send(QUEUES.mail, msg);
  }

  async stop() {
    if (this.started) await this.boss.stop({ graceful: true, timeout: 5000 });
    this.started = false;
  }
}
