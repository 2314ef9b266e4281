import type { AppModule } from '../../platform/modules.js';
import { caseRoutes } from './cases.routes.js';
import { caseApiRoutes } from './cases.api.js';
import { teamRoutes } from './team.routes.js';
import { teamSection } from './team.sections.js';
import { referralRoutes } from './referral.routes.js';
import { referralSection } from './referral.sections.js';
import { planRoutes } from './plan.routes.js';
import { accessRoutes } from './access.routes.js';
import { workloadRoutes } from './workload.routes.js';
import { caseTypeRoutes } from './case-types.routes.js';
import { applicationSection, householdCardSection, personCardSection } from './cases.sections.js';
import type { CaseSection, CaseServiceTermListener, CaseSignalLink } from './cases.hooks.js';

declare module '../../platform/modules.js' {
  interface Hooks {
    /** Sections of the case page (needs assessments, signals …), read in the page's transaction. */
    caseSections: CaseSection;
    /** Told when a service of a case's plan gets its term (the assessments module schedules the re-assessment). */
    caseServiceTerms: CaseServiceTermListener;
    /** How a case opens from an early-detection signal (the signals module: one contribution). */
    caseSignalLink: CaseSignalLink;
  }
}

import { caseReminderJobs } from './reminders.job.js';
import { CASE_METRICS } from './cases.metrics.js';
/**
 * Case management (ведення випадку): cases of persons and households opened directly or from a granted
 * application, their status, team, timeline and notes; restricted cases (violence, child protection)
 * visible to their team only. On the person card, the household card and the application page through their extension points.
 */
export const casesModule: AppModule = {
  name: 'cases',
  contribute: (hooks) => {
    // A merge of persons moves their cases to the surviving record.
    hooks.add('personLinks', { table: 'cases', column: 'person_id', key: ['id'] });
    // «Випадки» on the person card, and the case of a granted application on its page.
    hooks.add('personCardSections', personCardSection);
    hooks.add('householdCardSections', householdCardSection);
    hooks.add('applicationSections', applicationSection);
    // The case page's own section: the multidisciplinary team, its meetings and tasks.
    hooks.add('caseSections', teamSection);
    hooks.add('caseSections', referralSection);
    // Cases opened and closed, referrals, early-detection signals (decision 0032).
    for (const m of CASE_METRICS) hooks.add('metrics', m);
  },
  // The daily e-mail reminders of plan reviews and team tasks falling due.
  jobs: (services) => services.jobs.register(caseReminderJobs(services)),
  routes: (services, hooks) => async (app) => {
    await app.register(caseRoutes(services));
    await app.register(teamRoutes(services));
    await app.register(referralRoutes(services));
    await app.register(planRoutes(services));
    await app.register(accessRoutes(services));
    await app.register(workloadRoutes(services));
    await app.register(caseTypeRoutes(services));
    await app.register(caseApiRoutes(services, hooks), { prefix: '/api/v1' });
  },
};
