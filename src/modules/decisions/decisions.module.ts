import type { AppModule } from '../../platform/modules.js';
import { setUpOutbox } from './decisions.outbox.js';
import { decisionsRoutes } from './decisions.routes.js';

/**
 * Decisions and receipts (PDF), the public verification and status pages, and the e-mail outbox of
 * notifications (a job polling it in every process that works jobs).
 */
export const decisionsModule: AppModule = {
  name: 'decisions',
  jobs: (services) => setUpOutbox(services),
  routes: (services) => decisionsRoutes(services),
};
