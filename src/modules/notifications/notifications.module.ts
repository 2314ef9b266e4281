import type { AppModule } from '../../platform/modules.js';
import { setUpOutbox } from './notifications.outbox.js';

/**
 * Notifications of applicants: written in the transaction of what happened (registration, a request for
 * documents, a decision, a message …) for the cabinet, and e-mailed through the outbox (a job polling it
 * in every process that works jobs). Other modules call `notifyApplicant`; this module imports none of them.
 */
export const notificationsModule: AppModule = {
  name: 'notifications',
  jobs: (services) => setUpOutbox(services),
};
