import type { AppModule } from '../../platform/modules.js';
import { signalRoutes } from './signals.routes.js';
import { signalApiRoutes } from './signals.api.js';
import { residentSignalRoutes } from './resident-signals.routes.js';
import { caseSignalSection, personSignalsSection } from './signals.sections.js';
import { signalCaseLink } from './signals.case-link.js';

/**
 * Early detection (раннє виявлення): signals about a child or an adult at risk, their triage deadline and clock, the
 * mobile brigade's visits, and the outcome — a case (through the cases module's `caseSignalLink`), another agency,
 * or no action. On the case page through `caseSections`.
 */
export const signalsModule: AppModule = {
  name: 'signals',
  contribute: (hooks) => {
    // A merge of persons moves the signals about them to the surviving record.
    hooks.add('personLinks', { table: 'signals', column: 'person_id', key: ['id'] });
    hooks.add('caseSections', caseSignalSection);
    hooks.add('personCardSections', personSignalsSection);
    hooks.add('caseSignalLink', signalCaseLink);
  },
  routes: (services) => async (app) => {
    await app.register(signalRoutes(services));
    await app.register(residentSignalRoutes(services));
    await app.register(signalApiRoutes(services), { prefix: '/api/v1' });
  },
};
