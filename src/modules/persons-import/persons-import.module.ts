import type { AppModule } from '../../platform/modules.js';
import { importJobs } from './import.worker.js';
import { personsImportRoutes } from './persons-import.routes.js';

/** Import of persons and households from CSV/XLSX (pages and the import job) and export of a registry search. */
export const personsImportModule: AppModule = {
  name: 'persons-import',
  jobs: (services) => services.jobs.register(importJobs(services)),
  routes: (services) => personsImportRoutes(services),
};
