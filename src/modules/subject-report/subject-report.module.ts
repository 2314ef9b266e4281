import type { AppModule } from '../../platform/modules.js';
import { subjectReportRoutes } from './subject-report.routes.js';

/** The data-subject report of a person (everything held, and who read or changed it) as a PDF. */
export const subjectReportModule: AppModule = {
  name: 'subject-report',
  routes: (services) => subjectReportRoutes(services),
};
