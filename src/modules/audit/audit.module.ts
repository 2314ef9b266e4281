import type { AppModule } from '../../platform/modules.js';
import { auditRoutes } from './audit.routes.js';

/** The audit trail of the current hromada: search (itself audited) and chain verification. */
export const auditModule: AppModule = {
  name: 'audit',
  routes: (services) => auditRoutes(services),
};
