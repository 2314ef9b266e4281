import type { AppModule } from '../../platform/modules.js';
import { issueDecision } from './decisions.issuer.js';
import { decisionsRoutes } from './decisions.routes.js';

/** Decisions and receipts (PDF), and the public verification and status pages. */
export const decisionsModule: AppModule = {
  name: 'decisions',
  contribute: (hooks) => {
    hooks.add('applicationDecisionIssuer', issueDecision);
  },
  routes: (services) => decisionsRoutes(services),
};
