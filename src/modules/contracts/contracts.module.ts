import type { AppModule } from '../../platform/modules.js';
import { contractRoutes } from './contracts.routes.js';
import { socialOrderRoutes } from './social-orders.routes.js';
import { personContractsSection } from './contracts.sections.js';

/**
 * Contracts with recipients (art. 22 of the Law «Про соціальні послуги») and the hromada's social orders with their
 * competitive procurement and the volume used (decision 0027); the manager's view of contracts ending soon (with the
 * re-assessment due) and of this year's orders. On the person card through `personCardSections`.
 */
export const contractsModule: AppModule = {
  name: 'contracts',
  contribute: (hooks) => {
    // A merge of persons moves their contracts to the surviving record.
    hooks.add('personLinks', { table: 'recipient_contracts', column: 'person_id', key: ['id'] });
    hooks.add('personCardSections', personContractsSection);
  },
  routes: (services) => async (app) => {
    await app.register(contractRoutes(services));
    await app.register(socialOrderRoutes(services));
  },
};
